'use strict';
/**
 * What the demo runs: demo/wolkvox-demo.workflow.json, its node names, the sandbox credential it uses, the invalid
 * row it holds on purpose, and the debtor who calls in it, whose case file "last month's load" left in the CRM.
 */

const fs = require('fs');
const path = require('path');
const { DEFAULT_TOKEN } = require('../sandbox/server');

const REPO = path.resolve(__dirname, '..', '..');
const WORKFLOW_FILE = path.join(REPO, 'demo', 'wolkvox-demo.workflow.json');
const WORKFLOW_ID = 'wvDemoWorkflow01';
const CREDENTIAL = { id: 'wvDemoSandbox001', name: 'Wolkvox Sandbox (demo)', type: 'wolkvoxApi' };
const SANDBOX_TOKEN = DEFAULT_TOKEN; // the sandbox's fake default token
const SANDBOX_OPERATION = 'demo_operation';
/** A login for the local demo editor only (n8n wants 8+ characters, a digit and an upper-case letter). */
const DEMO_OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Wolkvox',
	password: 'WolkvoxDemo2026',
};

/** Node names in demo/wolkvox-demo.workflow.json */
const N = {
	sheet: 'Portfolio Sheet',
	bulk: 'Load Portfolio',
	fix: 'Rows to Fix',
	caller: 'Debtor Who Called',
	find: 'Find Case File',
	gestion: 'Log Gestion',
	task: 'Follow-up Task',
};
/** The demo sheet holds one invalid row on purpose: sheet row 11, balance "pendiente". */
const EXPECTED_INVALID = [{ sheetRow: 11, column: 'saldo_total' }];
/** The debtor who calls, as last month's load left her case file in the CRM (loaded by seedCallerCaseFile). */
const CALLER_CASE_FILE = {
	Identification: '1020304050',
	Name: 'Daniela Castaño',
	Email: 'daniela.castano@example.com',
	Telephone: '3157654321',
	Address: 'Calle 5 #38-25, Cali',
	Obligations: [
		{
			id: 'LB-55012',
			name: 'Libranza',
			total_balance: '2600000',
			expiring_date: '2027-02-28',
			days_delay: '32',
		},
	],
};

/** The credential the demo imports, aimed at the sandbox. @param {string} sandboxUrl */
function sandboxCredential(sandboxUrl) {
	return {
		...CREDENTIAL,
		data: {
			server: 'crm.wolkvox.com',
			operation: SANDBOX_OPERATION,
			token: SANDBOX_TOKEN,
			customBaseUrl: sandboxUrl,
		},
	};
}

/**
 * Loads the caller's case file into the sandbox as last month's load, through the API (one call).
 * @param {import('../sandbox/server').Sandbox} sb
 * @returns {Promise<{wolkvoxId: string, seq: number}>}
 */
async function seedCallerCaseFile(sb) {
	const res = await fetch(`${sb.apiBase}/collections/massiveCollections.php`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'wolkvox-token': SANDBOX_TOKEN },
		body: JSON.stringify({ operation: SANDBOX_OPERATION, collections: [CALLER_CASE_FILE] }),
	});
	const body = await res.json();
	if (res.status !== 200 || !body.success)
		throw new Error(`seeding the caller's case file failed: ${res.status} ${JSON.stringify(body)}`);
	const stored = sb
		.store()
		.caseFiles.find((c) => c.Identification === CALLER_CASE_FILE.Identification);
	const seq = Math.max(0, ...sb.requests({}).map((r) => r.seq));
	return { wolkvoxId: /** @type {any} */ (stored).wolkvox_id, seq };
}

/** The demo workflow as the repository holds it: the caller's case file is found by the workflow itself. */
function demoWorkflow() {
	return JSON.parse(fs.readFileSync(WORKFLOW_FILE, 'utf8'));
}

module.exports = {
	REPO,
	WORKFLOW_ID,
	CREDENTIAL,
	SANDBOX_TOKEN,
	SANDBOX_OPERATION,
	DEMO_OWNER,
	N,
	EXPECTED_INVALID,
	CALLER_CASE_FILE,
	sandboxCredential,
	seedCallerCaseFile,
	demoWorkflow,
};
