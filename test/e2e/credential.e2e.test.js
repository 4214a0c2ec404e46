'use strict';
/**
 * The credential's own test button, in a real n8n editor: the packed package loaded as a community package,
 * a Wolkvox API credential created over n8n's REST API and tested with POST /rest/credentials/test, against the
 * sandbox. Proves that the test request (a relative URL) reaches the server the credential points at, spends
 * one token use on tokenInformation, and reports a wrong token, all without the token leaking.
 */
const path = require('path');
const h = require('../../harness/n8n/runner');
const { targetFor } = require('../../harness/n8n/matrix');
const { startSandbox } = require('../../harness/sandbox/server.js');

const REPO = path.resolve(__dirname, '../..');
const TOKEN = 'credential-e2e-token-not-secret';
const OPERATION = 'cred_test_op';

jest.setTimeout(300000);

// n8n 2.41 shows a credential test rule's message for an HTTP error; 2.8 shows its own status text instead.
const [major, minor] = targetFor().n8n.split('.').map(Number);
const showsRuleMessages = major > 2 || (major === 2 && minor >= 41);

let sandbox;
let editor;

beforeAll(async () => {
	const t0 = Date.now();
	sandbox = await startSandbox({
		tokens: { [TOKEN]: { operation: OPERATION, quota: 50 } },
		latencyMs: 2,
	});
	const tarball = process.env.WOLKVOX_E2E_TARBALL
		? path.resolve(process.env.WOLKVOX_E2E_TARBALL)
		: await h.packPackage(REPO);
	const folder = await h.createUserFolder({ tarball });
	editor = await h.startEditor({ folder });
	process.stderr.write(
		`[e2e credential] pack + install + editor ready: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
	);
});

afterAll(async () => {
	if (editor) await editor.stop();
	if (sandbox) await sandbox.close();
	h.cleanup();
});

async function testCredential(data) {
	const created = await editor.rest('POST', '/rest/credentials', {
		name: `Wolkvox ${Date.now()}`,
		type: 'wolkvoxApi',
		data,
	});
	expect(created.status).toBe(200);
	const credential = created.body.data;
	const tested = await editor.rest('POST', '/rest/credentials/test', {
		credentials: { id: credential.id, name: credential.name, type: 'wolkvoxApi', data },
	});
	expect(tested.status).toBe(200);
	return tested.body.data;
}

test('n8n lists the credential type with its test and the notice that the test spends a token use', async () => {
	const types = await editor.rest('GET', '/types/credentials.json');
	expect(types.status).toBe(200);
	const wolkvox = types.body.find((t) => t.name === 'wolkvoxApi');
	expect(wolkvox).toBeDefined();
	expect(wolkvox.displayName).toBe('Wolkvox API');
	expect(JSON.stringify(wolkvox.properties)).toMatch(/spends one of the token's daily uses/);
	// The tenant field is not called "Operation", which reads like the node's Operation dropdown.
	const labels = wolkvox.properties.map((p) => p.displayName);
	expect(labels).toContain('CRM Operation (Tenant)');
	expect(labels).not.toContain('Operation');
	expect(wolkvox.properties.find((p) => p.name === 'server').hint).toMatch(/address bar/);
});

test('a good token passes the test, which calls tokenInformation with the operation', async () => {
	sandbox.reset();
	const result = await testCredential({
		server: 'crm0001.wolkvox.com',
		operation: OPERATION,
		token: TOKEN,
		customBaseUrl: sandbox.url,
	});
	expect(result).toMatchObject({ status: 'OK' });
	const calls = sandbox.requests();
	expect(calls).toHaveLength(1);
	expect(calls[0]).toMatchObject({
		method: 'GET',
		path: '/server/API/v2/token/tokenInformation.php',
		status: 200,
		tokenPresent: true,
	});
	expect(calls[0].query).toMatchObject({ operation: OPERATION });
	expect(Object.values(sandbox.stats().perToken)[0].used).toBe(1);
});

test('a wrong token fails the test with the vendor message, and the token is not echoed', async () => {
	sandbox.reset();
	const wrong = 'wrong-credential-token-0000';
	const result = await testCredential({
		server: 'crm0001.wolkvox.com',
		operation: OPERATION,
		token: wrong,
		customBaseUrl: sandbox.url,
	});
	expect(result.status).toBe('Error');
	if (showsRuleMessages) {
		// wolkvox's own words and what to check, not n8n's generic "Forbidden".
		expect(result.message).toContain('PLEASE VALIDATE TOKEN');
		expect(result.message).toContain('Check the Token');
	} else {
		expect(result.message).toMatch(/Forbidden/);
	}
	expect(JSON.stringify(result)).not.toContain(wrong);
	expect(sandbox.requests()[0].status).toBe(403);
});

test('a wrong operation name fails the test', async () => {
	sandbox.reset();
	const result = await testCredential({
		server: 'crm0001.wolkvox.com',
		operation: 'someone_else',
		token: TOKEN,
		customBaseUrl: sandbox.url,
	});
	expect(result.status).toBe('Error');
	if (showsRuleMessages) expect(result.message).toContain('check the CRM Operation');
	expect(sandbox.requests()[0].status).toBe(400);
});

test('a redirect fails the test and the token never reaches the other host', async () => {
	sandbox.reset();
	const other = await startSandbox({ tokens: { [TOKEN]: { operation: OPERATION } } });
	try {
		for (const status of [302, 307]) {
			sandbox.configure({
				fault: {
					mode: 'redirect',
					status,
					location: `${other.url}/server/API/v2/token/tokenInformation.php?operation=${OPERATION}`,
				},
			});
			const result = await testCredential({
				server: 'crm0001.wolkvox.com',
				operation: OPERATION,
				token: TOKEN,
				customBaseUrl: sandbox.url,
			});
			expect(result.status).toBe('Error');
			expect(JSON.stringify(result)).not.toContain(TOKEN);
		}
		expect(other.requests()).toHaveLength(0);
	} finally {
		sandbox.configure({ fault: null });
		await other.close();
	}
});
