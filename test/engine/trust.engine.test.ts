/**
 * Trust under faults, as a user sees it in a workflow run by n8n's engine: every input item accounted for,
 * outcomes told truly (done / not done / unknown), stops that say what was already stored, and no token in
 * the run data.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { items, pairedItems, TOKEN, useWolkvoxEngine } from '../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

const task = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'task',
	operation: 'create',
	name: '={{ "Call " + $json.who }}',
	relatedModule: 'cases',
	recordId: 'r1',
	owner: 'o',
	completionDate: '2026-11-30T17:00:00',
	priority: 'high',
	description: '',
	remember: false,
	...extra,
});
const people = (n: number) => items(...Array.from({ length: n }, (_, i) => ({ who: `P${i}` })));
const storedTaskNames = () => (sandbox.store().records.wolkvox_activities ?? []).map((r) => r.name);

describe('a credential or option that cannot work', () => {
	it.each([
		['a bad Custom Base URL', { customBaseUrl: 'ftp://example.com' }, /Custom Base URL/],
		['an empty CRM Operation', { operation: '  ' }, /has no CRM Operation \(Tenant\)/],
	])(
		'with %s and the error output, every item goes to the error output and nothing is sent',
		async (_, creds, message) => {
			const result = await run(task(), people(3), { onError: 'continueErrorOutput', creds });
			expect(result.output('Wolkvox CRM', 0)).toHaveLength(0);
			const failed = result.output('Wolkvox CRM', 1);
			expect(failed.map(pairedItems)).toEqual([[0], [1], [2]]);
			for (const item of failed) expect(String(item.json.error)).toMatch(message);
			expect(sandbox.requests()).toHaveLength(0);
		},
	);

	it('without Continue On Fail the node fails with the credential message', async () => {
		const result = await run(task(), people(2), { creds: { operation: '' } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/has no CRM Operation \(Tenant\)/);
	});

	it.each([0, 3_000_000, -5])('refuses a Timeout of %p seconds before sending', async (seconds) => {
		const result = await run(task({ options: { timeoutSeconds: seconds } }), people(2), {
			onError: 'continueErrorOutput',
		});
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed).toHaveLength(2);
		expect(failed[0].json.error).toMatch(
			/^The Timeout must be a number of seconds from 1 to 3600, got /,
		);
		expect(sandbox.requests()).toHaveLength(0);
	});
});

describe('stops that every later call would repeat', () => {
	it('after a rejected token, no further call is made; the rest are not done with that reason', async () => {
		const result = await run(task(), people(5), {
			onError: 'continueErrorOutput',
			creds: { token: 'not-the-token' },
		});
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed.map(pairedItems)).toEqual([[0], [1], [2], [3], [4]]);
		expect(failed[0].json.error).toMatch(/rejected the token/);
		for (const item of failed.slice(1)) {
			expect(item.json.error).toMatch(/not sent, because an earlier call failed: wolkvox rejected/);
		}
		expect(sandbox.requests()).toHaveLength(1);
	});

	it('a stop names the items already stored, so a re-run is not a surprise', async () => {
		sandbox.configure({ quota: 3 });
		const result = await run(task(), people(6));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/daily quota.*\[item 3\]/);
		expect(result.error?.description).toContain(
			'3 earlier item(s) were already stored in wolkvox: item 0 (Task "Call P0" on record "r1"), item 1 (Task "Call P1" on record "r1"), item 2 (Task "Call P2" on record "r1"). Running the workflow again sends them again',
		);
		expect(storedTaskNames()).toEqual(['Call P0', 'Call P1', 'Call P2']);
		expect(sandbox.requests()).toHaveLength(4);
	});

	it('caps the list of stored items at ten', async () => {
		sandbox.configure({ quota: 12 });
		const result = await run(task(), people(14));
		expect(result.error?.description).toMatch(
			/12 earlier item\(s\) were already stored.*item 9 \(Task "Call P9".*\) and 2 more\./,
		);
	});
});

describe('timeouts', () => {
	it('a call that outlives the Timeout is an unknown outcome naming the item, and the rest still run', async () => {
		sandbox.configure({ latencyMs: 1_500 });
		const started = Date.now();
		const result = await run(task({ options: { timeoutSeconds: 1 } }), people(2), {
			onError: 'continueErrorOutput',
		});
		const elapsed = Date.now() - started;
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed).toHaveLength(2);
		expect(failed[0].json.error).toMatch(
			/did not answer within 1 s \(the Timeout option\) \[item 0\]/,
		);
		expect(failed[0].json.message).toMatch(
			/^Outcome unknown: Task "Call P0" on record "r1" may have been stored\. Check the CRM for it before sending it again/,
		);
		// Two calls of 1 s each, the second waiting for the first's slot to be given back (the server was
		// still working on it): well under the 1.5 s latency × 2 plus the grace it could have waited.
		expect(elapsed).toBeLessThan(10_000);
		// The server did store them once it finished: "unknown" was the true answer.
		for (let waited = 0; storedTaskNames().length < 2 && waited < 3_000; waited += 50) {
			await sleep(50);
		}
		expect(storedTaskNames().sort()).toEqual(['Call P0', 'Call P1']);
		expect(sandbox.stats().rejectedConcurrency).toBe(0);
	});
});

describe('expressions', () => {
	it('an expression that fails to evaluate names the parameter and the item', async () => {
		const result = await run(task({ name: "={{ $('No Such Node').item.json.who }}" }), people(2), {
			onError: 'continueErrorOutput',
		});
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed).toHaveLength(2);
		expect(failed[0].json.error).toMatch(
			/^Task "Task Name" could not be evaluated: .+ \[item 0\]$/,
		);
		expect(sandbox.requests()).toHaveLength(0);
	});
});

describe('the token', () => {
	it('is nowhere in the run data after failures', async () => {
		sandbox.configure({ quota: 1 });
		const result = await run(task(), people(3), { onError: 'continueErrorOutput' });
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});
});

describe('hostile and broken servers', () => {
	it('a 50 MB answer does not put 50 MB into the execution', async () => {
		sandbox.configure({ fault: { mode: 'huge', bytes: 50 * 1024 * 1024 } });
		const result = await run(task(), people(1));
		expect(result.status).toBe('success');
		const [item] = result.output('Wolkvox CRM');
		expect(String(item.json.msg).length).toBeLessThan(1_100);
		expect(JSON.stringify(result.run).length).toBeLessThan(100_000);
	});

	it('a 1 MB error on a bulk call of 100 case files is not copied 100 times', async () => {
		sandbox.configure({
			fault: { mode: 'huge', bytes: 1024 * 1024, status: 500, field: 'error' },
		});
		const rows = Array.from({ length: 100 }, (_, i) => ({
			Identification: `C${i}`,
			Name: `N${i}`,
			Email: `c${i}@x.co`,
			Telephone: `300${i}`,
			obligacion_id: `O${i}`,
			producto: 'Loan',
		}));
		const result = await run(
			{ resource: 'bulkCollections', operation: 'upload', inputMode: 'rows' },
			items(...rows),
			{ onError: 'continueRegularOutput' },
		);
		const out = result.output('Wolkvox CRM');
		expect(out).toHaveLength(100);
		expect(out.every((o) => o.json.status === 'unconfirmed')).toBe(true);
		for (const o of out) expect(String(o.json.reason).length).toBeLessThan(1_000);
		expect(JSON.stringify(result.run).length).toBeLessThan(400_000);
	});

	it('refusals for "too many simultaneous requests" are waited out, and counted in the summary', async () => {
		sandbox.configure({ fault: { mode: 'simultaneous', remaining: 3 } });
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'caseFiles',
				options: { includeSummary: true },
			},
			items({ Identification: '1', Name: 'A', Email: 'a@x.co', Telephone: '1', Obligations: [] }),
		);
		expect(result.output('Wolkvox CRM', 0).map((o) => o.json.status)).toEqual(['inserted']);
		const [summary] = result.output('Wolkvox CRM', 1);
		expect(summary.json).toMatchObject({ summary: true, calls: 1, refusalsWaitedOut: 3 });
		expect(sandbox.requests()).toHaveLength(4);
	});

	it('a per-item write says how many refusals it waited out, and the run says so above the output', async () => {
		sandbox.configure({ fault: { mode: 'simultaneous', remaining: 2 } });
		const result = await run(task(), people(2));
		expect(result.error?.message).toBeUndefined();
		const out = result.output('Wolkvox CRM');
		expect(out.map((o) => [o.json.refusalsWaitedOut, pairedItems(o)])).toEqual([
			[2, [0]],
			[undefined, [1]],
		]);
		expect(storedTaskNames()).toEqual(['Call P0', 'Call P1']);
		const hints = result.run.data.resultData.runData['Wolkvox CRM'][0].hints ?? [];
		expect(hints.map((h) => h.message)).toEqual([
			expect.stringMatching(/^wolkvox refused 2 call\(s\) for too many simultaneous requests with this token/),
		]);
	});

	it('a run without refusals adds no field and no hint', async () => {
		const result = await run(task(), people(1));
		expect(Object.keys(result.output('Wolkvox CRM')[0].json).sort()).toEqual(['msg', 'wolkvox_id']);
		expect(result.run.data.resultData.runData['Wolkvox CRM'][0].hints ?? []).toEqual([]);
	});

	it('refusals that outlast the Timeout leave the item not done, and nothing was stored', async () => {
		sandbox.configure({ fault: { mode: 'simultaneous' } });
		const result = await run(task({ options: { timeoutSeconds: 2 } }), people(1), {
			onError: 'continueErrorOutput',
		});
		const [failed] = result.output('Wolkvox CRM', 1);
		expect(failed.json.error).toMatch(
			/refused the call \d+ time\(s\) within the Timeout of 2 s: too many simultaneous requests with this token/,
		);
		expect(failed.json.message).toMatch(/Nothing was stored for Task "Call P0"/);
		expect(storedTaskNames()).toEqual([]);
		// Jittered backoff from 250 ms, doubling: a handful of attempts in 2 s, not a storm.
		expect(sandbox.requests().length).toBeGreaterThan(2);
		expect(sandbox.requests().length).toBeLessThan(10);
	});

	it('after calls that timed out, the next calls never trip the 2-in-flight rule', async () => {
		// The server keeps working 1.5 s on each of the first two calls after the client gave up at 1 s.
		sandbox.configure({ fault: { mode: 'noReply', holdMs: 1_500, remaining: 2 } });
		const result = await run(
			task({ options: { timeoutSeconds: 1, parallelRequests: 2 } }),
			people(6),
			{ onError: 'continueErrorOutput' },
		);
		expect(result.output('Wolkvox CRM', 0)).toHaveLength(4);
		expect(result.output('Wolkvox CRM', 1)).toHaveLength(2);
		expect(sandbox.stats().rejectedConcurrency).toBe(0);
	});

	it('a redirect is not followed: the other host never sees the token, and the item says where it pointed', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { startSandbox } = require('../../harness/sandbox/server.js');
		const other = await startSandbox({ tokens: { [TOKEN]: { operation: 'engine_op' } } });
		try {
			for (const status of [301, 302, 303, 307, 308]) {
				sandbox.configure({
					fault: {
						mode: 'redirect',
						status,
						location: `${other.url}/server/API/v2/custom/insert.php`,
					},
				});
				const result = await run(task(), people(1), { onError: 'continueErrorOutput' });
				const [failed] = result.output('Wolkvox CRM', 1);
				expect(failed.json.error).toContain(
					`The server answered HTTP ${status}, a redirect to ${new URL(other.url).host}; the node does not follow redirects, so nothing was sent there`,
				);
				expect(failed.json.message).toMatch(/final host in the Server/);
			}
			expect(other.requests()).toHaveLength(0);
		} finally {
			await other.close();
		}
	});
});

describe('Column Mapping of an unexpected shape', () => {
	it.each([
		[
			'a column that is an object',
			[{ field: 'caseFile.Identification', column: '={{ { a: 1 } }}' }],
			/"Column Mapping" entry 1 \("caseFile.Identification"\) must name its column as text, got/,
		],
		[
			'a field that is not a wolkvox field',
			[{ field: '={{ "caseFile.Nope" }}', column: 'x' }],
			/"Column Mapping" entry 1 has the unknown field "caseFile.Nope"/,
		],
		[
			'a column that is a number no row has',
			[{ field: 'caseFile.Identification', column: '={{ 2024 }}' }],
			/Column Mapping names "2024", which no input row has/,
		],
	])('%s is a clear error and nothing is sent', async (_, value, message) => {
		const rows = items({ Identification: '1', Name: 'A', Email: 'a@x.co', Telephone: '1' });
		const parameters = {
			resource: 'bulkCollections',
			operation: 'upload',
			inputMode: 'rows',
			mapping: { column: value },
		};
		const stopped = await run(parameters, rows);
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toMatch(message);
		const continued = await run(parameters, rows, { onError: 'continueErrorOutput' });
		const failed = continued.output('Wolkvox CRM', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toMatch(message);
		expect(sandbox.requests()).toHaveLength(0);
	});
});

describe('failure causes for newer n8n versions', () => {
	it('a spent quota stops the node with failure.cause quota-exhausted and the reset time', async () => {
		sandbox.configure({ quota: 0, hoursToRestart: 5 });
		const started = Date.now();
		const result = await run(task(), people(1));
		expect(result.status).toBe('error');
		const failure = (
			result.error as unknown as { failure?: { cause: string; resetsAtEpochMs: number } }
		).failure;
		expect(failure?.cause).toBe('quota-exhausted');
		expect(failure?.resetsAtEpochMs).toBeGreaterThanOrEqual(started + 5 * 3_600_000 - 1_000);
		expect(failure?.resetsAtEpochMs).toBeLessThanOrEqual(Date.now() + 5 * 3_600_000 + 1_000);
	});

	it('a rejected token is credential-invalid', async () => {
		const result = await run(task(), people(1), { creds: { token: 'not-the-token' } });
		expect((result.error as unknown as { failure?: unknown }).failure).toEqual({
			cause: 'credential-invalid',
		});
	});
});

/** A bare HTTP server that answers every call with `answer`, counting the connections still open. */
async function rawServer(answer: (res: ServerResponse) => void) {
	let open = 0;
	const server = createServer((_req, res) => {
		open++;
		res.on('close', () => open--);
		answer(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		open: () => open,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

describe('a hostile server cannot get the token out', () => {
	it('not through a redirect whose address holds the token', async () => {
		sandbox.configure({
			fault: { mode: 'redirect', status: 302, location: `https://${TOKEN}.evil.example/${TOKEN}` },
		});
		const result = await run(task(), people(1), { onError: 'continueErrorOutput' });
		expect(result.output('Wolkvox CRM', 1)).toHaveLength(1);
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});

	it('not when the credential token has spaces around it, nor when echoed in capitals', async () => {
		sandbox.configure({ fault: { mode: 'echoHeaders' } });
		const spaced = await run(task(), people(1), {
			onError: 'continueErrorOutput',
			creds: { token: ` ${TOKEN} ` },
		});
		expect(spaced.output('Wolkvox CRM', 1)).toHaveLength(1);
		expect(JSON.stringify(spaced.run)).not.toContain(TOKEN);
		sandbox.configure({
			fault: { mode: 'errorCode2xx', code: '400', msg: `BAD TOKEN ${TOKEN.toUpperCase()}` },
		});
		const shouted = await run(task(), people(1), { onError: 'continueErrorOutput' });
		expect(JSON.stringify(shouted.run).toUpperCase()).not.toContain(TOKEN.toUpperCase());
	});

	it('a success answer of any shape puts little into the execution', async () => {
		const server = await rawServer((res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({
					code: 200,
					msg: 'ok',
					data: { wolkvox_id: Array.from({ length: 10_000 }, () => 'z'.repeat(1_000)) },
				}),
			);
		});
		try {
			const result = await run(task(), people(2), { creds: { customBaseUrl: server.url } });
			const out = result.output('Wolkvox CRM');
			expect(out.map((o) => o.json)).toEqual([
				{ wolkvox_id: null, msg: 'ok' },
				{ wolkvox_id: null, msg: 'ok' },
			]);
			expect(JSON.stringify(result.run).length).toBeLessThan(100_000);
		} finally {
			await server.close();
		}
	});
});

describe('timeouts end the call', () => {
	it('a trickling server gets its connection closed at the deadline', async () => {
		const server = await rawServer((res) => {
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
			res.flushHeaders();
			const timer = setInterval(() => res.write(' '), 200);
			res.on('close', () => clearInterval(timer));
		});
		try {
			const result = await run(task({ options: { timeoutSeconds: 1 } }), people(2), {
				onError: 'continueErrorOutput',
				creds: { customBaseUrl: server.url },
			});
			expect(result.output('Wolkvox CRM', 1)).toHaveLength(2);
			await sleep(300);
			expect(server.open()).toBe(0);
		} finally {
			await server.close();
		}
	});
});

describe('every item accounted for when an expression fails under Continue On Fail', () => {
	it('in Options', async () => {
		const result = await run(
			{ ...task(), options: { timeoutSeconds: "={{ $('No Such Node').item.json.x }}" } },
			people(2),
			{ onError: 'continueErrorOutput' },
		);
		expect(result.output('Wolkvox CRM', 0)).toHaveLength(0);
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed.map(pairedItems)).toEqual([[0], [1]]);
		expect(failed[0].json.error).toMatch(/^"Options" could not be evaluated/);
		expect(sandbox.requests()).toHaveLength(0);
	});

	it('in Group Rows By, for the rows where it fails; the other rows are sent', async () => {
		const rows = items(
			{ Identification: '1', Name: 'A', Email: 'a@x.co', Telephone: '1', group: 'g1' },
			{ Identification: '2', Name: 'B', Email: 'b@x.co', Telephone: '2' },
		);
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'rows',
				keyColumn: "={{ $json.group ? $json.group : $('No Such Node').item.json.x }}",
			},
			rows,
			{ onError: 'continueErrorOutput' },
		);
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed.map(pairedItems)).toEqual([[1]]);
		expect(failed[0].json.error).toMatch(/^Item 1: "Group Rows By" could not be evaluated/);
		expect(result.output('Wolkvox CRM', 0).map(pairedItems)).toEqual([[0]]);
		const sent = sandbox.requests({ path: 'massiveCollections.php' });
		expect(
			sent.flatMap((r) => (r.body.collections as Array<{ Name: string }>).map((c) => c.Name)),
		).toEqual(['A']);
	});

	it('in Collections (JSON)', async () => {
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'json',
				collectionsJson: "={{ $('No Such Node').item.json.x }}",
			},
			people(2),
			{ onError: 'continueErrorOutput' },
		);
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed.map(pairedItems)).toEqual([[0], [1]]);
		expect(failed[0].json.error).toMatch(/"Collections \(JSON\)" could not be evaluated/);
		expect(sandbox.requests()).toHaveLength(0);
	});
});

describe('Retry On Fail', () => {
	it('does not send again an item whose body depends on the time', async () => {
		sandbox.configure({
			fault: {
				mode: 'status',
				status: 403,
				remaining: 1,
				body: { code: '403', msg: 'THE SERVICE IS UNDER MAINTENANCE, PLEASE TRY AGAIN LATER' },
			},
		});
		const result = await run(
			task({ description: '={{ "logged " + $now.toMillis() }}' }),
			people(4),
			{
				onError: 'continueErrorOutput',
				nodeExtra: { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 },
			},
		);
		expect(result.output('Wolkvox CRM', 0)).toHaveLength(4);
		expect(storedTaskNames().sort()).toEqual(['Call P0', 'Call P1', 'Call P2', 'Call P3']);
		expect(sandbox.requests({ path: 'custom/insert.php' })).toHaveLength(5);
	});
});

describe('a stop with two calls in flight', () => {
	it('also lists an item whose outcome became unknown after the stopping failure', async () => {
		sandbox.configure({ quota: 3, fault: { mode: 'noReply', holdMs: 1_500, remaining: 1 } });
		const result = await run(
			task({ options: { timeoutSeconds: 1, parallelRequests: 2 } }),
			people(6),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/daily quota/);
		expect(result.error?.description).toMatch(
			/may have been stored \(outcome unknown; check the CRM\): item 0 \(Task "Call P0" on record "r1"\)/,
		);
	});
});

describe('the credential', () => {
	it('is read and decrypted once per run, not once per call', async () => {
		const result = await run(task(), people(5));
		expect(result.output('Wolkvox CRM')).toHaveLength(5);
		const reads = result.credentialCalls.filter((c) => c.method === 'getDecrypted');
		expect(reads).toHaveLength(1);
		expect(result.credentialCalls.filter((c) => c.method === 'authenticate')).toHaveLength(5);
	});
});
