'use strict';
/**
 * Fixtures for the real-n8n e2e runs: the credentials (pointing at a running wolkvox sandbox) and the
 * workflow files in ./workflows (Manual Trigger → Code "Input Rows" → "Wolkvox CRM").
 * Every workflow and credential has a fixed id, so `n8n import:*` upserts and `execute --id` is stable.
 */

const fs = require('fs');
const path = require('path');

const NODE_TYPE = 'n8n-nodes-wolkvox.wolkvoxCrm';
const NODE_NAME = 'Wolkvox CRM';
const INPUT_NODE = 'Input Rows';
const WORKFLOW_DIR = path.join(__dirname, 'workflows');

/** The sandbox's defaults (harness/sandbox/README.md). */
const SANDBOX_TOKEN = 'sandbox-token-0001';
const SANDBOX_OPERATION = 'demo_operation';

const CREDENTIAL_ID = 'wvSandboxCred001';
const CREDENTIAL_NAME = 'Wolkvox Sandbox';
const BAD_TOKEN_CREDENTIAL_ID = 'wvBadTokenCred01';
const BAD_TOKEN_CREDENTIAL_NAME = 'Wolkvox Sandbox (wrong token)';
/** Aimed at a second sandbox whose fault mode a test sets (e.g. a refused first call). */
const FAULTY_CREDENTIAL_ID = 'wvFaultyCred001';
const FAULTY_CREDENTIAL_NAME = 'Wolkvox Faulty Sandbox';

/**
 * The credentials every fixture workflow references, aimed at a sandbox through "Custom Base URL".
 * @param {string} sandboxUrl e.g. http://127.0.0.1:8787 (scheme, host and port only)
 * @param {{token?: string, operation?: string, faultyUrl?: string}} [o] faultyUrl: a second sandbox for fault fixtures
 * @returns {import('../../harness/n8n/runner').CredentialFixture[]}
 */
function sandboxCredentials(sandboxUrl, o = {}) {
	const base = {
		server: 'crm.wolkvox.com',
		operation: o.operation || SANDBOX_OPERATION,
		customBaseUrl: sandboxUrl,
	};
	return [
		{
			id: CREDENTIAL_ID,
			name: CREDENTIAL_NAME,
			type: 'wolkvoxApi',
			data: { ...base, token: o.token || SANDBOX_TOKEN },
		},
		{
			id: BAD_TOKEN_CREDENTIAL_ID,
			name: BAD_TOKEN_CREDENTIAL_NAME,
			type: 'wolkvoxApi',
			data: { ...base, token: 'not-a-known-token' },
		},
		...(o.faultyUrl
			? [
					{
						id: FAULTY_CREDENTIAL_ID,
						name: FAULTY_CREDENTIAL_NAME,
						type: 'wolkvoxApi',
						data: { ...base, customBaseUrl: o.faultyUrl, token: o.token || SANDBOX_TOKEN },
					},
				]
			: []),
	];
}

/**
 * Loads the workflow fixtures.
 * @param {string[]} [only] workflow ids or file-name fragments to keep (all when empty)
 * @returns {Array<{file: string, id: string, name: string, notes: string, workflow: any}>}
 */
function loadWorkflows(only = []) {
	return fs
		.readdirSync(WORKFLOW_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = path.join(WORKFLOW_DIR, f);
			const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
			return {
				file,
				id: workflow.id,
				name: workflow.name,
				notes: (workflow.meta && workflow.meta.e2eNotes) || '',
				workflow,
			};
		})
		.filter((w) => !only.length || only.some((o) => w.id === o || w.file.includes(o)));
}

/**
 * The rows the "Input Rows" Code node of a fixture produces (parsed from its jsCode).
 * @param {any} workflow
 * @returns {any[]}
 */
function inputRowsOf(workflow) {
	const code = workflow.nodes.find((n) => n.name === INPUT_NODE).parameters.jsCode;
	return JSON.parse(code.slice('return '.length, code.lastIndexOf('].map(') + 1));
}

/** Case files the flows find by Identification, loaded in bulk before the batch as last month's load would have. */
const SEEDED_CASE_FILES = [
	{
		Identification: '0077000111',
		Name: 'Ana Flujo',
		Email: 'ana.flujo@example.com',
		Telephone: '3001110000',
		Obligations: [{ id: 'OBL-F1', name: 'Loan F1', total_balance: '900000' }],
	},
	{
		Identification: '0077000222',
		Name: 'Bruno Flujo',
		Email: 'bruno.flujo@example.com',
		Telephone: '3002220000',
		Obligations: [{ id: 'OBL-F2', name: 'Loan F2', total_balance: '450000' }],
	},
	{
		Identification: '0077000333',
		Name: 'Carla Pago',
		Email: 'carla.pago@example.com',
		Telephone: '3003330000',
		Obligations: [
			{ id: 'OBL-PAY-1', name: 'Card', total_balance: '120000', days_delay: '5' },
			{
				id: 'OBL-PAY-2',
				name: 'Loan',
				total_balance: '1500000',
				days_delay: '33',
				last_pay: '100000',
				last_pay_date: '2026-10-01',
			},
		],
	},
];

/** Contacts the case flow opens cases for (a case names its contact by e-mail). */
const SEEDED_CONTACTS = [
	{ namecontact: 'Diana Caso', idcontact: '0077000444', emailcontact: 'diana.caso@example.com' },
];

/** One API call straight to the sandbox, as the CRM's data would come about outside the workflows. */
async function callSandbox(sandbox, endpoint, body) {
	const response = await fetch(`${sandbox.url}/server/API/v2/${endpoint}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'Wolkvox-Token': SANDBOX_TOKEN },
		body: JSON.stringify({ operation: SANDBOX_OPERATION, ...body }),
	});
	return { ok: response.ok, body: await response.json() };
}

/** Loads what the flows expect the CRM to hold already: the case files and the contacts. */
async function seedSandbox(sandbox) {
	const load = await callSandbox(sandbox, 'collections/massiveCollections.php', { collections: SEEDED_CASE_FILES });
	if (!load.ok || load.body.summary.failed_count !== 0)
		throw new Error(`seeding case files failed: ${JSON.stringify(load.body)}`);
	for (const fields of SEEDED_CONTACTS) {
		const insert = await callSandbox(sandbox, 'custom/insert.php', { module: 'contacts', fields });
		if (!insert.ok) throw new Error(`seeding a contact failed: ${JSON.stringify(insert.body)}`);
	}
}

module.exports = {
	seedSandbox,
	NODE_TYPE,
	NODE_NAME,
	INPUT_NODE,
	WORKFLOW_DIR,
	SANDBOX_TOKEN,
	SANDBOX_OPERATION,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	BAD_TOKEN_CREDENTIAL_ID,
	FAULTY_CREDENTIAL_ID,
	sandboxCredentials,
	loadWorkflows,
	inputRowsOf,
};
