/**
 * The sandbox's `collections` group beyond the inserts: update an obligation (PUT on
 * insertObligation.php), query obligations and gestiones.
 */
import { api, call, caseFile, loadCaseFiles, OP, useSandbox, type Json } from './sandboxClient';

const OBLIGATION = api('collections/insertObligation.php');
const QUERY_OBLIGATION = api('collections/queryObligation.php');
const GESTION = api('collections/insertGestion.php');
const QUERY_GESTION = api('collections/queryGestion.php');

const sandbox = useSandbox();

const put = (wolkvox_id: string, fields: Json) => call(sandbox(), OBLIGATION, { method: 'PUT', body: { operation: OP, wolkvox_id, fields } });

describe('collections/insertObligation.php with PUT: update an obligation', () => {
	it('changes the given fields of the obligation, keeps the others and its wolkvox_id', async () => {
		const sb = sandbox();
		const ids = await loadCaseFiles(sb, caseFile('9'));
		const [before] = sb.store().obligations;
		const r = await put(ids['9'], { id: 'o-9', total_balance: '750.50', last_pay_date: '15-01-2025' });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ code: '200', error: 'null', msg: 'Succesfully update record', data: { wolkvox_id: before.wolkvox_id } });
		expect(sb.store().obligations).toEqual([
			{ ...before, total_balance: '750.50', last_pay_date: '15-01-2025' },
		]);
	});

	it('updates an obligation added by POST to a case file inserted one by one', async () => {
		const sb = sandbox();
		const inserted = await call(sb, api('custom/insert.php'), { body: { operation: OP, module: 'collections', fields: { Identification: '3', Name: 'Ana' } } });
		const caseId = inserted.json.data.wolkvox_id;
		await call(sb, OBLIGATION, { body: { operation: OP, wolkvox_id: caseId, fields: { id: 'A', name: 'Loan A', days_delay: '3' } } });
		expect((await put(caseId, { id: 'A', name: 'Loan A (renegotiated)' })).status).toBe(200);
		expect(sb.store().obligations[0]).toMatchObject({ id: 'A', name: 'Loan A (renegotiated)', days_delay: '3' });
	});

	it('refuses an unknown case file, and an obligation the case file does not hold, with 404', async () => {
		const sb = sandbox();
		const ids = await loadCaseFiles(sb, caseFile('9'));
		const noCase = await put('64dcf0a1b2c3d4e5f6a7b8c9', { id: 'o-9', days_delay: '1' });
		expect(noCase.status).toBe(404);
		expect(noCase.json).toMatchObject({ code: '404', msg: 'THE RECORD DOES NOT EXIST' });
		expect(noCase.json.error).toMatch(/not a collections record/);
		const noObligation = await put(ids['9'], { id: 'o-10', days_delay: '1' });
		expect(noObligation.status).toBe(404);
		expect(noObligation.json.error).toMatch(/has no obligation with id "o-10"/);
		expect(sb.store().obligations[0].days_delay).toBe('33');
	});

	it.each([
		['no field to change', { id: 'o-9' }, /at least one field to change besides id/],
		['no id', { days_delay: '1' }, /fields\.id is required/],
		['an empty name', { id: 'o-9', name: '' }, /fields\.name must not be empty/],
		['a slash date', { id: 'o-9', expiring_date: '2025/01/01' }, /fields\.expiring_date must be YYYY-MM-DD or DD-MM-YYYY/],
	])('refuses %s with 400', async (_label, fields, message) => {
		const ids = await loadCaseFiles(sandbox(), caseFile('9'));
		const r = await put(ids['9'], fields);
		expect(r.status).toBe(400);
		expect(r.json.msg).toBe('SOME PARAMETERS ARE REQUIRED');
		expect(r.json.error).toMatch(message);
	});
});

describe('collections/queryObligation.php', () => {
	it('finds a case file’s obligation by its id or by its name', async () => {
		const sb = sandbox();
		const ids = await loadCaseFiles(sb, caseFile('9', { Obligations: [{ id: 'o-1', name: 'Card' }, { id: 'o-2', name: 'Loan' }] }), caseFile('10'));
		const byId = await call(sb, QUERY_OBLIGATION, { body: { operation: OP, obligation: 'o-2', wolkvox_id: ids['9'] } });
		expect(byId.json).toMatchObject({ code: '200', error: 'null', msg: '1 records were are found', data: [{ id: 'o-2', name: 'Loan', wolkvox_idRecord: ids['9'] }] });
		const byName = await call(sb, QUERY_OBLIGATION, { body: { operation: OP, obligation: 'Card', wolkvox_id: ids['9'] } });
		expect(byName.json.data.map((o: Json) => o.id)).toEqual(['o-1']);
	});

	it('answers HTTP 200 with 0 records for an obligation of another case file, or an unknown case file', async () => {
		const sb = sandbox();
		const ids = await loadCaseFiles(sb, caseFile('9'), caseFile('10'));
		for (const wolkvox_id of [ids['10'], '64dcf0a1b2c3d4e5f6a7b8c9']) {
			const r = await call(sb, QUERY_OBLIGATION, { body: { operation: OP, obligation: 'o-9', wolkvox_id } });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ code: '200', error: 'null', msg: '0 records were are found', data: [] });
		}
	});

	it('requires obligation and wolkvox_id (with an underscore)', async () => {
		const r = await call(sandbox(), QUERY_OBLIGATION, { body: { operation: OP, 'wolkvox-id': 'x' } });
		expect(r.status).toBe(400);
		expect(r.json.error).toMatch(/obligation is required.*wolkvox_id is required/);
	});
});

describe('collections/queryGestion.php', () => {
	const gestion = (extra: Json) => ({
		operation: OP,
		fields: { tipifycation_code: 'PP', tipifycation_desc: 'Payment promise', module: 'collections', wolkvox_idRecord: '64dcf0a1b2c3d4e5f6a7b8c9', ...extra },
	});

	it('answers the gestiones whose field equals the value', async () => {
		const sb = sandbox();
		await call(sb, GESTION, { body: gestion({ customer_id: '123', agent_id: '1001' }) });
		await call(sb, GESTION, { body: gestion({ customer_id: '456' }) });
		await call(sb, GESTION, { body: gestion({ customer_id: '123', tipifycation_code: 'NC' }) });
		const r = await call(sb, QUERY_GESTION, { body: { operation: OP, field: 'customer_id', value: '123' } });
		expect(r.status).toBe(200);
		expect(r.json.msg).toBe('2 records were are found');
		expect(r.json.data.map((g: Json) => g.tipifycation_code)).toEqual(['PP', 'NC']);
		expect(r.json.data[0]).toMatchObject({ agent_id: '1001', wolkvox_id: expect.any(String), wolkvox_fecha_creacion: expect.any(String) });
	});

	it('requires field and value', async () => {
		const r = await call(sandbox(), QUERY_GESTION, { body: { operation: OP, field: 'customer_id' } });
		expect(r.status).toBe(400);
		expect(r.json.error).toBe('value is required');
	});
});
