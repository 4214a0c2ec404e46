/**
 * Tests of the in-process engine harness itself, with a dummy node + dummy credentials against a loopback
 * HTTP server: expression resolution per item, generic and function `authenticate`, continueOnFail
 * error-output routing, paired-item (`$('Node').item`) resolution downstream, retryOnFail.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import {
	COLLECT_TYPE,
	connect,
	EVALUATE_TYPE,
	HARNESS_NODE_TYPES,
	INPUT_NODE,
	node,
	PASS_TYPE,
	runWorkflow,
} from '../../../harness/engine/engine';

// ---------------------------------------------------------------------------------------------------------
// Loopback server: records every request; POST /echo answers { echo: body, tenant }; name "fail" → 500;
// name "flaky" fails on its first call only.
// ---------------------------------------------------------------------------------------------------------

interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: IDataObject;
}
const seen: Seen[] = [];
const flakyCalls = new Map<string, number>();
let baseUrl = '';

const server = http.createServer((req, res) => {
	let raw = '';
	req.on('data', (chunk) => (raw += chunk));
	req.on('end', () => {
		const body = (raw ? JSON.parse(raw) : {}) as IDataObject;
		seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
		const reply = (status: number, payload: unknown) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(payload));
		};
		const url = new URL(req.url ?? '/', 'http://x');
		if (body.name === 'fail') return reply(500, { message: 'boom' });
		if (body.name === 'flaky') {
			const n = (flakyCalls.get(String(body.run)) ?? 0) + 1;
			flakyCalls.set(String(body.run), n);
			if (n === 1) return reply(503, { message: 'try again' });
		}
		return reply(200, { echo: body, tenant: url.searchParams.get('tenant') });
	});
});

beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	seen.length = 0;
});

// ---------------------------------------------------------------------------------------------------------
// Dummy credentials: one generic (header + qs), one function-style.
// ---------------------------------------------------------------------------------------------------------

class DummyGenericApi implements ICredentialType {
	name = 'dummyGenericApi';
	displayName = 'Dummy Generic API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string' as const, default: '' },
		{ displayName: 'Tenant', name: 'tenant', type: 'string' as const, default: 'default-tenant' },
	];
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-Api-Key': '={{$credentials.apiKey}}' },
			qs: { tenant: '={{$credentials.tenant}}' },
		},
	};
}

class DummyFunctionApi implements ICredentialType {
	name = 'dummyFunctionApi';
	displayName = 'Dummy Function API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: '' },
		{ displayName: 'Token', name: 'token', type: 'string' as const, default: '' },
	];
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.token)}` },
		};
	}
}

// ---------------------------------------------------------------------------------------------------------
// Dummy node: per item, POST {name, run} to <baseUrl>/echo with the chosen credential.
// ---------------------------------------------------------------------------------------------------------

const DUMMY_TYPE = 'test.dummy';

class DummyNode implements INodeType {
	description = {
		displayName: 'Dummy',
		name: DUMMY_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Dummy HTTP node',
		defaults: { name: 'Dummy' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'dummyGenericApi', required: true, displayOptions: { show: { auth: ['generic'] } } },
			{ name: 'dummyFunctionApi', required: true, displayOptions: { show: { auth: ['function'] } } },
		],
		properties: [
			{
				displayName: 'Auth',
				name: 'auth',
				type: 'options',
				options: [
					{ name: 'Generic', value: 'generic' },
					{ name: 'Function', value: 'function' },
				],
				default: 'generic',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Run', name: 'run', type: 'string', default: '' },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const auth = this.getNodeParameter('auth', i) as string;
			const credentialType = auth === 'function' ? 'dummyFunctionApi' : 'dummyGenericApi';
			try {
				const credentials = await this.getCredentials(credentialType, i);
				const name = this.getNodeParameter('name', i) as string;
				const run = this.getNodeParameter('run', i) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: 'POST',
					url: `${String(credentials.baseUrl)}/echo`,
					body: { name, run },
					json: true,
				})) as IDataObject;
				out.push({ json: { name, response }, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

const nodeTypes = { [DUMMY_TYPE]: new DummyNode(), ...HARNESS_NODE_TYPES };
const credentialTypes = { dummyGenericApi: new DummyGenericApi(), dummyFunctionApi: new DummyFunctionApi() };
const credentials = () => ({
	dummyGenericApi: { baseUrl, apiKey: 'k-123' }, // tenant left to its default
	dummyFunctionApi: { baseUrl, token: 't-456' },
});
// httpRequestWithAuthentication wraps a 5xx in NodeApiError, whose message is generic (the body is in
// `description`/`cause`, the status in `httpCode`).
const SERVICE_ERROR = 'The service was not able to process your request';
const names = (items: INodeExecutionData[]) => items.map((item) => item.json.name);

// ---------------------------------------------------------------------------------------------------------

describe('engine harness', () => {
	it('resolves parameter expressions per item and applies the generic credential (header + qs)', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: credentials(),
			nodes: [node('Dummy', DUMMY_TYPE, { name: '={{ $json.first + " " + $json.last }}', run: 'r1' })],
			connections: {},
			startNode: 'Dummy',
			inputItems: [{ json: { first: 'Ana', last: 'Pérez' } }, { json: { first: 'Luis', last: 'Gómez' } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(names(result.output('Dummy'))).toEqual(['Ana Pérez', 'Luis Gómez']);
		expect(result.output('Dummy')[0].json.response).toEqual({
			echo: { name: 'Ana Pérez', run: 'r1' },
			tenant: 'default-tenant',
		});
		expect(result.output('Dummy')[1].pairedItem).toEqual({ item: 1 });

		expect(seen).toHaveLength(2);
		for (const request of seen) {
			expect(request.method).toBe('POST');
			expect(request.url).toBe('/echo?tenant=default-tenant');
			expect(request.headers['x-api-key']).toBe('k-123');
		}
		expect(result.credentialCalls.filter((c) => c.method === 'authenticate')).toHaveLength(2);
	});

	it('applies a function-style credential authenticate', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: credentials(),
			nodes: [node('Dummy', DUMMY_TYPE, { auth: 'function', name: '={{ $json.n }}' })],
			connections: {},
			startNode: 'Dummy',
			inputItems: [{ json: { n: 'x' } }],
		});
		expect(result.status).toBe('success');
		expect(seen).toHaveLength(1);
		expect(seen[0].headers.authorization).toBe('Bearer t-456');
		expect(seen[0].headers['x-api-key']).toBeUndefined();
	});

	it('routes failed items to error output 1 with onError continueErrorOutput, and resolves $() via pairedItem', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: credentials(),
			nodes: [
				node('Dummy', DUMMY_TYPE, { name: '={{ $json.name }}' }, { onError: 'continueErrorOutput' }),
				node('Ok', PASS_TYPE),
				node('Failed', COLLECT_TYPE),
				node('Check', EVALUATE_TYPE, {
					value: `={{ {
						fromInput: $('${INPUT_NODE}').item.json.name,
						idx: $('${INPUT_NODE}').item.json.idx,
						fromDummy: $('Dummy').item.json.name,
						echoed: $json.response.echo.name,
					} }}`,
				}),
				node('CheckFailed', EVALUATE_TYPE, {
					value: `={{ { idx: $('${INPUT_NODE}').item.json.idx, dummyError: $('Dummy').item.json.error } }}`,
				}),
			],
			connections: connect(
				['Dummy', 'Ok', 0],
				['Dummy', 'Failed', 1],
				['Ok', 'Check'],
				['Failed', 'CheckFailed'],
			),
			startNode: 'Dummy',
			inputItems: [
				{ json: { name: 'a', idx: 0 } },
				{ json: { name: 'fail', idx: 1 } },
				{ json: { name: 'c', idx: 2 } },
			],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		expect(names(result.output('Dummy', 0))).toEqual(['a', 'c']);
		expect(result.output('Dummy', 0).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		// The node emitted { error }; n8n merges the paired input item's json into error-output items.
		const errorItems = result.output('Dummy', 1);
		expect(errorItems).toHaveLength(1);
		expect(errorItems[0].json).toEqual({ name: 'fail', idx: 1, error: SERVICE_ERROR });
		expect(errorItems[0].pairedItem).toEqual({ item: 1 });

		expect(names(result.output('Ok'))).toEqual(['a', 'c']);
		expect(result.output('Failed').map((item) => item.json.idx)).toEqual([1]);

		// Check item 1 ('c') walks Ok item 1 → Dummy output 0 item 1 (pairedItem {item: 2}) → input item 2.
		expect(result.output('Check').map((item) => item.json)).toEqual([
			{ fromInput: 'a', idx: 0, fromDummy: 'a', echoed: 'a' },
			{ fromInput: 'c', idx: 2, fromDummy: 'c', echoed: 'c' },
		]);
		// CheckFailed walks Failed → Dummy output 1 item 0 → input item 1.
		expect(result.output('CheckFailed').map((item) => item.json)).toEqual([
			{ idx: 1, dummyError: SERVICE_ERROR },
		]);
		// executionOrder 'v1' finishes one branch before the next (branches ordered by canvas position).
		expect(result.executionOrder).toEqual([INPUT_NODE, 'Dummy', 'Ok', 'Check', 'Failed', 'CheckFailed']);
	});

	it('with directInput, error-output items keep exactly the json the node emitted', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: credentials(),
			nodes: [
				node('Dummy', DUMMY_TYPE, { name: '={{ $json.name }}' }, { onError: 'continueErrorOutput' }),
				node('Failed', COLLECT_TYPE),
			],
			connections: connect(['Dummy', 'Failed', 1]),
			startNode: 'Dummy',
			directInput: true,
			inputItems: [{ json: { name: 'a' } }, { json: { name: 'fail' } }],
		});
		expect(result.status).toBe('success');
		expect(result.ran(INPUT_NODE)).toBe(false);
		expect(names(result.output('Dummy', 0))).toEqual(['a']);
		expect(result.output('Failed').map((item) => Object.keys(item.json))).toEqual([['error']]);
	});

	it('continueRegularOutput keeps error items on output 0', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: credentials(),
			nodes: [
				node('Dummy', DUMMY_TYPE, { name: '={{ $json.name }}' }, { onError: 'continueRegularOutput' }),
			],
			connections: {},
			startNode: 'Dummy',
			inputItems: [{ json: { name: 'fail' } }, { json: { name: 'b' } }],
		});
		expect(result.status).toBe('success');
		expect(result.output('Dummy', 0).map((item) => Object.keys(item.json))).toEqual([['error'], ['name', 'response']]);
		expect(result.output('Dummy', 1)).toEqual([]);
	});

	it('fails the run when the node throws without continueOnFail', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: credentials(),
			nodes: [node('Dummy', DUMMY_TYPE, { name: '={{ $json.name }}' }), node('Ok', PASS_TYPE)],
			connections: connect(['Dummy', 'Ok']),
			startNode: 'Dummy',
			inputItems: [{ json: { name: 'fail' } }],
		});
		expect(result.status).toBe('error');
		expect(result.error).toBeDefined();
		expect(result.nodeError('Dummy')).toBeDefined();
		expect(result.ran('Ok')).toBe(false);
		expect(result.output('Ok')).toEqual([]);
	});

	it('leaves retryOnFail to the engine', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: credentials(),
			nodes: [
				node(
					'Dummy',
					DUMMY_TYPE,
					{ name: 'flaky', run: 'retry-1' },
					// waitBetweenTries 0 means 1000 ms to n8n (`|| 1000`); 1 is the fastest.
					{ retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
				),
			],
			connections: {},
			startNode: 'Dummy',
			inputItems: [{ json: {} }],
		});
		expect(result.status).toBe('success');
		expect(seen).toHaveLength(2);
		expect(result.output('Dummy')[0].json.response).toMatchObject({ echo: { name: 'flaky' } });
	});

	it('reports a failing downstream $() expression as the run error', async () => {
		const result = await runWorkflow({
			nodeTypes,
			credentialTypes,
			credentials: credentials(),
			nodes: [
				node('Dummy', DUMMY_TYPE, { name: '={{ $json.name }}' }),
				node('Check', EVALUATE_TYPE, { value: "={{ $('Nope').item.json.x }}" }),
			],
			connections: connect(['Dummy', 'Check']),
			startNode: 'Dummy',
			inputItems: [{ json: { name: 'a' } }],
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Check')?.message).toMatch(/Referenced node doesn't exist/);
	});
});
