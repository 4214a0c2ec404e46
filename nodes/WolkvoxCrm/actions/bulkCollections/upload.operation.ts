import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../bulk/batches';
import type { CollectedCaseFiles } from '../../bulk/caseFileShape';
import type { WolkvoxClient } from '../../transport';
import { DEFAULT_BULK_TIMEOUT_SECONDS } from '../../transport/timeouts';
import type { RunContext, WolkvoxOperation } from '../operation';
import { timeoutOption, updateDisplayOptions } from '../properties';
import {
	batchItems,
	describeMapping,
	dryRunItems,
	rowErrorItem,
	summaryItem,
	type OutputSettings,
} from './outputItems';
import { readCaseFiles } from './readInput';
import { batchRequest, sendBatches, type BatchPlan } from './sendBatches';

const MAPPABLE_FIELDS = [
	// A new row starts here, not on a real field: a row whose Field was left alone must not silently become one.
	{ name: '(Choose a Field)', value: '' },
	{ name: 'Case File: Address', value: 'caseFile.Address' },
	{ name: 'Case File: Email', value: 'caseFile.Email' },
	{ name: 'Case File: Identification', value: 'caseFile.Identification' },
	{ name: 'Case File: Name', value: 'caseFile.Name' },
	{ name: 'Case File: Telephone', value: 'caseFile.Telephone' },
	{ name: 'Obligation: Balance Payment', value: 'obligation.balance_payment' },
	{ name: 'Obligation: Days Delay', value: 'obligation.days_delay' },
	{ name: 'Obligation: Expiring Date', value: 'obligation.expiring_date' },
	{ name: 'Obligation: ID', value: 'obligation.id' },
	{ name: 'Obligation: Last Pay', value: 'obligation.last_pay' },
	{ name: 'Obligation: Last Pay Date', value: 'obligation.last_pay_date' },
	{ name: 'Obligation: Name', value: 'obligation.name' },
	{ name: 'Obligation: Portfolio Type', value: 'obligation.portfolio_type' },
	{ name: 'Obligation: Total Balance', value: 'obligation.total_balance' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Input Data',
		name: 'inputMode',
		type: 'options',
		default: 'rows',
		description:
			'What the input items hold: flat sheet rows, ready case files, or a JSON list you write',
		options: [
			{
				name: 'Flat Rows (One per Obligation)',
				value: 'rows',
				description:
					'Rows from a sheet, CSV or database: customer columns repeated on each of their obligation rows; grouped into case files for you',
			},
			{
				name: 'One Item per Case File',
				value: 'caseFiles',
				description: 'Each input item already is a case file with an "Obligations" list',
			},
			{
				name: 'Raw JSON',
				value: 'json',
				description:
					'Give the "collections" list yourself, as JSON: sent as written (no coercion), and wolkvox reports any case file it rejects',
			},
		],
	},
	{
		displayName: 'Group Rows By',
		name: 'keyColumn',
		type: 'string',
		default: '',
		placeholder: 'e.g. Identification',
		description:
			'Column whose value identifies the customer: rows with the same value become one case file, adjacent or not. Type a column name, or drag a column here (an expression is evaluated per row). Leave empty to use the column mapped to Identification.',
		displayOptions: { show: { inputMode: ['rows'] } },
	},
	{
		displayName: 'Column Mapping',
		name: 'mapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Map a Column',
		default: {},
		description:
			'Which column feeds which wolkvox field. Fields you do not map here are matched automatically by column name (English names or common Spanish headers such as Número Documento, Nombre Completo, Teléfono Celular, N° Obligación, Saldo Capital, Días Mora, Fecha Vencimiento). The dry run shows what fed what, and warns about a column that looks like a field but feeds none.',
		displayOptions: { show: { inputMode: ['rows'] } },
		options: [
			{
				name: 'column',
				displayName: 'Column',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						default: '',
						description: 'The wolkvox field this column feeds',
						options: MAPPABLE_FIELDS,
					},
					{
						displayName: 'Column Name',
						name: 'column',
						type: 'string',
						default: '',
						placeholder: 'e.g. cedula',
						description:
							'Name of the column in the input rows, exactly as it appears, or drag the column here from the input panel',
					},
				],
			},
		],
	},
	{
		displayName: 'Other Columns',
		name: 'extraColumns',
		type: 'options',
		default: 'drop',
		description: 'What to do with columns that feed no standard field',
		displayOptions: { show: { inputMode: ['rows'] } },
		options: [
			{ name: 'Ignore Them', value: 'drop' },
			{ name: 'Send as Custom Case File Fields', value: 'caseFile' },
			{ name: 'Send as Custom Obligation Fields', value: 'obligation' },
		],
	},
	{
		displayName: 'Dates in Input',
		name: 'dateInputFormat',
		type: 'options',
		default: 'auto',
		description:
			'How dates are written in your data. Dates are sent as YYYY-MM-DD. Sheet serial numbers (e.g. 45658) and ISO dates are always understood.',
		displayOptions: { show: { inputMode: ['rows', 'caseFiles'] } },
		options: [
			{ name: 'Automatic (Day First for 01/02/2025)', value: 'auto' },
			{ name: 'DD/MM/YYYY', value: 'DD/MM/YYYY' },
			{ name: 'MM/DD/YYYY', value: 'MM/DD/YYYY' },
			{ name: 'YYYY-MM-DD', value: 'YYYY-MM-DD' },
		],
	},
	{
		displayName: 'Collections (JSON)',
		name: 'collectionsJson',
		type: 'json',
		default: '',
		placeholder:
			'[{ "Identification": "1001", "Name": "Ana Pérez", "Email": "ana@example.com", "Telephone": "3001234567", "Obligations": [] }]',
		description:
			'A list of case files, each with Identification, Name, Email, Telephone and an Obligations list, sent as written. Typed once, it is sent once for the whole run; with an expression, once per input item.',
		displayOptions: { show: { inputMode: ['json'] } },
	},
	{
		displayName: 'Case Files per Call',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 5000 },
		default: 100,
		description:
			"How many case files each call carries. Every call spends one use of the token's daily quota, so larger batches save calls.",
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to send nothing and output the exact request bodies and the number of calls they would take',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Summary Item',
				name: 'includeSummary',
				type: 'boolean',
				default: false,
				description:
					'Whether to send one item with the totals (rows, case files, calls, failures, the column mapping) to a second output, Summary, apart from the case files',
			},
			{
				displayName: 'Max Calls per Execution',
				name: 'maxCalls',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Stop after this many calls to protect the token\'s daily quota; case files not sent are reported as "notSent". 0 means no limit.',
			},
			{
				displayName: 'Output',
				name: 'outputMode',
				type: 'options',
				default: 'caseFiles',
				options: [
					{
						name: 'One Item per Case File',
						value: 'caseFiles',
						description: 'Its outcome, paired to its rows',
					},
					{
						name: 'One Item per Call',
						value: 'calls',
						description: "The vendor's summary of each call",
					},
				],
			},
			{
				displayName: 'Pause Between Calls (Ms)',
				name: 'pauseMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Milliseconds to wait between two calls (calls are always sent one after another)',
			},
			timeoutOption('Timeout per Call (Seconds)', DEFAULT_BULK_TIMEOUT_SECONDS),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkCollections'], operation: ['upload'] } },
	properties,
);

interface UploadSettings extends OutputSettings {
	batchSize: number;
	dryRun: boolean;
	maxCalls: number;
	pauseMs: number;
	includeSummary: boolean;
	continueOnFail: boolean;
}

function readSettings(this: IExecuteFunctions): UploadSettings {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		batchSize: Math.max(1, Math.floor(this.getNodeParameter('batchSize', 0, 100) as number)),
		dryRun: this.getNodeParameter('dryRun', 0, false) as boolean,
		maxCalls: Math.max(0, Math.floor((options.maxCalls as number) ?? 0)),
		pauseMs: Math.max(0, (options.pauseMs as number) ?? 0),
		includeSummary: (options.includeSummary as boolean) ?? false,
		outputMode: (options.outputMode as UploadSettings['outputMode']) ?? 'caseFiles',
		continueOnFail: this.continueOnFail(),
		failuresToErrorOutput: this.getNode().onError === 'continueErrorOutput',
	};
}

/** Nothing is sent while any row is invalid, unless the user asked to carry on without those rows. */
function stopOnInvalidRows(
	this: IExecuteFunctions,
	{ rowErrors }: CollectedCaseFiles,
	settings: UploadSettings,
): void {
	if (!rowErrors.length || settings.continueOnFail) return;
	const first = rowErrors[0];
	const listed = rowErrors.slice(0, 10).map((e) => `• ${e.message}`);
	if (rowErrors.length > 10) listed.push(`• … and ${rowErrors.length - 10} more`);
	throw new NodeOperationError(this.getNode(), first.message, {
		itemIndex: first.row,
		description: `${rowErrors.length} input row(s) cannot be sent, so nothing was sent${settings.dryRun ? ' (dry run)' : ''}. Correct them, or set the node's On Error to "Continue" to send the valid rows and output the invalid ones as errors.\n${listed.join('\n')}`,
	});
}

function planCalls(collected: CollectedCaseFiles, settings: UploadSettings): BatchPlan {
	const batches = chunk(collected.caseFiles, settings.batchSize);
	const allowedCalls =
		settings.maxCalls > 0 ? Math.min(settings.maxCalls, batches.length) : batches.length;
	return { batches, allowedCalls };
}

/**
 * Loads case files with their obligations in few calls: read settings → read input → plan batches → send them
 * strictly one after another → output one item per case file, accounting for every input row exactly once.
 */
export const operation: WolkvoxOperation = {
	defaultTimeoutSeconds: DEFAULT_BULK_TIMEOUT_SECONDS,
	allowsParallelRequests: false,
	async execute(this: IExecuteFunctions, client: WolkvoxClient, context: RunContext) {
		const items = this.getInputData();
		const settings = readSettings.call(this);
		const collected = readCaseFiles.call(this, items);
		stopOnInvalidRows.call(this, collected, settings);
		const plan = planCalls(collected, settings);
		const columns = collected.mapping
			? describeMapping(collected.mapping, collected.droppedColumns)
			: undefined;

		const out = collected.rowErrors.map(rowErrorItem);
		if (settings.dryRun) {
			out.push(...dryRunItems(plan, (batch) => client.preview(batchRequest(batch)), columns));
		}
		const totals = settings.dryRun
			? undefined
			: await sendBatches.call(
					this,
					client,
					plan,
					{ ...settings, memory: context.memory },
					(result) => out.push(...batchItems(result, settings)),
				);

		if (!settings.includeSummary) return [out];
		return [
			out,
			[
				summaryItem({
					dryRun: settings.dryRun,
					rows: items.length,
					invalidRows: collected.rowErrors.length,
					caseFiles: collected.caseFiles.length,
					calls: totals ? totals.calls : plan.batches.length,
					callsPlanned: plan.batches.length,
					inserted: totals?.inserted ?? 0,
					failed: totals?.failed ?? 0,
					unconfirmed: totals?.unconfirmed ?? 0,
					notSent: totals?.notSent ?? 0,
					refusalsWaitedOut: client.refusalsWaitedOut,
					...(columns ? { columns } : {}),
				}),
			],
		];
	},
};
