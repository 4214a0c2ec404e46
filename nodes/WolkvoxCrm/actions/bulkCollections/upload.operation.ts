import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	chunk,
	type ResolvedMapping,
	type CaseFileDraft,
	type ExtraColumns,
} from '../../helpers/caseFiles';
import type { InputDateFormat } from '../../helpers/dates';
import {
	boundedEntry,
	outcomesForBatch,
	readBulkSummary,
	type CaseFileOutcome,
} from '../../helpers/bulkSummary';
import { attempt, FAILED, tryCall } from '../../helpers/attempt';
import { parseColumnMapping } from '../../helpers/columnMapping';
import { toNodeApiError, WolkvoxApiError, type WolkvoxClient } from '../../transport';
import { describeDone, errorItem, timeoutOption, updateDisplayOptions } from '../common';
import type { RerunMemory } from '../rerunMemory';
import { DEFAULT_BULK_TIMEOUT_SECONDS } from '../../transport/timeouts';
import type { WolkvoxEnvelope } from '../../transport/response';
import { parseJsonParameter } from '../../helpers/values';
import {
	caseFilesFromObjects,
	caseFilesFromRawJson,
	caseFilesFromRows,
	type CollectedCaseFiles,
	type RawJsonSource,
} from './collectCaseFiles';

export const BULK_ENDPOINT = 'collections/massiveCollections.php';

const MAPPABLE_FIELDS = [
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
			'Which column feeds which wolkvox field. Fields you do not map here are matched automatically by column name (English names or common Spanish headers such as identificacion, nombre, telefono, saldo_total, dias_mora, fecha_vencimiento).',
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
						default: 'caseFile.Identification',
						description: 'The wolkvox field this column feeds',
						options: MAPPABLE_FIELDS,
					},
					{
						displayName: 'Column Name',
						name: 'column',
						type: 'string',
						default: '',
						placeholder: 'e.g. cedula',
						description: 'Name of the column in the input rows, exactly as it appears',
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
					'Whether to add one last item with the totals: rows, case files, calls, failures',
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

interface UploadSettings {
	batchSize: number;
	dryRun: boolean;
	maxCalls: number;
	pauseMs: number;
	includeSummary: boolean;
	outputMode: 'caseFiles' | 'calls';
}

/** Turns the input items into case files according to the chosen input mode. */
function collect(this: IExecuteFunctions, items: INodeExecutionData[]): CollectedCaseFiles {
	const inputMode = this.getNodeParameter('inputMode', 0) as 'rows' | 'caseFiles' | 'json';
	const dateInputFormat = this.getNodeParameter('dateInputFormat', 0, 'auto') as InputDateFormat;
	if (inputMode === 'rows') {
		// A column dragged into "Group Rows By" becomes an expression like {{ $json.cedula }}: its value differs
		// per row, so it is evaluated per row; plain text is a column name.
		const rawKey = this.getNode().parameters.keyColumn;
		// A row whose grouping expression fails gets no key (so it is a row error, never sent) and says why.
		const keyFailures = new Map<number, string>();
		const keys =
			typeof rawKey === 'string' && rawKey.startsWith('=')
				? items.map((_, i) => {
						const key = tryCall(() => this.getNodeParameter('keyColumn', i, ''));
						if ('value' in key) return key.value;
						keyFailures.set(i, (key.error as Error).message ?? String(key.error));
						return undefined;
					})
				: undefined;
		// An expression can make this parameter any value: a shape that cannot work is the mapping's problem,
		// reported like a column no row has.
		const mapping = tryCall(() =>
			parseColumnMapping(this.getNodeParameter('mapping.column', 0, [])),
		);
		const collected: CollectedCaseFiles =
			'error' in mapping
				? {
						caseFiles: [],
						rowErrors: [],
						mappingProblem: (mapping.error as Error).message,
					}
				: caseFilesFromRows(
						items.map((item) => item.json),
						{
							keyColumn: keys ? undefined : (this.getNodeParameter('keyColumn', 0, '') as string),
							keys,
							mapping: mapping.value,
							extraColumns: this.getNodeParameter('extraColumns', 0, 'drop') as ExtraColumns,
							dateInputFormat,
						},
					);
		if (keyFailures.size) {
			collected.rowErrors = [
				...collected.rowErrors.filter((e) => !keyFailures.has(e.row)),
				...[...keyFailures].map(([row, reason]) => ({
					row,
					field: 'Group Rows By',
					message: `Item ${row}: "Group Rows By" could not be evaluated: ${reason}`,
				})),
			].sort((a, b) => a.row - b.row);
		}
		if (collected.mappingProblem && !this.continueOnFail()) {
			throw new NodeOperationError(this.getNode(), collected.mappingProblem, {
				description:
					'Nothing was sent. Correct the Column Mapping (column names must match exactly).',
			});
		}
		if (collected.mappingProblem) {
			// n8n would pass the input rows to the success output; say for each row why it was not sent instead.
			const message = collected.mappingProblem;
			collected.rowErrors = items.map((_, row) => ({ row, field: 'Column Mapping', message }));
		}
		return collected;
	}
	if (inputMode === 'caseFiles') {
		return caseFilesFromObjects(
			items.map((item, index) => ({ value: item.json, item: index })),
			dateInputFormat,
		);
	}
	// JSON typed once is one payload for the whole run, not one per input item: read it once and tie its case
	// files to every item. An expression is read per item.
	const raw = this.getNode().parameters.collectionsJson;
	const perItem = typeof raw === 'string' && raw.startsWith('=');
	const readSource = (index: number, sourceItems: number[]): RawJsonSource => {
		const value = tryCall(() => this.getNodeParameter('collectionsJson', index, ''));
		if ('error' in value) {
			const reason = (value.error as Error).message ?? String(value.error);
			return { items: sourceItems, unreadable: reason };
		}
		const parsed = attempt(() =>
			parseJsonParameter(value.value, 'collections', 'a list of case files'),
		);
		return parsed === FAILED
			? { items: sourceItems, invalidJson: true }
			: { items: sourceItems, parsed };
	};
	const sources = perItem
		? items.map((_, i) => readSource(i, [i]))
		: [
				readSource(
					0,
					items.map((_, i) => i),
				),
			];
	return caseFilesFromRawJson(sources);
}

/** Which column fed which field (automatic matches included) and the columns not sent: shown so a wrong guess is seen. */
function describeMapping(mapping: ResolvedMapping, dropped: string[] = []): IDataObject {
	return {
		caseFile: { ...mapping.caseFile },
		obligation: { ...mapping.obligation },
		matchedAutomatically: mapping.automatic,
		otherColumns: mapping.extraColumns,
		...(dropped.length ? { notSent: dropped } : {}),
	};
}

const pairedTo = (rows: number[]): IPairedItemData[] => rows.map((item) => ({ item }));

function caseFileItem(
	draft: CaseFileDraft,
	outcome: CaseFileOutcome,
	call: number | null,
): INodeExecutionData {
	const json: IDataObject = {
		Identification: draft.body.Identification,
		status: outcome.status,
		obligations: draft.body.Obligations.length,
		call,
	};
	if (outcome.reason) json.reason = outcome.reason;
	if (outcome.vendorEntry !== undefined) json.vendorEntry = outcome.vendorEntry as IDataObject;
	if (draft.conflicts.length) {
		json.conflicts = draft.conflicts.map((c) => ({
			...c,
			note: 'rows disagree; the first row wins',
		}));
	}
	return { json, pairedItem: pairedTo(draft.rows) };
}

/**
 * Loads case files with their obligations in few calls: validates every row first, then sends batches strictly
 * one after another, and accounts for every input row in exactly one output or error item.
 */
export async function execute(
	this: IExecuteFunctions,
	client: WolkvoxClient,
	memory?: RerunMemory,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const settings: UploadSettings = {
		batchSize: Math.max(1, Math.floor(this.getNodeParameter('batchSize', 0, 100) as number)),
		dryRun: this.getNodeParameter('dryRun', 0, false) as boolean,
		maxCalls: Math.max(0, Math.floor((options.maxCalls as number) ?? 0)),
		pauseMs: Math.max(0, (options.pauseMs as number) ?? 0),
		includeSummary: (options.includeSummary as boolean) ?? false,
		outputMode: (options.outputMode as UploadSettings['outputMode']) ?? 'caseFiles',
	};
	const continueOnFail = this.continueOnFail();
	// With "Continue (using error output)", case files wolkvox did not load go to the error output too.
	const failuresToErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const collected = collect.call(this, items);
	const { caseFiles, rowErrors } = collected;

	// Nothing is sent while any row is invalid, unless the user asked to carry on without those rows.
	if (rowErrors.length && !continueOnFail) {
		const first = rowErrors[0];
		const listed = rowErrors.slice(0, 10).map((e) => `• ${e.message}`);
		if (rowErrors.length > 10) listed.push(`• … and ${rowErrors.length - 10} more`);
		throw new NodeOperationError(this.getNode(), first.message, {
			itemIndex: first.row,
			description: `${rowErrors.length} input row(s) cannot be sent, so nothing was sent${settings.dryRun ? ' (dry run)' : ''}. Correct them, or set the node's On Error to "Continue" to send the valid rows and output the invalid ones as errors.\n${listed.join('\n')}`,
		});
	}
	const out: INodeExecutionData[] = rowErrors.map((e) =>
		errorItem(
			{
				message: e.message,
				description: 'This row was not sent. Correct it and load it again.',
			},
			{ item: e.row },
		),
	);

	const batches = chunk(caseFiles, settings.batchSize);
	const allowedCalls =
		settings.maxCalls > 0 ? Math.min(settings.maxCalls, batches.length) : batches.length;
	const totals: Record<CaseFileOutcome['status'] | 'calls', number> = {
		inserted: 0,
		failed: 0,
		unconfirmed: 0,
		notSent: 0,
		calls: 0,
	};
	const operation = client.operationName;
	const columns = collected.mapping
		? describeMapping(collected.mapping, collected.droppedColumns)
		: undefined;

	if (settings.dryRun) {
		batches.forEach((batch, k) => {
			const rows = batch.flatMap((d) => d.rows);
			out.push({
				json: {
					dryRun: true,
					call: k + 1,
					calls: batches.length,
					wouldBeSent: k < allowedCalls,
					caseFiles: batch.length,
					rows: rows.length,
					endpoint: BULK_ENDPOINT,
					...(k === 0 && columns ? { columns } : {}),
					body: { operation, collections: batch.map((d) => d.body) } as unknown as IDataObject,
				},
				pairedItem: pairedTo(rows),
			});
		});
	} else {
		let stopReason: string | undefined;
		// Case files the CRM has (or may have), named when the node stops, so a re-run is not a surprise.
		const loaded: Array<{ index: number; key: string }> = [];
		const maybeLoaded: Array<{ index: number; key: string }> = [];
		for (let k = 0; k < batches.length; k++) {
			const batch = batches[k];
			if (!stopReason && k >= allowedCalls) {
				stopReason = `Not sent: the limit of ${settings.maxCalls} call(s) per execution was reached`;
			}
			if (stopReason) {
				totals.notSent += batch.length;
				emitBatch(
					out,
					batch,
					batch.map(() => ({ status: 'notSent', reason: stopReason })),
					null,
					settings,
					failuresToErrorOutput,
				);
				continue;
			}
			const request = {
				method: 'POST' as const,
				endpoint: BULK_ENDPOINT,
				body: { collections: batch.map((d) => d.body) as unknown as IDataObject[] },
				successRule: 'bulk' as const,
			};
			// A re-run by Retry On Fail in the same execution gets what this call already did, without sending it.
			const memoryKey = memory?.key(`bulk call ${k}`, request);
			const earlier = memoryKey ? memory?.get(memoryKey) : undefined;
			if (!earlier && k > 0 && settings.pauseMs > 0) await sleep(settings.pauseMs);
			const outcome =
				earlier?.kind === 'done'
					? { body: earlier.value as WolkvoxEnvelope }
					: earlier
						? { error: new WolkvoxApiError(earlier.failure) }
						: await client.send(request).then(
								({ body }) => ({ body }),
								(error: unknown) => ({ error }),
							);
			if (!earlier) totals.calls++;
			if ('body' in outcome) {
				if (memoryKey && !earlier)
					memory?.remember(memoryKey, { kind: 'done', value: outcome.body });
				const summary = readBulkSummary(outcome.body);
				const { outcomes } = outcomesForBatch(
					batch.map((d) => String(d.body.Identification ?? '')),
					summary,
				);
				for (const [i, o] of outcomes.entries()) {
					totals[o.status]++;
					const entry = { index: k * settings.batchSize + i, key: caseFileKey(batch[i]) };
					if (o.status === 'inserted') loaded.push(entry);
					if (o.status === 'unconfirmed') maybeLoaded.push(entry);
				}
				emitBatch(
					out,
					batch,
					outcomes,
					k + 1,
					settings,
					failuresToErrorOutput,
					callSummary(outcome.body),
				);
				continue;
			}
			if (!(outcome.error instanceof WolkvoxApiError)) {
				throw new NodeOperationError(this.getNode(), outcome.error as Error);
			}
			const { failure } = outcome.error;
			if (failure.outcome === 'unknown' && memoryKey && !earlier) {
				memory?.remember(memoryKey, { kind: 'unknown', failure });
			}
			const first = batch[0].body.Identification;
			const last = batch[batch.length - 1].body.Identification;
			const context = `Bulk Collections call ${k + 1} of ${batches.length} (${batch.length} case files, Identification ${first} to ${last})`;
			const nodeError = toNodeApiError(this, outcome.error, undefined, context);
			if (!continueOnFail) {
				nodeError.description = `${failure.outcome === 'unknown' ? `Outcome unknown: the case files of this call may have been loaded; check the CRM for them before loading them again. ` : ''}${failure.description}\n${describeDone(loaded, maybeLoaded, 'case file')}`;
				throw nodeError;
			}
			const unknown = failure.outcome === 'unknown';
			totals[unknown ? 'unconfirmed' : 'failed'] += batch.length;
			emitBatch(
				out,
				batch,
				batch.map((d) => ({
					status: unknown ? 'unconfirmed' : 'failed',
					reason: unknown
						? `${nodeError.message}. Case file ${d.body.Identification} may have been loaded: check the CRM before loading it again`
						: nodeError.message,
				})),
				k + 1,
				settings,
				failuresToErrorOutput,
			);
			// A token, quota or host problem fails every later call too: stop spending calls on it.
			if (failure.stopsLaterCalls) {
				stopReason = `Not sent: an earlier call failed (${failure.message})`;
			}
		}
	}

	if (settings.includeSummary) {
		out.push({
			json: {
				summary: true,
				dryRun: settings.dryRun,
				rows: items.length,
				invalidRows: rowErrors.length,
				caseFiles: caseFiles.length,
				calls: settings.dryRun ? batches.length : totals.calls,
				callsPlanned: batches.length,
				inserted: totals.inserted,
				failed: totals.failed,
				unconfirmed: totals.unconfirmed,
				notSent: totals.notSent,
				refusalsWaitedOut: client.refusalsWaitedOut,
				...(columns ? { columns } : {}),
			},
			// Derived from every row. Pairing it to all of them would make downstream $('…').item lookups ambiguous,
			// and pairing it to none breaks them: it stands for the run, so it is tied to the first item.
			pairedItem: { item: 0 },
		});
	}
	return out;
}

const caseFileKey = (draft: CaseFileDraft) =>
	`Identification ${String(draft.body.Identification ?? '')}`;

/** Most failed case files listed in a per-call item; the counts say the rest. */
const MAX_LISTED_FAILURES = 100;

/** The vendor's summary of one call for the per-call output, its failure list bounded. */
function callSummary(body: WolkvoxEnvelope): IDataObject | undefined {
	if (!body.summary || typeof body.summary !== 'object') return undefined;
	const summary = { ...(body.summary as IDataObject) };
	const failures = summary.failed_Sumary;
	if (Array.isArray(failures)) {
		summary.failed_Sumary = [
			...failures.slice(0, MAX_LISTED_FAILURES).map(boundedEntry),
			...(failures.length > MAX_LISTED_FAILURES
				? [`(${failures.length - MAX_LISTED_FAILURES} more; see each case file's item)`]
				: []),
		] as IDataObject[];
	}
	return summary;
}

function emitBatch(
	out: INodeExecutionData[],
	batch: CaseFileDraft[],
	outcomes: CaseFileOutcome[],
	call: number | null,
	settings: UploadSettings,
	failuresToErrorOutput: boolean,
	vendorSummary?: IDataObject,
): void {
	if (settings.outputMode === 'calls') {
		const counts: IDataObject = {};
		for (const o of outcomes) counts[o.status] = ((counts[o.status] as number) ?? 0) + 1;
		out.push({
			json: {
				call,
				caseFiles: batch.length,
				outcomes: counts,
				summary: vendorSummary ?? null,
				...(outcomes[0]?.reason && outcomes.every((o) => o.reason === outcomes[0].reason)
					? { reason: outcomes[0].reason }
					: {}),
			},
			pairedItem: pairedTo(batch.flatMap((d) => d.rows)),
		});
		return;
	}
	batch.forEach((draft, i) => {
		const outcome = outcomes[i];
		if (failuresToErrorOutput && outcome.status === 'failed') {
			const id = draft.body.Identification;
			out.push(
				errorItem(
					{
						message: `Case file ${id} was not loaded${call ? ` (call ${call})` : ''}: ${outcome.reason ?? 'wolkvox reported a failure'}`,
						description:
							'Correct the case file and load it again; the other case files are unaffected.',
					},
					pairedTo(draft.rows),
				),
			);
		} else {
			out.push(caseFileItem(draft, outcome, call));
		}
	});
}
