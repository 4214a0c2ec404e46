'use strict';
/**
 * The workflows the editor pictures and the editor tests open, and the sandbox credential they use. Each has a
 * fixed id, so the editor's URL for it is known: /workflow/<id>.
 */

const { sheetRows, validRows } = require('./collectionsSheet');
const { DEFAULT_TOKEN } = require('../sandbox/server');

const NODE_TYPE = 'n8n-nodes-wolkvox.wolkvoxCrm';
/** Node names on the canvas. */
const N = {
	trigger: 'When clicking ‘Execute workflow’',
	sheet: 'Portfolio Sheet',
	crm: 'Wolkvox CRM',
};
const CREDENTIAL = { id: 'wvEditorSandbox1', name: 'Wolkvox Sandbox', type: 'wolkvoxApi' };
const IDS = {
	dryRun: 'wvEditorBulkDry01',
	run: 'wvEditorBulkRun01',
	summary: 'wvEditorBulkSum01',
	record: 'wvEditorRecord001',
};

/**
 * The credential aimed at a running sandbox (its default test token and operation).
 * @param {string} sandboxUrl
 */
function sandboxCredential(sandboxUrl) {
	return {
		...CREDENTIAL,
		data: {
			server: 'crm.wolkvox.com',
			operation: 'demo_operation',
			token: DEFAULT_TOKEN,
			customBaseUrl: sandboxUrl,
		},
	};
}

const credentials = { wolkvoxApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };

/** @param {string} id @param {number} x */
const trigger = (id, x) => ({
	id,
	name: N.trigger,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [x, 0],
	parameters: {},
});

/**
 * The Spanish sheet as a Code node's output, so a run shows it in the node panel's input.
 * @param {string} id @param {object[]} rows
 */
const sheetNode = (id, rows) => ({
	id,
	name: N.sheet,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [220, 0],
	parameters: { jsCode: `return ${JSON.stringify(rows, null, 2)}.map((json) => ({ json }));` },
});

/**
 * Manual trigger → Portfolio Sheet → Wolkvox CRM (Bulk Collections → Upload). The user maps the two columns whose
 * role a header does not say in so many words; the other columns are matched by their header.
 * @param {{id: string, name: string, dryRun: boolean, summary?: boolean, hex: string, rows: object[]}} o hex: 4 hex
 *   digits that make the node ids unique; summary: Include Summary Item
 */
function bulkWorkflow(o) {
	const p = o.hex;
	return {
		id: o.id,
		name: o.name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			trigger(`${p}0000-0000-4000-8000-000000000001`, 0),
			sheetNode(`${p}0000-0000-4000-8000-000000000002`, o.rows),
			{
				id: `${p}0000-0000-4000-8000-000000000003`,
				name: N.crm,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [460, 0],
				...(o.dryRun ? {} : { onError: 'continueErrorOutput' }),
				credentials,
				parameters: {
					resource: 'bulkCollections',
					operation: 'upload',
					inputMode: 'rows',
					mapping: {
						column: [
							{ field: 'caseFile.Identification', column: 'Número Documento' },
							{ field: 'obligation.name', column: 'Producto' },
						],
					},
					dryRun: o.dryRun,
					...(o.summary ? { options: { includeSummary: true } } : {}),
				},
			},
		],
		connections: {
			[N.trigger]: { main: [[{ node: N.sheet, type: 'main', index: 0 }]] },
			[N.sheet]: { main: [[{ node: N.crm, type: 'main', index: 0 }]] },
		},
	};
}

/** Manual trigger → Wolkvox CRM (Record → Create, field by field, no field yet). */
function recordWorkflow() {
	return {
		id: IDS.record,
		name: 'Record create form',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			trigger('ed030000-0000-4000-8000-000000000001', 0),
			{
				id: 'ed030000-0000-4000-8000-000000000002',
				name: N.crm,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				credentials,
				parameters: { resource: 'record', operation: 'create', inputMode: 'fields' },
			},
		],
		connections: { [N.trigger]: { main: [[{ node: N.crm, type: 'main', index: 0 }]] } },
	};
}

/** Every workflow the editor harness imports. */
function editorWorkflows() {
	return [
		// The dry run is the user's first look at a sheet they have checked; the real run has the row to fix.
		bulkWorkflow({
			id: IDS.dryRun,
			name: 'Cartera: dry run',
			dryRun: true,
			hex: 'ed01',
			rows: validRows(),
		}),
		bulkWorkflow({
			id: IDS.run,
			name: 'Cartera: upload',
			dryRun: false,
			hex: 'ed02',
			rows: sheetRows(),
		}),
		bulkWorkflow({
			id: IDS.summary,
			name: 'Cartera: upload with its summary',
			dryRun: false,
			summary: true,
			hex: 'ed03',
			rows: sheetRows(),
		}),
		recordWorkflow(),
	];
}

module.exports = { NODE_TYPE, N, CREDENTIAL, IDS, sandboxCredential, editorWorkflows };
