/**
 * What every CRM v2 endpoint of the sandbox gets, the new ones included: the token and operation
 * checks, one use of the quota per processed call (refusals of the body included), 400 SOME PARAMETERS ARE
 * REQUIRED for a body without its fields, the 2-in-flight rule, a made-up success from a fault that did not
 * process the call, a place in the stats, and a log without the token.
 */
import { fingerprint } from '../../../harness/sandbox/server';
import { api, call, callForm, caseFile, contact, formOf, insertRecord, loadCaseFiles, OP, TOKEN, useSandbox, usesSpent, type Answer, type Json, type Sandbox } from './sandboxClient';

const sandbox = useSandbox();

/** Ids the valid calls name: a contact, a lead to delete, a case file with obligation o-1, a case. */
interface Ids {
	contactId: string;
	leadId: string;
	caseFileId: string;
	caseId: string;
}

async function seed(sb: Sandbox): Promise<Ids> {
	const contactId = await insertRecord(sb, 'contacts', contact().fields);
	const leadId = await insertRecord(sb, 'leads', { name: 'To delete' });
	const caseFileId = (await loadCaseFiles(sb, caseFile('1', { Obligations: [{ id: 'o-1', name: 'Loan' }] })))['1'];
	const fields = { 'case-type': 'Request', responsible: 'ADMIN_@op', owner: 'ADMIN_@op', contact: 'ana@example.com', description: 'x', status: 'open', priority: 'low' };
	const caseId = (await call(sb, api('cases/insertAttach.php'), { body: { operation: OP, ...fields, attachments: [] } })).json.data.wolkvox_id;
	return { contactId, leadId, caseFileId, caseId };
}

interface Spec {
	file: string;
	method?: 'PUT';
	/** a form endpoint: its parameters go as multipart/form-data */
	form?: boolean;
	valid: (ids: Ids) => Json;
}

const CASE_FIELDS = { 'case-type': 'Request', responsible: 'ADMIN_@op', owner: 'ADMIN_@op', contact: 'ana@example.com', description: 'x', status: 'open', priority: 'low' };

const NEW_ENDPOINTS: Spec[] = [
	{ file: 'custom/insertMany.php', valid: () => ({ module: 'leads', fields: [{ name: 'A' }] }) },
	{ file: 'custom/update.php', valid: (i) => ({ module: 'contacts', 'wolkvox-id': i.contactId, fields: { city: 'Cali' } }) },
	{ file: 'custom/updateMany.php', method: 'PUT', valid: (i) => ({ module: 'contacts', fields: [{ 'wolkvox-id': i.contactId, city: 'Cali' }] }) },
	{ file: 'custom/delete.php', valid: (i) => ({ module: 'leads', multiple: false, 'wolkvox-id': i.leadId }) },
	{ file: 'custom/queryDates.php', valid: () => ({ module: 'contacts', date: true, from: '2000-01-01 00:00', to: '2100-01-01 00:00' }) },
	{ file: 'collections/insertObligation.php', method: 'PUT', valid: (i) => ({ wolkvox_id: i.caseFileId, fields: { id: 'o-1', days_delay: '4' } }) },
	{ file: 'collections/queryObligation.php', valid: (i) => ({ obligation: 'o-1', wolkvox_id: i.caseFileId }) },
	{ file: 'collections/queryGestion.php', valid: () => ({ field: 'customer_id', value: '1' }) },
	{ file: 'cases/insert.php', form: true, valid: () => CASE_FIELDS },
	{ file: 'cases/insertAttach.php', valid: () => ({ ...CASE_FIELDS, attachments: ['aGk='] }) },
	{ file: 'cases/update.php', form: true, valid: (i) => ({ 'wolkvox-id': i.caseId, status: 'closed' }) },
	{ file: 'cases/queryCases.php', valid: () => ({ field: 'status', value: 'open' }) },
];

/** One call of the endpoint with these parameters (the operation added), as JSON or as a form. */
function send(sb: Sandbox, spec: Spec, params: Json, opts: { token?: string | null } = {}): Promise<Answer> {
	if (spec.form) return callForm(sb, api(spec.file), formOf(params as Record<string, string>), opts.token);
	return call(sb, api(spec.file), { method: spec.method, token: opts.token, body: { operation: OP, ...params } });
}

const label = (s: Spec) => `${s.method ?? 'POST'} ${s.file}`;

describe.each(NEW_ENDPOINTS.map((s) => [label(s), s] as const))('%s', (_label, spec) => {
	it('answers a valid call with code "200" and error "null", spending one use', async () => {
		const sb = sandbox();
		const ids = await seed(sb);
		const before = usesSpent(sb);
		const calls = sb.stats().byPath[api(spec.file)] ?? 0;
		const r = await send(sb, spec, spec.valid(ids));
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/json');
		expect(r.json).toMatchObject({ code: '200', error: 'null', msg: expect.any(String) });
		expect(r.json).toHaveProperty('data');
		expect(usesSpent(sb)).toBe(before + 1);
		expect(sb.stats().byPath[api(spec.file)]).toBe(calls + 1);
	});

	it('refuses a body without its fields with 400 SOME PARAMETERS ARE REQUIRED, still spending one use', async () => {
		const sb = sandbox();
		const r = await send(sb, spec, {});
		expect(r.status).toBe(400);
		expect(r.json).toMatchObject({ code: '400', msg: 'SOME PARAMETERS ARE REQUIRED', data: null });
		expect(usesSpent(sb)).toBe(1);
		expect(sb.requests()[0]).toMatchObject({ quotaSpent: true, stored: false });
	});

	it('refuses a call without token (401) or with another operation (400), the first spending nothing', async () => {
		const sb = sandbox();
		const ids = await seed(sb);
		const before = usesSpent(sb);
		expect((await send(sb, spec, spec.valid(ids), { token: null })).json).toMatchObject({ code: '401', msg: 'PLEASE ENTER THE WOLKVOX-TOKEN' });
		expect(usesSpent(sb)).toBe(before);
		const other = await send(sb, spec, { ...spec.valid(ids), operation: 'other_operation' });
		expect(other.status).toBe(400);
		expect(other.json.error).toMatch(/operation does not match/);
	});

	it('answers 403 TOKEN LIMIT EXCEEDED once the quota is spent', async () => {
		const sb = sandbox();
		const ids = await seed(sb);
		sb.configure({ quota: usesSpent(sb) });
		expect((await send(sb, spec, spec.valid(ids))).json).toMatchObject({ code: '403', msg: 'TOKEN LIMIT EXCEEDED' });
	});

	it('dresses a fault that processed nothing as a success of the endpoint’s shape, and stores nothing', async () => {
		const sb = sandbox();
		const ids = await seed(sb);
		const before = JSON.stringify(sb.store());
		sb.configure({ fault: { mode: 'trickle', intervalMs: 1, store: false, path: spec.file } });
		const r = await send(sb, spec, spec.valid(ids));
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ code: '200', error: 'null' });
		const data = r.json.data;
		if (/query/.test(spec.file)) expect(data).toEqual([]);
		else expect(JSON.stringify(data)).toMatch(/"wolkvox_id":"[0-9a-f]{24}"/);
		expect(sb.requests().slice(-1)[0]).toMatchObject({ fault: 'trickle', stored: false, quotaSpent: false });
		expect(JSON.stringify(sb.store())).toBe(before);
	});
});

describe('every endpoint, together', () => {
	it('keeps the 2-in-flight rule on a form endpoint', async () => {
		const sb = sandbox();
		await seed(sb);
		sb.configure({ latencyMs: 150 });
		const form = NEW_ENDPOINTS.find((s) => s.file === 'cases/insert.php')!;
		const results = await Promise.all(Array.from({ length: 4 }, () => send(sb, form, CASE_FIELDS)));
		expect(results.map((r) => r.status).sort()).toEqual([200, 200, 403, 403]);
		expect(sb.stats().perToken[fingerprint(TOKEN)]).toMatchObject({ maxInFlightObserved: 2, rejectedConcurrency: 2 });
	});

	it('counts each endpoint in the stats, shows cases in the store, and never logs the token', async () => {
		const sb = sandbox();
		const ids = await seed(sb);
		for (const spec of NEW_ENDPOINTS) await send(sb, spec, spec.valid(ids));
		const stats = sb.stats();
		for (const spec of NEW_ENDPOINTS) expect(stats.byPath[api(spec.file)]).toBeGreaterThanOrEqual(1);
		expect(stats.store).toMatchObject({ cases: 3, caseFiles: 1, obligations: 1, records: { cases: 3, collections: 1, leads: 1 } });
		const store = await (await fetch(`${sb.url}/__sandbox/store/cases?wolkvox_id=${ids.caseId}`)).json();
		expect(store).toEqual({ cases: [expect.objectContaining({ wolkvox_id: ids.caseId, status: 'closed' })] });
		const everything = JSON.stringify([sb.requests(), stats, sb.store(), await (await fetch(`${sb.url}/__sandbox/requests`)).text()]);
		expect(everything).not.toContain(TOKEN);
		expect(sb.requests().every((r) => r.headers['wolkvox-token'] === '[REDACTED]')).toBe(true);
	});
});
