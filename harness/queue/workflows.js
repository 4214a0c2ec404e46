'use strict';
/**
 * The queue-mode test's workflows, created and activated over the main process's REST API (the database is
 * PostgreSQL, shared with the workers), and the credential they use: one Wolkvox API credential, so every
 * execution on every worker uses the same token.
 *
 * - per item: Webhook → Wolkvox CRM Record → Create (one contact per request, the default options: one call in
 *   flight per process), answering with the node's output.
 * - bulk: Webhook → Split Out (the request's rows) → Wolkvox CRM Bulk Collections → Upload with its summary item.
 */

const crypto = require('crypto');

const NODE_TYPE = 'n8n-nodes-wolkvox.wolkvoxCrm';
const ITEM_PATH = 'wolkvox-queue-item';
const BULK_PATH = 'wolkvox-queue-bulk';

/** @typedef {import('../n8n/editor').Editor} Editor */

/**
 * Creates the Wolkvox API credential, aimed at the sandbox through its Custom Base URL.
 * @param {Editor} main
 * @param {{sandboxUrl: string, token: string, operation: string}} o
 * @returns {Promise<{id: string, name: string}>}
 */
async function createCredential(main, o) {
	const name = 'Wolkvox Sandbox (queue)';
	const r = await main.rest('POST', '/rest/credentials', {
		name,
		type: 'wolkvoxApi',
		data: { server: 'crm.wolkvox.com', operation: o.operation, token: o.token, customBaseUrl: o.sandboxUrl },
	});
	if (r.status !== 200) throw new Error(`creating the credential failed: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
	return { id: r.body.data.id, name };
}

/** @param {string} path @param {'firstEntryJson'|'allEntries'} responseData @returns {any} */
function webhookNode(path, responseData) {
	return {
		id: crypto.randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: crypto.randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
	};
}

/**
 * One contact per request: `{ id, name }` in the body become `idcontact` and `namecontact`.
 * @param {{id: string, name: string}} credential
 */
function perItemWorkflow(credential) {
	return {
		name: 'queue: one contact per webhook call',
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode(ITEM_PATH, 'firstEntryJson'),
			{
				id: crypto.randomUUID(),
				name: 'Wolkvox CRM',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'record',
					operation: 'create',
					module: 'contacts',
					inputMode: 'fields',
					fields: {
						field: [
							{ name: 'idcontact', valueType: 'string', value: '={{ $json.body.id }}' },
							{ name: 'namecontact', valueType: 'string', value: '={{ $json.body.name }}' },
						],
					},
					options: {},
				},
				credentials: { wolkvoxApi: credential },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Wolkvox CRM', type: 'main', index: 0 }]] } },
	};
}

/**
 * A portfolio load: the request's `rows` (one per obligation) in batches of `batchSize` case files.
 * @param {{id: string, name: string}} credential
 * @param {number} batchSize
 */
function bulkWorkflow(credential, batchSize) {
	const mapping = [
		['caseFile.Identification', 'cedula'],
		['caseFile.Name', 'nombre'],
		['caseFile.Email', 'email'],
		['caseFile.Telephone', 'telefono'],
		['obligation.id', 'obligacion'],
		['obligation.name', 'producto'],
		['obligation.total_balance', 'saldo'],
	].map(([field, column]) => ({ field, column }));
	return {
		name: 'queue: bulk collections load',
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode(BULK_PATH, 'allEntries'),
			{
				id: crypto.randomUUID(),
				name: 'Rows',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.rows', include: 'noOtherFields', options: {} },
			},
			{
				id: crypto.randomUUID(),
				name: 'Wolkvox CRM',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'bulkCollections',
					operation: 'upload',
					inputMode: 'rows',
					keyColumn: '',
					mapping: { column: mapping },
					extraColumns: 'drop',
					dateInputFormat: 'auto',
					batchSize,
					dryRun: false,
					options: { includeSummary: true },
				},
				credentials: { wolkvoxApi: credential },
			},
			{
				// The summary has an output of its own: the webhook answers with the case files, then the summary.
				id: crypto.randomUUID(),
				name: 'Case Files and Summary',
				type: 'n8n-nodes-base.merge',
				typeVersion: 3,
				position: [660, 0],
				parameters: { mode: 'append' },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Wolkvox CRM', type: 'main', index: 0 }]] },
			'Wolkvox CRM': {
				main: [
					[{ node: 'Case Files and Summary', type: 'main', index: 0 }],
					[{ node: 'Case Files and Summary', type: 'main', index: 1 }],
				],
			},
		},
	};
}

/**
 * Creates a workflow and activates (publishes) it, then waits until its webhook is registered: n8n publishes
 * from an outbox, after the REST call has answered.
 * @param {Editor} main
 * @param {import('./postgres').PostgresServer} pg
 * @param {any} workflow
 * @returns {Promise<string>} the workflow id
 */
async function createActiveWorkflow(main, pg, workflow) {
	const created = await main.rest('POST', '/rest/workflows', workflow);
	if (created.status !== 200)
		throw new Error(`creating "${workflow.name}" failed: ${created.status} ${JSON.stringify(created.body).slice(0, 300)}`);
	const { id, versionId } = created.body.data;
	const activated = await main.rest('POST', `/rest/workflows/${id}/activate`, { versionId });
	if (activated.status !== 200)
		throw new Error(`activating "${workflow.name}" failed: ${activated.status} ${JSON.stringify(activated.body).slice(0, 500)}`);
	const deadline = Date.now() + 60000;
	for (;;) {
		const rows = await pg.query(`SELECT count(*) FROM webhook_entity WHERE "workflowId" = '${id.replace(/'/g, '')}'`);
		if (Number(rows.trim()) > 0) return id;
		if (Date.now() > deadline) throw new Error(`the webhook of "${workflow.name}" was not registered within 60 s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

module.exports = {
	ITEM_PATH,
	BULK_PATH,
	createCredential,
	perItemWorkflow,
	bulkWorkflow,
	createActiveWorkflow,
};
