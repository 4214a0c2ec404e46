/**
 * Specification of the wolkvox sandbox, rule by rule, against a real HTTP server on 127.0.0.1.
 * Each describe block names the endpoint and the documented rule it checks.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';

import { fingerprint, MESSAGES } from '../../../harness/sandbox/server';
import { api, call, caseFile, contact, HEX24, OP, TOKEN, useSandbox, waitFor, type Json, type Sandbox } from './sandboxClient';

const INSERT = api('custom/insert.php');
const OBLIGATION = api('collections/insertObligation.php');
const GESTION = api('collections/insertGestion.php');
const MASSIVE = api('collections/massiveCollections.php');
const TOKEN_INFO = api('token/tokenInformation.php');

const task = (fields: Json = {}) => ({
	operation: OP,
	module: 'wolkvox_activities',
	type: 'task',
	fields: {
		status: 'created',
		name: 'Call the client back',
		priority: 'high',
		name_module: 'cases',
		completion_date: '2025-07-30 17:00:00',
		remember: true,
		reminder_date: '2025-07-29 09:00:00',
		description: 'Promised a payment plan.',
		id_record: '64dcf0a1b2c3d4e5f6a7b8c9',
		wolkvox_owner: 'ADMIN_@mymodule',
		...fields,
	},
});

const obligation = (fields: Json = {}, extra: Json = {}) => ({
	operation: OP,
	wolkvox_id: '64dcf0a1b2c3d4e5f6a7b8c9',
	fields: {
		id: 'obl1',
		name: 'Invoice 12345 - Pending Payment',
		total_balance: '10000',
		portfolio_type: 'VIP Client',
		last_pay: '2000',
		last_pay_date: '2023-06-06',
		expiring_date: '2023-07-07',
		days_delay: '90',
		form: [{ name: 'Titulation', value: 'titulation value' }],
		...fields,
	},
	...extra,
});

const gestion = (fields: Json = {}) => ({
	operation: OP,
	fields: {
		tipifycation_code: 'PP',
		tipifycation_desc: 'Payment promise',
		tipification_code: 'PP',
		tipification_description: 'Payment promise',
		module: 'collections',
		wolkvox_idRecord: '64dcf0a1b2c3d4e5f6a7b8c9',
		agent_id: '1001',
		...fields,
	},
});

describe('wolkvox sandbox', () => {
	const sandbox = useSandbox();
	let sb: Sandbox;
	beforeEach(() => {
		sb = sandbox();
	});

	describe('envelope and authentication', () => {
		it('answers 401 PLEASE ENTER THE WOLKVOX-TOKEN when the header is missing, as JSON with a string code', async () => {
			const r = await call(sb, INSERT, { token: null, body: contact() });
			expect(r.status).toBe(401);
			expect(r.headers.get('content-type')).toBe('application/json');
			expect(r.json).toMatchObject({ code: '401', msg: 'PLEASE ENTER THE WOLKVOX-TOKEN' });
		});

		it('answers 403 PLEASE VALIDATE TOKEN for an unknown token and spends no quota', async () => {
			const r = await call(sb, INSERT, { token: 'not-a-sandbox-token', body: contact() });
			expect(r.status).toBe(403);
			expect(r.json).toMatchObject({ code: '403', msg: 'PLEASE VALIDATE TOKEN' });
			expect(sb.stats().perToken[fingerprint(TOKEN)].used).toBe(0);
		});

		it('reads the token header whatever the case of its name', async () => {
			const status = await new Promise<number>((resolve, reject) => {
				const body = JSON.stringify(contact());
				const req = http.request(
					sb.url + INSERT,
					{ method: 'POST', headers: { 'WOLKVOX-token': TOKEN, 'content-length': Buffer.byteLength(body) } },
					(res) => {
						res.resume();
						resolve(res.statusCode ?? 0);
					},
				);
				req.on('error', reject);
				req.end(body);
			});
			expect(status).toBe(200);
		});

		it('answers a success with code "200", error "null" and the vendor spelling of msg', async () => {
			const r = await call(sb, INSERT, { body: contact() });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ code: '200', error: 'null', msg: 'Succesfully create record', data: { wolkvox_id: expect.stringMatching(HEX24) } });
		});

		it('answers 400 THE API YOU WANT TO CONSULT DOES NOT EXIST for an unknown path, without spending quota', async () => {
			const r = await call(sb, '/server/API/v2/custom/doesNotExist.php', { body: contact() });
			expect(r.status).toBe(400);
			expect(r.json).toMatchObject({ code: '400', msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' });
			const other = await call(sb, '/somewhere/else', { body: contact() });
			expect(other.json.msg).toBe('THE API YOU WANT TO CONSULT DOES NOT EXIST');
			expect(sb.stats().perToken[fingerprint(TOKEN)].used).toBe(0);
		});

		it('answers 405 with an Allow header for a wrong method, without spending quota', async () => {
			const r = await call(sb, INSERT, { method: 'GET' });
			expect(r.status).toBe(405);
			expect(r.headers.get('allow')).toBe('POST');
			expect(r.json).toMatchObject({ code: '405', msg: 'METHOD NOT ALLOWED' });
			const info = await call(sb, `${TOKEN_INFO}?operation=${OP}`, { method: 'POST', body: {} });
			expect(info.status).toBe(405);
			expect(info.headers.get('allow')).toBe('GET');
			expect(sb.stats().perToken[fingerprint(TOKEN)].used).toBe(0);
		});

		it('answers 501 for documented vendor endpoints beyond the CRM v2 set the sandbox implements, without spending quota', async () => {
			for (const file of ['cases/updateCaseAttachment.php', 'cases/listHistoryNote.php']) {
				const r = await call(sb, `/server/API/v2/${file}`, { body: { operation: OP } });
				expect(r.status).toBe(501);
				expect(r.json).toMatchObject({ code: '501', msg: 'THIS API IS NOT IMPLEMENTED IN THE WOLKVOX SANDBOX' });
			}
			expect(sb.stats().perToken[fingerprint(TOKEN)].used).toBe(0);
		});
	});

	describe('body and operation', () => {
		it('refuses a body that is not JSON with 400 SOME PARAMETERS ARE REQUIRED', async () => {
			const r = await call(sb, INSERT, { rawBody: 'operation=demo_operation' });
			expect(r.status).toBe(400);
			expect(r.json).toMatchObject({ code: '400', msg: 'SOME PARAMETERS ARE REQUIRED' });
			expect(r.json.error).toMatch(/not valid JSON/);
		});

		it('refuses an empty body and a JSON array', async () => {
			expect((await call(sb, INSERT, { rawBody: '' })).json.error).toMatch(/empty/);
			expect((await call(sb, INSERT, { body: [contact()] })).json.error).toMatch(/JSON object/);
		});

		it('requires the operation and it must be the token’s own', async () => {
			const { operation: _omit, ...noOp } = contact();
			const missing = await call(sb, INSERT, { body: noOp });
			expect(missing.status).toBe(400);
			expect(missing.json.error).toBe('operation is required');

			const wrong = await call(sb, INSERT, { body: { ...contact(), operation: 'other_operation' } });
			expect(wrong.status).toBe(400);
			expect(wrong.json.msg).toBe('SOME PARAMETERS ARE REQUIRED');
			expect(wrong.json.error).toMatch(/operation does not match/);

			const otherToken = await call(sb, INSERT, { token: 'sandbox-token-0002', body: { ...contact(), operation: 'other_operation' } });
			expect(otherToken.status).toBe(200);
		});

		it('accepts a JSON body sent without a JSON content type (the vendor’s own bulk samples send none)', async () => {
			const r = await call(sb, MASSIVE, { body: { operation: OP, collections: [caseFile('1')] }, headers: { 'Content-Type': 'text/plain' } });
			expect(r.status).toBe(200);
		});

		it('answers 413 when the body exceeds the configured limit', async () => {
			sb.configure({ bodyLimitBytes: 1000 });
			const r = await call(sb, INSERT, { body: contact({ note: 'x'.repeat(2000) }) });
			expect(r.status).toBe(413);
			expect(r.json.code).toBe('413');
		});
	});

	describe('daily quota', () => {
		it('spends one use per accepted call, validation failures included, then answers 403 TOKEN LIMIT EXCEEDED', async () => {
			sb.configure({ quota: 3 });
			expect((await call(sb, INSERT, { body: contact() })).status).toBe(200);
			expect((await call(sb, INSERT, { body: { operation: OP, module: 'contacts' } })).status).toBe(400);
			expect((await call(sb, `${TOKEN_INFO}?operation=${OP}`, { method: 'GET' })).status).toBe(200);
			const over = await call(sb, INSERT, { body: contact() });
			expect(over.status).toBe(403);
			expect(over.json).toMatchObject({ code: '403', msg: 'TOKEN LIMIT EXCEEDED' });
			const s = sb.stats();
			expect(s.perToken[fingerprint(TOKEN)]).toMatchObject({ used: 3, quota: 3, remaining: 0 });
			expect(s.rejectedQuota).toBe(1);
			expect(sb.requests().map((r) => r.quotaSpent)).toEqual([true, true, true, false]);
		});

		it('lets the quota usage be set directly, by token or by fingerprint', async () => {
			sb.configure({ quota: 10, tokenUsage: { [TOKEN]: 9 } });
			expect((await call(sb, INSERT, { body: contact() })).status).toBe(200);
			expect((await call(sb, INSERT, { body: contact() })).json.msg).toBe('TOKEN LIMIT EXCEEDED');
			sb.configure({ tokenUsage: { [fingerprint(TOKEN)]: 0 } });
			expect((await call(sb, INSERT, { body: contact() })).status).toBe(200);
		});

		it('keeps quotas per token', async () => {
			sb.configure({ tokens: { 'sandbox-token-0002': { operation: 'other_operation', quota: 1 } } });
			const other = { ...contact(), operation: 'other_operation' };
			expect((await call(sb, INSERT, { token: 'sandbox-token-0002', body: other })).status).toBe(200);
			expect((await call(sb, INSERT, { token: 'sandbox-token-0002', body: other })).status).toBe(403);
			expect((await call(sb, INSERT, { body: contact() })).status).toBe(200);
		});
	});

	describe('at most 2 simultaneous requests per token', () => {
		it('refuses exactly the requests beyond 2 in flight, with the vendor message, and spends no quota on them', async () => {
			sb.configure({ latencyMs: 150 });
			const results = await Promise.all(Array.from({ length: 5 }, () => call(sb, INSERT, { body: contact() })));
			const statuses = results.map((r) => r.status).sort();
			expect(statuses).toEqual([200, 200, 403, 403, 403]);
			for (const r of results.filter((x) => x.status === 403)) {
				expect(r.json).toMatchObject({ code: '403', msg: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)' });
			}
			const s = sb.stats();
			expect(s.rejectedConcurrency).toBe(3);
			expect(s.perToken[fingerprint(TOKEN)]).toMatchObject({ used: 2, maxInFlightObserved: 2, rejectedConcurrency: 3, inFlight: 0 });
		});

		it('does not free a slot when a refused request ends', async () => {
			sb.configure({ latencyMs: 300 });
			const slow = [call(sb, INSERT, { body: contact() }), call(sb, INSERT, { body: contact() })];
			await waitFor(() => sb.stats().perToken[fingerprint(TOKEN)].inFlight === 2);
			const third = await call(sb, INSERT, { body: contact() });
			const fourth = await call(sb, INSERT, { body: contact() });
			expect(third.status).toBe(403);
			expect(fourth.status).toBe(403);
			expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
			expect(sb.stats().perToken[fingerprint(TOKEN)].inFlight).toBe(0);
		});

		it('gives the slot back when a client gives up mid-request', async () => {
			sb.configure({ latencyMs: 300 });
			const controller = new AbortController();
			const aborted = fetch(sb.url + INSERT, {
				method: 'POST',
				headers: { 'Wolkvox-Token': TOKEN },
				body: JSON.stringify(contact()),
				signal: controller.signal,
			}).catch((err: Error) => err.name);
			await waitFor(() => sb.stats().perToken[fingerprint(TOKEN)].inFlight === 1);
			controller.abort();
			expect(await aborted).toBe('AbortError');
			await waitFor(() => sb.stats().perToken[fingerprint(TOKEN)].inFlight === 0);
			sb.configure({ latencyMs: 0 });
			expect((await call(sb, INSERT, { body: contact() })).status).toBe(200);
		});

		it('never refuses sequential calls', async () => {
			sb.configure({ latencyMs: 2 });
			for (let i = 0; i < 25; i++) expect((await call(sb, INSERT, { body: contact() })).status).toBe(200);
			expect(sb.stats().perToken[fingerprint(TOKEN)].maxInFlightObserved).toBe(1);
		});

		it('never refuses two workers that each call again as soon as they get an answer', async () => {
			sb.configure({ latencyMs: 3 });
			const worker = async () => {
				const statuses: number[] = [];
				for (let i = 0; i < 20; i++) statuses.push((await call(sb, INSERT, { body: contact() })).status);
				return statuses;
			};
			const all = (await Promise.all([worker(), worker()])).flat();
			expect(all.every((s) => s === 200)).toBe(true);
			expect(sb.stats().rejectedConcurrency).toBe(0);
			expect(sb.stats().perToken[fingerprint(TOKEN)].maxInFlightObserved).toBe(2);
		});

		it('counts the limit per token, not per server', async () => {
			sb.configure({ latencyMs: 150 });
			const other = { ...contact(), operation: 'other_operation' };
			const results = await Promise.all([
				call(sb, INSERT, { body: contact() }),
				call(sb, INSERT, { body: contact() }),
				call(sb, INSERT, { token: 'sandbox-token-0002', body: other }),
				call(sb, INSERT, { token: 'sandbox-token-0002', body: other }),
			]);
			expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
		});
	});

	describe('custom/insert.php: record', () => {
		it('stores the record under its module and logs the request as received', async () => {
			const body = contact({
				Direccion: { type: 'address', value: 'Calle 145a #12-60' },
				'Productos preferidos': { type: 'table', value: [{ Ropa: 'Camisetas' }, { Carnes: 'Pescado' }] },
				Company: { type: 'search', value: 'Tech Solutions Inc.', value_id: '64dcf0a1b2c3d4e5f6a7b8c9', searchModuleName: 'companies' },
				Related: { type: 'relation', anything: ['passed', 'through'] },
				Mobile: { type: 'telephone', value: '3001234567', country: 'Colombia', code: '57' },
				Debt: { type: 'currency', value: '1750905', symbol: 'COP', convert: 1750905 },
				Precio: 6700,
				Active: true,
			});
			const r = await call(sb, INSERT, { body });
			expect(r.status).toBe(200);
			const id = r.json.data.wolkvox_id;
			const stored = sb.store().records.contacts;
			expect(stored).toHaveLength(1);
			expect(stored[0]).toMatchObject({ ...body.fields, wolkvox_id: id });

			const [logged] = sb.requests({ path: 'custom/insert.php' });
			expect(logged).toMatchObject({ method: 'POST', path: INSERT, status: 200, body, tokenPresent: true, quotaSpent: true });
			expect(logged.response).toEqual(r.json);
			expect(logged.endedAt).toBeGreaterThanOrEqual(logged.startedAt);
		});

		it('refuses an object value without a known type and names the field', async () => {
			const r = await call(sb, INSERT, { body: contact({ Direccion: { value: 'Calle 1' } }) });
			expect(r.status).toBe(400);
			expect(r.json.msg).toBe('SOME PARAMETERS ARE REQUIRED');
			expect(r.json.error).toMatch(/fields\["Direccion"\].*known "type"/);
			const badType = await call(sb, INSERT, { body: contact({ Direccion: { type: 'location', value: 'x' } }) });
			expect(badType.json.error).toMatch(/"location"/);
		});

		it('refuses a typed value whose shape is wrong', async () => {
			const r = await call(sb, INSERT, { body: contact({ Tabla: { type: 'table', value: 'not a list' } }) });
			expect(r.status).toBe(400);
			expect(r.json.error).toMatch(/fields\["Tabla"\] \(table\)/);
		});

		it('requires module and fields', async () => {
			const r = await call(sb, INSERT, { body: { operation: OP } });
			expect(r.status).toBe(400);
			expect(r.json.error).toMatch(/module is required/);
			expect(r.json.error).toMatch(/fields is required/);
			expect(sb.store().records).toEqual({});
		});
	});

	describe('custom/insert.php: task', () => {
		it('creates a task activity', async () => {
			const r = await call(sb, INSERT, { body: task() });
			expect(r.status).toBe(200);
			expect(r.json.data.wolkvox_id).toMatch(HEX24);
			expect(sb.store().records.wolkvox_activities[0]).toMatchObject({ name: 'Call the client back', wolkvox_type: 'task' });
		});

		it('accepts an empty reminder_date when remember is false', async () => {
			expect((await call(sb, INSERT, { body: task({ remember: false, reminder_date: '' }) })).status).toBe(200);
		});

		it.each([
			['priority outside high|normal|low', { priority: 'urgent' }, /fields\.priority must be one of high, normal, low/],
			['completion_date without time', { completion_date: '2025-07-30' }, /fields\.completion_date must be YYYY-MM-DD HH:mm:ss/],
			['an impossible completion_date', { completion_date: '2025-02-30 10:00:00' }, /fields\.completion_date/],
			['remember as a string', { remember: 'true' }, /fields\.remember must be a boolean/],
			['remember true without reminder_date', { reminder_date: '' }, /fields\.reminder_date is required when fields\.remember is true/],
			['a missing owner', { wolkvox_owner: undefined }, /fields\.wolkvox_owner is required/],
			['a missing id_record', { id_record: '' }, /fields\.id_record is required/],
			['a missing description', { description: undefined }, /fields\.description is required/],
		])('refuses %s and names the field', async (_label, patch, message) => {
			const r = await call(sb, INSERT, { body: task(patch) });
			expect(r.status).toBe(400);
			expect(r.json.msg).toBe('SOME PARAMETERS ARE REQUIRED');
			expect(r.json.error).toMatch(message);
		});

		it('refuses an activity without type or of another type', async () => {
			const { type: _t, ...noType } = task();
			expect((await call(sb, INSERT, { body: noType })).json.error).toMatch(/type is required/);
			expect((await call(sb, INSERT, { body: { ...task(), type: 'meeting' } })).json.error).toMatch(/only "task"/);
		});
	});

	describe('collections/insertObligation.php', () => {
		it('adds an obligation in YYYY-MM-DD and in DD-MM-YYYY', async () => {
			const a = await call(sb, OBLIGATION, { body: obligation() });
			expect(a.status).toBe(200);
			expect(a.json).toMatchObject({ code: '200', msg: 'Succesfully create record', data: { wolkvox_id: expect.stringMatching(HEX24) } });
			const b = await call(sb, OBLIGATION, { body: obligation({ id: 'obl2', last_pay_date: '06-06-2023', expiring_date: '31-12-2023' }) });
			expect(b.status).toBe(200);
			const stored = sb.store().obligations;
			expect(stored.map((o) => o.id)).toEqual(['obl1', 'obl2']);
			expect(stored[0]).toMatchObject({ wolkvox_idRecord: '64dcf0a1b2c3d4e5f6a7b8c9', form: [{ name: 'Titulation', value: 'titulation value' }] });
		});

		it.each([
			['a slash date', { last_pay_date: '2023/06/06' }, /fields\.last_pay_date must be YYYY-MM-DD or DD-MM-YYYY/],
			['an impossible date', { expiring_date: '31-02-2023' }, /fields\.expiring_date/],
			['a missing id', { id: '' }, /fields\.id is required/],
			['a missing name', { name: undefined }, /fields\.name is required/],
			['a locale-formatted balance', { total_balance: '1.000,50' }, /fields\.total_balance must be a plain number/],
			['a form entry without name', { form: [{ value: 'x' }] }, /fields\.form\[0\]\.name is required/],
		])('refuses %s', async (_label, patch, message) => {
			const r = await call(sb, OBLIGATION, { body: obligation(patch) });
			expect(r.status).toBe(400);
			expect(r.json.error).toMatch(message);
		});

		it('requires the wolkvox_id of the collections record', async () => {
			const r = await call(sb, OBLIGATION, { body: obligation({}, { wolkvox_id: '' }) });
			expect(r.status).toBe(400);
			expect(r.json.error).toMatch(/wolkvox_id is required/);
		});
	});

	describe('collections/insertGestion.php', () => {
		it('adds a gestion', async () => {
			const r = await call(sb, GESTION, { body: gestion() });
			expect(r.status).toBe(200);
			expect(r.json.data.wolkvox_id).toMatch(HEX24);
			expect(sb.store().gestiones[0]).toMatchObject({ tipifycation_code: 'PP', wolkvox_idRecord: '64dcf0a1b2c3d4e5f6a7b8c9' });
		});

		it('requires module "collections" and the four required fields', async () => {
			const wrongModule = await call(sb, GESTION, { body: gestion({ module: 'cases' }) });
			expect(wrongModule.status).toBe(400);
			expect(wrongModule.json.error).toMatch(/fields\.module must be "collections"/);
			const missing = await call(sb, GESTION, { body: gestion({ tipifycation_desc: '', wolkvox_idRecord: undefined }) });
			expect(missing.json.error).toMatch(/fields\.tipifycation_desc is required/);
			expect(missing.json.error).toMatch(/fields\.wolkvox_idRecord is required/);
			expect(sb.store().gestiones).toHaveLength(0);
		});
	});

	describe('collections/massiveCollections.php', () => {
		it('requires a non-empty collections array', async () => {
			for (const collections of [undefined, [], {}]) {
				const r = await call(sb, MASSIVE, { body: { operation: OP, collections } });
				expect(r.status).toBe(400);
				expect(r.json.msg).toBe('SOME PARAMETERS ARE REQUIRED');
				expect(r.json.error).toMatch(/collections/);
			}
		});

		it('loads every valid case file and answers success true', async () => {
			const r = await call(sb, MASSIVE, { body: { operation: OP, collections: [caseFile('1'), caseFile('2')] } });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				code: '200',
				success: true,
				summary: { total_records_received: 2, successful_inserts: 2, failed_count: 0, total_processed: 2, failed_Sumary: [] },
			});
			expect(sb.store().caseFiles.map((c) => c.Identification)).toEqual(['1', '2']);
			expect(sb.store().obligations).toHaveLength(2);
		});

		it('reports invalid case files in failed_Sumary by index and Identification, loads the others, success false', async () => {
			const collections = [
				caseFile('10'),
				caseFile('11', { Email: '' }),
				caseFile('12'),
				caseFile('13', { Obligations: [{ id: 'x', name: 'y', expiring_date: '03-02-2025' }] }),
				{ Name: 'No id', Email: 'a@b.c', Telephone: '1' },
				'not a case file',
			];
			const r = await call(sb, MASSIVE, { body: { operation: OP, collections } });
			expect(r.status).toBe(200);
			expect(r.json.code).toBe('200');
			expect(r.json.success).toBe(false);
			expect(r.json.summary).toMatchObject({ total_records_received: 6, successful_inserts: 2, failed_count: 4, total_processed: 6 });
			expect(r.json.summary.failed_Sumary).toEqual([
				{ index: 1, Identification: '11', error: 'Missing required field: Email' },
				{ index: 3, Identification: '13', error: 'Obligations[0].expiring_date must be YYYY-MM-DD (got "03-02-2025")' },
				{ index: 4, Identification: null, error: 'Missing required field: Identification' },
				{ index: 5, Identification: null, error: expect.stringMatching(/must be an object/) },
			]);
			expect(sb.store().caseFiles.map((c) => c.Identification)).toEqual(['10', '12']);
		});

		it('answers success false (still code "200") when every case file fails', async () => {
			const r = await call(sb, MASSIVE, { body: { operation: OP, collections: [caseFile('1', { Telephone: '' })] } });
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({ code: '200', success: false, summary: { successful_inserts: 0, failed_count: 1 } });
		});

		it('upserts case files by Identification and obligations by id', async () => {
			await call(sb, MASSIVE, { body: { operation: OP, collections: [caseFile('7')] } });
			const again = caseFile('7', {
				Name: 'Renamed',
				Obligations: [
					{ id: 'o-7', name: 'Loan 7', total_balance: '500' },
					{ id: 'o-7b', name: 'Second', last_pay_date: '2025-01-09' },
				],
			});
			await call(sb, MASSIVE, { body: { operation: OP, collections: [again] } });
			const { caseFiles, obligations } = sb.store();
			expect(caseFiles).toHaveLength(1);
			expect(caseFiles[0]).toMatchObject({ Identification: '7', Name: 'Renamed', Segment: 'Gold' });
			expect(obligations.map((o) => [o.id, o.total_balance])).toEqual([
				['o-7', '500'],
				['o-7b', undefined],
			]);
		});

		it('handles thousands of case files in one call quickly', async () => {
			const collections = Array.from({ length: 20000 }, (_, i) => caseFile(String(100000 + i)));
			collections[123] = caseFile('bad', { Name: '' });
			sb.configure({ recordBodies: 'summary' });
			const started = Date.now();
			const r = await call(sb, MASSIVE, { body: { operation: OP, collections } });
			expect(Date.now() - started).toBeLessThan(5000);
			expect(r.json.summary).toMatchObject({ total_records_received: 20000, successful_inserts: 19999, failed_count: 1 });
			const [logged] = sb.requests();
			expect(logged.body).toMatchObject({ summary: true, collections: 20000, obligations: 20000 });
		});
	});

	describe('token/tokenInformation.php', () => {
		it('reports the quota and spends one use itself', async () => {
			sb.configure({ quota: 50, hoursToRestart: 7 });
			await call(sb, INSERT, { body: contact() });
			const r = await call(sb, `${TOKEN_INFO}?operation=${OP}`, { method: 'GET' });
			expect(r.status).toBe(200);
			expect(r.json.code).toBe('200');
			expect(r.json.data).toEqual({
				description: expect.any(String),
				token_limit: 50,
				token_use_today: 2,
				available_consumition_options: 48,
				hours_to_restart_count: 7,
			});
			sb.configure({ hoursToRestart: null });
		});

		it('requires the operation in the query string', async () => {
			const missing = await call(sb, TOKEN_INFO, { method: 'GET' });
			expect(missing.status).toBe(400);
			expect(missing.json.error).toMatch(/query string/);
			const wrong = await call(sb, `${TOKEN_INFO}?operation=someone_else`, { method: 'GET' });
			expect(wrong.status).toBe(400);
		});
	});

	describe('maintenance', () => {
		it('answers 403 to every call while on, spending nothing', async () => {
			sb.configure({ maintenance: true });
			const r = await call(sb, INSERT, { body: contact() });
			expect(r.status).toBe(403);
			expect(r.json).toMatchObject({ code: '403', msg: MESSAGES.MAINTENANCE });
			sb.configure({ maintenance: false });
			expect((await call(sb, INSERT, { body: contact() })).status).toBe(200);
			expect(sb.stats().perToken[fingerprint(TOKEN)].used).toBe(1);
		});

		it('can cover only the next N calls, so a retry succeeds', async () => {
			sb.configure({ maintenance: { remaining: 2, message: 'Backup in progress' } });
			const a = await call(sb, INSERT, { body: contact() });
			const b = await call(sb, INSERT, { body: contact() });
			const c = await call(sb, INSERT, { body: contact() });
			expect([a.status, b.status, c.status]).toEqual([403, 403, 200]);
			expect(a.json.error).toBe('Backup in progress');
		});
	});

	describe('admin routes over HTTP', () => {
		const admin = async (route: string, init?: { method?: string; body?: unknown }) => {
			const res = await fetch(`${sb.url}/__sandbox${route}`, {
				method: init?.method ?? 'GET',
				body: init?.body === undefined ? undefined : JSON.stringify(init.body),
			});
			return { status: res.status, json: (await res.json()) as Json };
		};

		it('lists received requests, filtered by path and by sequence, and never logs admin calls', async () => {
			await call(sb, INSERT, { body: contact() });
			await call(sb, GESTION, { body: gestion() });
			await call(sb, INSERT, { body: contact() });
			await admin('/stats');
			const all = (await admin('/requests')).json.requests as Json[];
			expect(all.map((r) => r.path)).toEqual([INSERT, GESTION, INSERT]);
			const inserts = (await admin('/requests?path=custom/insert.php')).json.requests as Json[];
			expect(inserts).toHaveLength(2);
			const since = (await admin(`/requests?since=${all[0].seq}`)).json.requests as Json[];
			expect(since.map((r) => r.path)).toEqual([GESTION, INSERT]);
		});

		it('shows stats: totals, per status, concurrency refusals, per-token quota and in-flight peak', async () => {
			await call(sb, INSERT, { body: contact() });
			await call(sb, INSERT, { token: null, body: contact() });
			const s = (await admin('/stats')).json;
			expect(s.totalRequests).toBe(2);
			expect(s.byStatus).toEqual({ '200': 1, '401': 1 });
			expect(s.rejectedConcurrency).toBe(0);
			expect(s.perToken[fingerprint(TOKEN)]).toMatchObject({ used: 1, maxInFlightObserved: 1 });
			expect(s.store.records).toEqual({ contacts: 1 });
		});

		it('changes quota, latency, maintenance and usage through POST /config', async () => {
			const cfg = await admin('/config', { method: 'POST', body: { quota: 2, latencyMs: 1, tokenUsage: { [TOKEN]: 1 } } });
			expect(cfg.status).toBe(200);
			expect(cfg.json.latencyMs).toBe(1);
			expect(cfg.json.tokens).toContainEqual({ fingerprint: fingerprint(TOKEN), operation: OP, quota: 2, used: 1 });
			expect((await call(sb, INSERT, { body: contact() })).status).toBe(200);
			expect((await call(sb, INSERT, { body: contact() })).json.msg).toBe('TOKEN LIMIT EXCEEDED');
			await admin('/config', { method: 'POST', body: { maintenance: true } });
			expect((await call(sb, INSERT, { body: contact() })).json.msg).toBe(MESSAGES.MAINTENANCE);
			const bad = await admin('/config', { method: 'POST', body: { latencyMs: -5 } });
			expect(bad.status).toBe(400);
		});

		it('resets log, stats, store and quota usage through POST /reset', async () => {
			await call(sb, INSERT, { body: contact() });
			expect((await admin('/reset', { method: 'POST' })).json).toEqual({ ok: true });
			expect(sb.requests()).toHaveLength(0);
			expect(sb.stats().totalRequests).toBe(0);
			expect(sb.stats().perToken[fingerprint(TOKEN)].used).toBe(0);
			expect(sb.store().records).toEqual({});
		});

		it('exposes the stored data', async () => {
			await call(sb, MASSIVE, { body: { operation: OP, collections: [caseFile('55')] } });
			const counts = (await admin('/store')).json;
			expect(counts).toMatchObject({ caseFiles: 1, obligations: 1 });
			const cf = (await admin('/store/caseFiles?identification=55')).json.caseFiles as Json[];
			expect(cf).toHaveLength(1);
			const obl = (await admin(`/store/obligations?wolkvox_id=${cf[0].wolkvox_id}`)).json.obligations as Json[];
			expect(obl.map((o) => o.id)).toEqual(['o-55']);
		});

		it('answers 404 with the route list for an unknown admin route', async () => {
			const r = await admin('/nope');
			expect(r.status).toBe(404);
			expect(r.json.routes).toContain('GET /__sandbox/stats');
		});
	});

	describe('the token is never stored or shown', () => {
		it('redacts the header and keeps only a fingerprint, in the log, stats and admin output', async () => {
			await call(sb, INSERT, { body: contact() });
			await call(sb, INSERT, { token: 'not-a-sandbox-token', body: contact() });
			const [ok, unknown] = sb.requests();
			expect(ok.headers['wolkvox-token']).toBe('[REDACTED]');
			expect(ok.tokenFingerprint).toBe(fingerprint(TOKEN));
			expect(ok.tokenFingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
			expect(unknown.tokenFingerprint).toBe(fingerprint('not-a-sandbox-token'));
			const everything = JSON.stringify([
				sb.requests(),
				sb.stats(),
				sb.config(),
				await (await fetch(`${sb.url}/__sandbox/requests`)).text(),
				await (await fetch(`${sb.url}/__sandbox/config`)).text(),
			]);
			expect(everything).not.toContain(TOKEN);
			expect(everything).not.toContain('not-a-sandbox-token');
		});

		it('can log no bodies, or only a summary of them', async () => {
			sb.configure({ recordBodies: false });
			await call(sb, INSERT, { body: contact() });
			expect(sb.requests()[0].body).toBeUndefined();
			sb.configure({ recordBodies: 'summary' });
			await call(sb, INSERT, { body: contact() });
			expect(sb.requests()[1].body).toMatchObject({ summary: true, keys: ['operation', 'module', 'fields'], module: 'contacts' });
		});
	});
});

describe('wolkvox sandbox CLI', () => {
	it('prints its URL and a JSON line, serves the given token, hides it, and exits 0 on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			[path.join(__dirname, '../../../harness/sandbox/cli.js'), '--port', '0', '--token', 'cli-fake-token-1', '--operation', 'cli_op', '--quota', '5', '--latency', '0'],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let out = '';
		child.stdout.on('data', (c: Buffer) => (out += c.toString()));
		await waitFor(() => out.split('\n').length >= 3, 5000);
		const [line, jsonLine] = out.split('\n');
		const info = JSON.parse(jsonLine) as Json;
		expect(line).toBe(`wolkvox sandbox listening on ${info.url}`);
		expect(info).toMatchObject({ port: expect.any(Number), tokens: [{ fingerprint: fingerprint('cli-fake-token-1'), operation: 'cli_op', quota: 5 }] });
		expect(out).not.toContain('cli-fake-token-1');

		const res = await fetch(`${info.url}${TOKEN_INFO}?operation=cli_op`, { headers: { 'Wolkvox-Token': 'cli-fake-token-1' } });
		const body = (await res.json()) as Json;
		expect(body.data).toMatchObject({ token_limit: 5, token_use_today: 1 });

		const exitCode = await new Promise<number | null>((resolve) => {
			child.on('exit', (code) => resolve(code));
			child.kill('SIGTERM');
		});
		expect(exitCode).toBe(0);
	});
});
