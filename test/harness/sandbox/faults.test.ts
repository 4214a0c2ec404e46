/**
 * The sandbox's fault injector, mode by mode, on the wire: what a client sees (status, headers, body, a reset
 * socket, silence, a slow answer) and what the server did (quota, stored data, in-flight slots, the log).
 * The vendor documents what each kind of failure means for the data; these faults let the node's tests prove it.
 */
import * as http from 'node:http';

import { DEFAULT_OPERATION, DEFAULT_TOKEN, fingerprint, startSandbox } from '../../../harness/sandbox/server';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type Json = Record<string, any>;

const TOKEN = DEFAULT_TOKEN;
const OP = DEFAULT_OPERATION;
const FP = fingerprint(TOKEN);
const HEX24 = /^[0-9a-f]{24}$/;

const INSERT = '/server/API/v2/custom/insert.php';
const GESTION = '/server/API/v2/collections/insertGestion.php';
const MASSIVE = '/server/API/v2/collections/massiveCollections.php';
const TOKEN_INFO = '/server/API/v2/token/tokenInformation.php';

const contact = (n = 1) => ({ operation: OP, module: 'contacts', fields: { namecontact: `Ana ${n}`, emailcontact: `ana${n}@example.com` } });
const gestion = () => ({
	operation: OP,
	fields: { tipifycation_code: 'PP', tipifycation_desc: 'Payment promise', module: 'collections', wolkvox_idRecord: '64dcf0a1b2c3d4e5f6a7b8c9' },
});
const caseFile = (id: string, extra: Json = {}) => ({
	Identification: id,
	Name: `Client ${id}`,
	Email: `c${id}@example.com`,
	Telephone: '3001234567',
	Obligations: [{ id: `o-${id}`, name: `Loan ${id}` }],
	...extra,
});

interface RawResult {
	status?: number;
	headers?: http.IncomingHttpHeaders;
	body?: Buffer;
	/** the client-side error (reset socket, abort) */
	error?: NodeJS.ErrnoException;
	/** ms from sending to the end of the body */
	ms: number;
	/** arrival time (ms from sending) of each body chunk */
	chunkTimes: number[];
}

/**
 * One call on a fresh connection (no keep-alive pool, so a reset socket only hurts this call) with node's
 * http client, which reports a reset as an error and lets us time each chunk.
 */
function raw(
	sb: Sandbox,
	urlPath: string,
	opts: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string>; abortAfterMs?: number } = {},
): Promise<RawResult> {
	return new Promise((resolve) => {
		const started = Date.now();
		const chunkTimes: number[] = [];
		const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(opts.headers ?? {}) };
		const token = opts.token === undefined ? TOKEN : opts.token;
		if (token !== null) headers['Wolkvox-Token'] = token;
		const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
		if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
		let settled = false;
		const done = (r: Omit<RawResult, 'ms' | 'chunkTimes'>) => {
			if (settled) return;
			settled = true;
			resolve({ ...r, ms: Date.now() - started, chunkTimes });
		};
		let response: http.IncomingMessage | undefined;
		const chunks: Buffer[] = [];
		const received = () => (response ? { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) } : {});
		const req = http.request(sb.url + urlPath, { method: opts.method ?? 'POST', headers, agent: false }, (res) => {
			response = res;
			res.on('data', (c: Buffer) => {
				chunkTimes.push(Date.now() - started);
				chunks.push(c);
			});
			res.on('end', () => done(received()));
			res.on('error', (error) => done({ ...received(), error }));
		});
		req.on('error', (error) => done({ ...received(), error }));
		if (opts.abortAfterMs !== undefined) setTimeout(() => req.destroy(Object.assign(new Error('client gave up'), { code: 'CLIENT_ABORT' })), opts.abortAfterMs);
		req.end(payload);
	});
}

const json = (r: RawResult) => JSON.parse((r.body ?? Buffer.alloc(0)).toString('utf8')) as Json;
const used = (sb: Sandbox) => sb.stats().perToken[FP].used;
const inFlight = (sb: Sandbox) => sb.stats().perToken[FP].inFlight;
const contactsStored = (sb: Sandbox) => (sb.store().records.contacts ?? []).length;
const lastLogged = (sb: Sandbox) => sb.requests().slice(-1)[0];

async function waitFor(condition: () => boolean, timeoutMs = 3000) {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('waitFor: timed out');
		await new Promise((r) => setTimeout(r, 5));
	}
}

describe('wolkvox sandbox fault injector', () => {
	let sb: Sandbox;

	beforeAll(async () => {
		sb = await startSandbox({ latencyMs: 0, tokens: { [TOKEN]: { operation: OP, quota: 100000 } } });
	});
	afterAll(() => sb.close());
	beforeEach(() => {
		sb.configure({ fault: null, latencyMs: 0, maintenance: false, quota: 100000, recordBodies: true });
		sb.reset();
	});

	describe('configuration', () => {
		it('fills in defaults, shows the fault in config(), and refuses unknown modes and options', () => {
			expect(sb.configure({ fault: { mode: 'noReply' } }).fault).toEqual({ mode: 'noReply', remaining: null, skip: 0, path: null, holdMs: 30000, store: true });
			expect(sb.config().fault).toMatchObject({ mode: 'noReply' });
			expect(() => sb.configure({ fault: { mode: 'explode' } })).toThrow(/fault\.mode must be one of redirect, simultaneous/);
			expect(() => sb.configure({ fault: { mode: 'noReply', hold: 5 } })).toThrow(/no option hold/);
			expect(() => sb.configure({ fault: { mode: 'redirect', status: 200 } })).toThrow(/301, 302, 303, 307, 308/);
			expect(() => sb.configure({ fault: { mode: 'status', status: 302 } })).toThrow(/400 to 599/);
			expect(sb.configure({ fault: null }).fault).toBeNull();
		});

		it('is switched on and off over POST /__sandbox/config, and survives reset()', async () => {
			const on = await fetch(`${sb.url}/__sandbox/config`, { method: 'POST', body: JSON.stringify({ fault: { mode: 'simultaneous' } }) });
			expect(((await on.json()) as Json).fault).toMatchObject({ mode: 'simultaneous' });
			sb.reset();
			expect((await raw(sb, INSERT, { body: contact() })).status).toBe(403);
			const bad = await fetch(`${sb.url}/__sandbox/config`, { method: 'POST', body: JSON.stringify({ fault: { mode: 'nope' } }) });
			expect(bad.status).toBe(400);
			const off = await fetch(`${sb.url}/__sandbox/config`, { method: 'POST', body: JSON.stringify({ fault: null }) });
			expect(((await off.json()) as Json).fault).toBeNull();
			expect((await raw(sb, INSERT, { body: contact() })).status).toBe(200);
		});

		it('skip lets the first N matching calls through, remaining switches the fault off after N, path picks the endpoint', async () => {
			sb.configure({ fault: { mode: 'status', status: 500, skip: 2, remaining: 2, path: 'insert.php' } });
			const statuses: number[] = [];
			for (let i = 0; i < 5; i++) {
				statuses.push((await raw(sb, INSERT, { body: contact(i) })).status ?? 0);
				// Calls to another endpoint neither get the fault nor count towards skip / remaining.
				expect((await raw(sb, GESTION, { body: gestion() })).status).toBe(200);
			}
			expect(statuses).toEqual([200, 200, 500, 500, 200]);
			expect(sb.config().fault).toBeNull();
			expect(sb.requests({ path: 'insert.php' }).map((r) => r.fault)).toEqual([null, null, 'status', 'status', null]);
			expect(sb.requests({ path: 'insertGestion.php' }).every((r) => r.fault === null)).toBe(true);
			expect(sb.stats().faultsApplied).toEqual({ status: 2 });
		});

		it('shows the remaining count and skip as they go down, and remaining 0 means off', async () => {
			sb.configure({ fault: { mode: 'simultaneous', skip: 1, remaining: 3 } });
			await raw(sb, INSERT, { body: contact() });
			await raw(sb, INSERT, { body: contact() });
			expect(sb.config().fault).toMatchObject({ skip: 0, remaining: 2 });
			expect(sb.configure({ fault: { mode: 'simultaneous', remaining: 0 } }).fault).toBeNull();
		});

		it('logs fault and stored on every call, normal ones included, and counts faults in stats until reset', async () => {
			await raw(sb, INSERT, { body: contact() });
			await raw(sb, INSERT, { body: { operation: OP, module: 'contacts' } }); // validation 400
			await raw(sb, '/server/API/v2/custom/query.php', { body: { operation: OP, module: 'contacts', field: 'namecontact', value: 'Ana 1' } });
			await raw(sb, INSERT, { token: 'wrong-token', body: contact() });
			expect(sb.requests().map((r) => [r.status, r.fault, r.stored])).toEqual([
				[200, null, true],
				[400, null, false],
				[200, null, false],
				[403, null, false],
			]);
			sb.configure({ fault: { mode: 'empty2xx', remaining: 1 } });
			await raw(sb, INSERT, { body: contact() });
			expect(sb.stats().faultsApplied).toEqual({ empty2xx: 1 });
			sb.reset();
			expect(sb.stats().faultsApplied).toEqual({});
		});
	});

	describe('redirect', () => {
		it('answers the status with a Location header before any check: no token needed, no quota, nothing stored', async () => {
			sb.configure({ fault: { mode: 'redirect' }, maintenance: true });
			const r = await raw(sb, INSERT, { token: null, body: contact() });
			expect(r.status).toBe(301);
			expect(r.headers?.location).toBe(`https://crm0000.wolkvox.com${INSERT}`);
			expect(r.headers?.['content-type']).toMatch(/^text\/html/);
			expect(lastLogged(sb)).toMatchObject({ status: 301, fault: 'redirect', quotaSpent: false, stored: false });
			sb.configure({ maintenance: false, fault: { mode: 'redirect', status: 308, location: 'https://proxy.example.net/login' } });
			const r2 = await raw(sb, INSERT, { body: contact() });
			expect(r2.status).toBe(308);
			expect(r2.headers?.location).toBe('https://proxy.example.net/login');
			expect(used(sb)).toBe(0);
			expect(contactsStored(sb)).toBe(0);
			expect(sb.stats().perToken[FP].requests).toBe(0);
		});

		it.each([302, 303, 307])('answers %i too', async (status) => {
			sb.configure({ fault: { mode: 'redirect', status, remaining: 1 } });
			expect((await raw(sb, TOKEN_INFO + `?operation=${OP}`, { method: 'GET' })).status).toBe(status);
		});
	});

	describe('simultaneous', () => {
		it('answers 403 with the vendor message, spends no quota, stores nothing, and is not counted as the client’s own excess', async () => {
			sb.configure({ fault: { mode: 'simultaneous' } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect(r.status).toBe(403);
			expect(json(r)).toEqual({
				code: '403',
				error: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)',
				msg: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)',
				data: null,
			});
			expect(used(sb)).toBe(0);
			expect(contactsStored(sb)).toBe(0);
			expect(sb.stats().rejectedConcurrency).toBe(0);
			expect(lastLogged(sb)).toMatchObject({ status: 403, fault: 'simultaneous', stored: false, quotaSpent: false });
		});

		it('does not apply to calls refused earlier (wrong token)', async () => {
			sb.configure({ fault: { mode: 'simultaneous', remaining: 1 } });
			expect((await raw(sb, INSERT, { token: 'wrong-token', body: contact() })).status).toBe(403);
			expect(sb.config().fault).toMatchObject({ remaining: 1 });
		});
	});

	describe('status', () => {
		it('502/503/504 answer an HTML gateway page, not JSON; nothing processed by default', async () => {
			for (const status of [502, 503, 504]) {
				sb.configure({ fault: { mode: 'status', status } });
				const r = await raw(sb, INSERT, { body: contact() });
				expect(r.status).toBe(status);
				expect(r.headers?.['content-type']).toMatch(/^text\/html/);
				expect(r.body?.toString()).toContain(`<title>${status} `);
			}
			expect(used(sb)).toBe(0);
			expect(contactsStored(sb)).toBe(0);
		});

		it('500 answers the JSON envelope', async () => {
			sb.configure({ fault: { mode: 'status' } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect(r.status).toBe(500);
			expect(r.headers?.['content-type']).toBe('application/json');
			expect(json(r)).toEqual({ code: '500', error: 'INTERNAL SERVER ERROR', msg: 'INTERNAL SERVER ERROR', data: null });
		});

		it('with store: true the call is applied first (a gateway timeout after the backend stored it)', async () => {
			sb.configure({ fault: { mode: 'status', status: 504, store: true } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect(r.status).toBe(504);
			expect(contactsStored(sb)).toBe(1);
			expect(used(sb)).toBe(1);
			expect(lastLogged(sb)).toMatchObject({ status: 504, fault: 'status', stored: true, quotaSpent: true });
		});

		it('with store: true a body the handler refuses is still answered with the fault, and nothing is stored', async () => {
			sb.configure({ fault: { mode: 'status', status: 502, store: true } });
			const r = await raw(sb, INSERT, { body: { operation: OP, module: 'contacts' } });
			expect(r.status).toBe(502);
			expect(contactsStored(sb)).toBe(0);
			expect(lastLogged(sb)).toMatchObject({ fault: 'status', stored: false });
		});

		it('sends a given body: an object as JSON, a string as text', async () => {
			sb.configure({ fault: { mode: 'status', status: 429, body: { error: 'slow down' }, remaining: 1 } });
			const a = await raw(sb, INSERT, { body: contact() });
			expect([a.status, json(a)]).toEqual([429, { error: 'slow down' }]);
			sb.configure({ fault: { mode: 'status', status: 503, body: 'upstream connect error', remaining: 1 } });
			const b = await raw(sb, INSERT, { body: contact() });
			expect([b.status, b.headers?.['content-type'], b.body?.toString()]).toEqual([503, 'text/plain; charset=utf-8', 'upstream connect error']);
		});
	});

	describe('connection resets', () => {
		it('resetBeforeStore: the client sees a reset socket; nothing stored, no quota', async () => {
			sb.configure({ fault: { mode: 'resetBeforeStore' } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect(r.status).toBeUndefined();
			expect(r.error?.code).toBe('ECONNRESET');
			expect(contactsStored(sb)).toBe(0);
			expect(used(sb)).toBe(0);
			expect(lastLogged(sb)).toMatchObject({ status: 0, fault: 'resetBeforeStore', stored: false, quotaSpent: false, response: null });
			expect(inFlight(sb)).toBe(0);
		});

		it('resetAfterStore: the client sees a reset socket, but the record was stored and the quota spent', async () => {
			sb.configure({ fault: { mode: 'resetAfterStore' } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect(r.error?.code).toBe('ECONNRESET');
			expect(contactsStored(sb)).toBe(1);
			expect(used(sb)).toBe(1);
			expect(lastLogged(sb)).toMatchObject({ status: 0, fault: 'resetAfterStore', stored: true, quotaSpent: true });
		});

		it('global fetch sees the reset as a failed fetch', async () => {
			sb.configure({ fault: { mode: 'resetAfterStore', remaining: 1 } });
			await expect(fetch(sb.url + INSERT, { method: 'POST', headers: { 'Wolkvox-Token': TOKEN }, body: JSON.stringify(contact()) })).rejects.toThrow(
				/fetch failed/,
			);
			expect((await raw(sb, INSERT, { body: contact() })).status).toBe(200);
		});
	});

	describe('noReply', () => {
		it('stores the call and never answers; the connection stays open until the client gives up', async () => {
			sb.configure({ fault: { mode: 'noReply', holdMs: 50 } });
			const r = await raw(sb, INSERT, { body: contact(), abortAfterMs: 400 });
			expect(r.status).toBeUndefined();
			expect(r.error?.code).toBe('CLIENT_ABORT'); // the server never closed it, the client did
			expect(r.ms).toBeGreaterThanOrEqual(390);
			expect(contactsStored(sb)).toBe(1);
			expect(lastLogged(sb)).toMatchObject({ status: 0, fault: 'noReply', stored: true, quotaSpent: true });
		});

		it('with store: false stores nothing and spends no quota', async () => {
			sb.configure({ fault: { mode: 'noReply', holdMs: 20, store: false } });
			await raw(sb, INSERT, { body: contact(), abortAfterMs: 60 });
			expect(contactsStored(sb)).toBe(0);
			expect(used(sb)).toBe(0);
		});

		it('keeps both slots for holdMs although the clients went away, so a third call is refused, then frees them', async () => {
			sb.configure({ fault: { mode: 'noReply', holdMs: 800, remaining: 2 } });
			const started = Date.now();
			const held = await Promise.all([raw(sb, INSERT, { body: contact(1), abortAfterMs: 100 }), raw(sb, INSERT, { body: contact(2), abortAfterMs: 100 })]);
			expect(held.every((r) => r.error?.code === 'CLIENT_ABORT')).toBe(true);
			expect(inFlight(sb)).toBe(2);
			const third = await raw(sb, INSERT, { body: contact(3) });
			expect(third.status).toBe(403);
			expect(json(third).msg).toBe('EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)');
			await waitFor(() => inFlight(sb) === 0);
			expect(Date.now() - started).toBeGreaterThanOrEqual(750);
			expect((await raw(sb, INSERT, { body: contact(4) })).status).toBe(200);
			expect(contactsStored(sb)).toBe(3);
		});
	});

	describe('slots are held until the server has finished, not until the client leaves', () => {
		it('a normal call whose client gave up keeps its slot for the whole latency and is still stored', async () => {
			sb.configure({ latencyMs: 400 });
			const started = Date.now();
			const r = await raw(sb, INSERT, { body: contact(), abortAfterMs: 50 });
			expect(r.error?.code).toBe('CLIENT_ABORT');
			expect(inFlight(sb)).toBe(1);
			await waitFor(() => inFlight(sb) === 0);
			expect(Date.now() - started).toBeGreaterThanOrEqual(350);
			expect(contactsStored(sb)).toBe(1);
			expect(lastLogged(sb)).toMatchObject({ status: 200, stored: true, fault: null });
		});

		it('close() does not hang on a held connection', async () => {
			const other = await startSandbox({ latencyMs: 0, fault: { mode: 'noReply', holdMs: 60000 } });
			const pending = raw(other, INSERT, { body: contact() });
			await waitFor(() => other.requests().length === 1);
			const t = Date.now();
			await other.close();
			expect(Date.now() - t).toBeLessThan(1000);
			expect((await pending).error).toBeDefined();
			expect(other.stats().inFlight).toBe(0);
		});
	});

	describe('trickle', () => {
		it('writes the normal answer one byte per interval, after storing it', async () => {
			sb.configure({ fault: { mode: 'trickle', intervalMs: 10 } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect(r.status).toBe(200);
			const body = json(r);
			expect(body).toMatchObject({ code: '200', msg: 'Succesfully create record', data: { wolkvox_id: expect.stringMatching(HEX24) } });
			const bytes = r.body?.length ?? 0;
			expect(r.chunkTimes.length).toBeGreaterThan(bytes / 2); // a byte (or two) at a time
			expect(r.ms).toBeGreaterThanOrEqual(bytes * 10 * 0.8);
			expect(r.ms).toBeLessThan(bytes * 10 * 3 + 1000);
			expect(contactsStored(sb)).toBe(1);
			expect(lastLogged(sb)).toMatchObject({ status: 200, fault: 'trickle', stored: true, response: body });
		});

		it('stops writing when the client goes away', async () => {
			sb.configure({ fault: { mode: 'trickle', intervalMs: 20, remaining: 1 } });
			const r = await raw(sb, INSERT, { body: contact(), abortAfterMs: 150 });
			expect(r.status).toBe(200); // headers came at once
			expect(r.error).toBeDefined();
			expect(r.chunkTimes.length).toBeLessThan(15);
			expect((await raw(sb, INSERT, { body: contact() })).status).toBe(200);
		});
	});

	describe('malformed, empty and lying 2xx answers', () => {
		it('malformedJson: 200, JSON content type, a body cut short; the call was stored', async () => {
			sb.configure({ fault: { mode: 'malformedJson' } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect(r.status).toBe(200);
			expect(r.headers?.['content-type']).toBe('application/json');
			const text = r.body?.toString() ?? '';
			expect(text).toMatch(/^\{"code":"200","error":"null","msg":"Succesfully /);
			expect(() => JSON.parse(text)).toThrow();
			expect(contactsStored(sb)).toBe(1);
			expect(lastLogged(sb)).toMatchObject({ fault: 'malformedJson', stored: true, response: text });
		});

		it('empty2xx: the status with an empty body; store: false leaves the data alone', async () => {
			sb.configure({ fault: { mode: 'empty2xx', remaining: 1 } });
			const a = await raw(sb, INSERT, { body: contact() });
			expect([a.status, a.body?.length, a.headers?.['content-length']]).toEqual([200, 0, '0']);
			expect(contactsStored(sb)).toBe(1);
			sb.configure({ fault: { mode: 'empty2xx', status: 204, store: false, remaining: 1 } });
			const b = await raw(sb, INSERT, { body: contact() });
			expect([b.status, b.body?.length]).toEqual([204, 0]);
			expect(contactsStored(sb)).toBe(1);
			expect(lastLogged(sb)).toMatchObject({ status: 204, fault: 'empty2xx', stored: false, quotaSpent: false });
		});

		it('errorCode2xx: HTTP 200 with code "500" and a vendor-like msg, nothing stored by default', async () => {
			sb.configure({ fault: { mode: 'errorCode2xx', remaining: 1 } });
			const a = await raw(sb, INSERT, { body: contact() });
			expect(a.status).toBe(200);
			expect(json(a)).toMatchObject({ code: '500', msg: expect.stringMatching(/^[A-Z ,]+$/), data: null });
			expect(contactsStored(sb)).toBe(0);
			expect(used(sb)).toBe(0);
			sb.configure({ fault: { mode: 'errorCode2xx', code: 409, msg: 'DUPLICATE RECORD', store: true, remaining: 1 } });
			const b = await raw(sb, INSERT, { body: contact() });
			expect(json(b)).toEqual({ code: 409, error: 'DUPLICATE RECORD', msg: 'DUPLICATE RECORD', data: null });
			expect(contactsStored(sb)).toBe(1);
		});
	});

	describe('echoHeaders (hostile server)', () => {
		it('echoes the raw request headers, token included, into msg and error; the sandbox log stays redacted', async () => {
			const lines: string[] = [];
			const verbose = await startSandbox({ latencyMs: 0, log: (l) => lines.push(l), fault: { mode: 'echoHeaders' } });
			try {
				const r = await raw(verbose, INSERT, { body: contact(), headers: { 'X-Trace': 'abc' } });
				expect(r.status).toBe(400);
				const body = json(r);
				expect(body.code).toBe('400');
				expect(body.msg).toContain(`Wolkvox-Token: ${TOKEN}`);
				expect(body.error).toContain(`Wolkvox-Token: ${TOKEN}`);
				expect(body.msg).toContain('X-Trace: abc');
				expect(verbose.store().records).toEqual({});
				expect(verbose.stats().perToken[FP].used).toBe(0);
				const logged = verbose.requests()[0];
				expect(logged.headers['wolkvox-token']).toBe('[REDACTED]');
				expect(logged).toMatchObject({ fault: 'echoHeaders', stored: false, status: 400 });
				expect(JSON.stringify(logged.response)).toContain('Wolkvox-Token: [REDACTED]');
				const everything = JSON.stringify([verbose.requests(), verbose.stats(), verbose.config(), lines]);
				expect(everything).not.toContain(TOKEN);
				expect(lines).toHaveLength(1);
			} finally {
				await verbose.close();
			}
		});

		it('takes another status', async () => {
			sb.configure({ fault: { mode: 'echoHeaders', status: 502, remaining: 1 } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect([r.status, json(r).code]).toEqual([502, '502']);
		});
	});

	describe('huge', () => {
		it('by default a 200 success whose msg is 50 MB, with the record stored', async () => {
			sb.configure({ fault: { mode: 'huge', remaining: 1 } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect(r.status).toBe(200);
			const body = json(r);
			expect(body.msg.length).toBe(50 * 1024 * 1024);
			expect(body.msg.startsWith('Succesfully create record ')).toBe(true);
			expect(body).toMatchObject({ code: '200', error: 'null', data: { wolkvox_id: expect.stringMatching(HEX24) } });
			expect(contactsStored(sb)).toBe(1);
			// The log keeps the size, not the megabytes.
			expect(JSON.stringify(sb.requests()).length).toBeLessThan(5000);
			expect(lastLogged(sb)).toMatchObject({ fault: 'huge', stored: true, response: { msg: `[${50 * 1024 * 1024} bytes]` } });
		});

		it('an error status with a huge error field, nothing stored', async () => {
			sb.configure({ fault: { mode: 'huge', status: 500, field: 'error', bytes: 100000, remaining: 1 } });
			const r = await raw(sb, INSERT, { body: contact() });
			expect(r.status).toBe(500);
			const body = json(r);
			expect(body).toMatchObject({ code: '500', msg: 'INTERNAL SERVER ERROR', data: null });
			expect(body.error.length).toBe(100000);
			expect(contactsStored(sb)).toBe(0);
			expect(used(sb)).toBe(0);
		});

		it('the bulk endpoint’s failed_Sumary entry error', async () => {
			sb.configure({ fault: { mode: 'huge', field: 'failed_Sumary', bytes: 200000, remaining: 1 } });
			const r = await raw(sb, MASSIVE, { body: { operation: OP, collections: [caseFile('1'), caseFile('2', { Email: '' })] } });
			expect(r.status).toBe(200);
			const body = json(r);
			expect(body).toMatchObject({ code: '200', success: false, summary: { total_records_received: 2, successful_inserts: 1, failed_count: 1 } });
			expect(body.summary.failed_Sumary).toHaveLength(1);
			expect(body.summary.failed_Sumary[0]).toMatchObject({ index: 1, Identification: '2' });
			expect(body.summary.failed_Sumary[0].error.length).toBe(200000);
			expect(sb.store().caseFiles).toHaveLength(1);
		});
	});
});
