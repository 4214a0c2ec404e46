/**
 * The sandbox's `custom` group beyond insert: insertMany, update, updateMany, delete, queryDates,
 * and query.php over every module, the case files of the bulk load included.
 */
import { api, call, caseFile, contact, HEX24, insertRecord, loadCaseFiles, OP, useSandbox, usesSpent } from './sandboxClient';

const INSERT_MANY = api('custom/insertMany.php');
const UPDATE = api('custom/update.php');
const UPDATE_MANY = api('custom/updateMany.php');
const DELETE = api('custom/delete.php');
const QUERY = api('custom/query.php');
const QUERY_DATES = api('custom/queryDates.php');
const GESTION = api('collections/insertGestion.php');
const QUERY_GESTION = api('collections/queryGestion.php');

const sandbox = useSandbox();

/** The sandbox's clock (only Date: timers and sockets keep running) set to a UTC time. */
function clockAt(iso: string) {
	jest.useFakeTimers({
		doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
	});
	jest.setSystemTime(new Date(iso));
}
afterEach(() => jest.useRealTimers());

const contacts = () => sandbox().store().records.contacts ?? [];

describe('custom/insertMany.php', () => {
	it('stores one record per element and answers their ids in order, in the envelope', async () => {
		const sb = sandbox();
		const r = await call(sb, INSERT_MANY, {
			body: { operation: OP, module: 'contacts', fields: [{ namecontact: 'Ana' }, { namecontact: 'Luis', Mobile: { type: 'telephone', value: '300' } }] },
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			code: '200',
			error: 'null',
			msg: 'Succesfully create record',
			data: [{ wolkvox_id: expect.stringMatching(HEX24) }, { wolkvox_id: expect.stringMatching(HEX24) }],
		});
		expect(contacts().map((c) => [c.wolkvox_id, c.namecontact])).toEqual([
			[r.json.data[0].wolkvox_id, 'Ana'],
			[r.json.data[1].wolkvox_id, 'Luis'],
		]);
	});

	it('refuses the whole call when one element is invalid, naming it, and stores none', async () => {
		const r = await call(sandbox(), INSERT_MANY, {
			body: { operation: OP, module: 'contacts', fields: [{ namecontact: 'Ana' }, { Direccion: { value: 'Calle 1' } }, {}] },
		});
		expect(r.status).toBe(400);
		expect(r.json).toMatchObject({ code: '400', msg: 'SOME PARAMETERS ARE REQUIRED', data: null });
		expect(r.json.error).toMatch(/fields\[1\]\["Direccion"\].*known "type"/);
		expect(r.json.error).toMatch(/fields\[2\] must contain at least one field/);
		expect(contacts()).toHaveLength(0);
	});

	it('requires fields as a non-empty array', async () => {
		const r = await call(sandbox(), INSERT_MANY, { body: { operation: OP, module: 'contacts', fields: { namecontact: 'Ana' } } });
		expect(r.status).toBe(400);
		expect(r.json.error).toMatch(/fields is required and must be a non-empty array/);
	});
});

describe('custom/update.php', () => {
	it('changes the given fields, keeps the others, and moves wolkvox_fecha_modificacion', async () => {
		const sb = sandbox();
		clockAt('2024-03-01T10:00:00Z');
		const id = await insertRecord(sb, 'contacts', { namecontact: 'Ana', city: 'Cali' });
		clockAt('2024-03-02T11:30:00Z');
		const r = await call(sb, UPDATE, { body: { operation: OP, module: 'contacts', 'wolkvox-id': id, fields: { city: 'Bogotá', Debt: { type: 'currency', value: '10' } } } });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ code: '200', error: 'null', msg: 'Succesfully update record', data: { wolkvox_id: id } });
		expect(contacts()[0]).toMatchObject({
			wolkvox_id: id,
			namecontact: 'Ana',
			city: 'Bogotá',
			Debt: { type: 'currency', value: '10' },
			wolkvox_fecha_creacion: '2024-03-01 10:00:00',
			wolkvox_fecha_modificacion: '2024-03-02 11:30:00',
		});
	});

	it('keeps base64 attachments as their size and hash, replacing the previous list', async () => {
		const sb = sandbox();
		const id = await insertRecord(sb, 'contacts', { namecontact: 'Ana' });
		const update = (attachments: string[]) =>
			call(sb, UPDATE, { body: { operation: OP, module: 'contacts', 'wolkvox-id': id, fields: { note: 'x' }, attachments } });
		await update([Buffer.from('first').toString('base64')]);
		expect((await update([Buffer.from('hello').toString('base64')])).status).toBe(200);
		expect(contacts()[0].wolkvox_attachments).toEqual([
			{ name: null, contentType: null, bytes: 5, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' },
		]);
	});

	it('refuses an id that is not a record of the module with 404 THE RECORD DOES NOT EXIST, spending one use', async () => {
		const sb = sandbox();
		const id = await insertRecord(sb, 'leads', { name: 'Ana' });
		const before = usesSpent(sb);
		const r = await call(sb, UPDATE, { body: { operation: OP, module: 'contacts', 'wolkvox-id': id, fields: { name: 'Luis' } } });
		expect(r.status).toBe(404);
		expect(r.json).toMatchObject({ code: '404', msg: 'THE RECORD DOES NOT EXIST', data: null });
		expect(r.json.error).toContain(id);
		expect(usesSpent(sb)).toBe(before + 1);
		expect(sb.store().records.leads[0].name).toBe('Ana');
	});

	it.each([
		['no wolkvox-id', { 'wolkvox-id': undefined }, /wolkvox-id is required/],
		['empty fields', { fields: {} }, /fields must contain at least one field to change/],
		['a bad typed value', { fields: { Tabla: { type: 'table', value: 'x' } } }, /fields\["Tabla"\] \(table\)/],
		['a system key', { fields: { wolkvox_id: 'abc' } }, /fields\.wolkvox_id is set by the CRM/],
		['attachments that are not base64', { attachments: ['data:text/plain;base64,aGk='] }, /attachments\[0\] must be a non-empty base64 string/],
	])('refuses %s with 400', async (_label, patch, message) => {
		const sb = sandbox();
		const id = await insertRecord(sb, 'contacts', { namecontact: 'Ana' });
		const r = await call(sb, UPDATE, { body: { operation: OP, module: 'contacts', 'wolkvox-id': id, fields: { namecontact: 'Luis' }, ...patch } });
		expect(r.status).toBe(400);
		expect(r.json.msg).toBe('SOME PARAMETERS ARE REQUIRED');
		expect(r.json.error).toMatch(message);
		expect(contacts()[0].namecontact).toBe('Ana');
	});
});

describe('custom/updateMany.php (PUT)', () => {
	it('updates each record named by the wolkvox-id beside its fields', async () => {
		const sb = sandbox();
		const a = await insertRecord(sb, 'contacts', { namecontact: 'Ana', city: 'Cali' });
		const b = await insertRecord(sb, 'contacts', { namecontact: 'Luis', city: 'Cali' });
		const r = await call(sb, UPDATE_MANY, {
			method: 'PUT',
			body: { operation: OP, module: 'contacts', fields: [{ 'wolkvox-id': a, city: 'Pasto' }, { 'wolkvox-id': b, namecontact: 'Luis M.' }] },
		});
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ code: '200', msg: 'Succesfully update record', data: [{ wolkvox_id: a }, { wolkvox_id: b }] });
		expect(contacts().map((c) => [c.namecontact, c.city])).toEqual([
			['Ana', 'Pasto'],
			['Luis M.', 'Cali'],
		]);
		expect(contacts()[0]).not.toHaveProperty('wolkvox-id');
	});

	it('refuses the whole call when one id is unknown, and changes no record', async () => {
		const sb = sandbox();
		const a = await insertRecord(sb, 'contacts', { namecontact: 'Ana' });
		const r = await call(sb, UPDATE_MANY, {
			method: 'PUT',
			body: { operation: OP, module: 'contacts', fields: [{ 'wolkvox-id': a, namecontact: 'X' }, { 'wolkvox-id': '64dcf0a1b2c3d4e5f6a7b8c9', namecontact: 'Y' }] },
		});
		expect(r.status).toBe(404);
		expect(r.json.error).toContain('64dcf0a1b2c3d4e5f6a7b8c9');
		expect(contacts()[0].namecontact).toBe('Ana');
	});

	it('refuses an element without its wolkvox-id, and answers 405 to POST', async () => {
		const sb = sandbox();
		const r = await call(sb, UPDATE_MANY, { method: 'PUT', body: { operation: OP, module: 'contacts', fields: [{ namecontact: 'X' }] } });
		expect(r.status).toBe(400);
		expect(r.json.error).toMatch(/fields\[0\]\["wolkvox-id"\] is required/);
		const post = await call(sb, UPDATE_MANY, { body: { operation: OP, module: 'contacts', fields: [] } });
		expect(post.status).toBe(405);
		expect(post.headers.get('allow')).toBe('PUT');
	});
});

describe('custom/delete.php', () => {
	it('deletes one record given as "id" or as ["id"] with multiple false', async () => {
		const sb = sandbox();
		const a = await insertRecord(sb, 'contacts', { namecontact: 'Ana' });
		const b = await insertRecord(sb, 'contacts', { namecontact: 'Luis' });
		const one = await call(sb, DELETE, { body: { operation: OP, module: 'contacts', multiple: false, 'wolkvox-id': a } });
		expect(one.json).toEqual({ code: '200', error: 'null', msg: 'Succesfully delete record', data: { wolkvox_id: a } });
		const listed = await call(sb, DELETE, { body: { operation: OP, module: 'contacts', multiple: false, 'wolkvox-id': [b] } });
		expect(listed.status).toBe(200);
		expect(contacts()).toHaveLength(0);
	});

	it('deletes several records with multiple true', async () => {
		const sb = sandbox();
		const ids = [await insertRecord(sb, 'contacts', { n: 1 }), await insertRecord(sb, 'contacts', { n: 2 }), await insertRecord(sb, 'contacts', { n: 3 })];
		const r = await call(sb, DELETE, { body: { operation: OP, module: 'contacts', multiple: true, 'wolkvox-id': ids.slice(0, 2) } });
		expect(r.json.data).toEqual([{ wolkvox_id: ids[0] }, { wolkvox_id: ids[1] }]);
		expect(contacts().map((c) => c.n)).toEqual([3]);
	});

	it('refuses a multiple delete where some ids do not exist, naming them, and deletes nothing', async () => {
		const sb = sandbox();
		const a = await insertRecord(sb, 'contacts', { namecontact: 'Ana' });
		const r = await call(sb, DELETE, { body: { operation: OP, module: 'contacts', multiple: true, 'wolkvox-id': [a, 'nope-1', 'nope-2'] } });
		expect(r.status).toBe(404);
		expect(r.json.msg).toBe('THE RECORD DOES NOT EXIST');
		expect(r.json.error).toMatch(/"nope-1", "nope-2" are not records of module "contacts"/);
		expect(contacts()).toHaveLength(1);
	});

	it('deletes a case file with its obligations', async () => {
		const sb = sandbox();
		const ids = await loadCaseFiles(sb, caseFile('77'));
		const r = await call(sb, DELETE, { body: { operation: OP, module: 'collections', multiple: false, 'wolkvox-id': ids['77'] } });
		expect(r.status).toBe(200);
		expect(sb.store()).toMatchObject({ caseFiles: [], obligations: [] });
	});

	it.each([
		['multiple missing', { multiple: undefined }, /multiple is required and must be a boolean/],
		['multiple as text', { multiple: 'false' }, /multiple is required and must be a boolean/],
		['one id with multiple true', { multiple: true }, /must be a non-empty list of ids when multiple is true/],
		['a list with multiple false', { 'wolkvox-id': ['a', 'b'] }, /must be one id .* when multiple is false/],
	])('refuses %s with 400', async (_label, patch, message) => {
		const r = await call(sandbox(), DELETE, { body: { operation: OP, module: 'contacts', multiple: false, 'wolkvox-id': 'abc', ...patch } });
		expect(r.status).toBe(400);
		expect(r.json.error).toMatch(message);
	});
});

describe('custom/queryDates.php', () => {
	async function threeContacts() {
		const sb = sandbox();
		for (const [at, name] of [
			['2023-09-01T08:00:00Z', 'Sept'],
			['2023-09-30T00:00:30Z', 'LastMinute'],
			['2023-10-01T00:00:00Z', 'Oct'],
		]) {
			clockAt(at);
			await insertRecord(sb, 'contacts', { namecontact: name });
		}
		jest.useRealTimers();
		return sb;
	}
	const byDates = (extra: Record<string, unknown> = {}) => ({ operation: OP, module: 'contacts', date: true, from: '2023-09-01 00:00', to: '2023-09-30 00:00', ...extra });

	it('answers the records created in the range, both ends included (to up to the end of its minute), oldest first', async () => {
		const sb = await threeContacts();
		const r = await call(sb, QUERY_DATES, { body: byDates() });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ code: '200', error: 'null', msg: '2 records were are found' });
		expect(r.json.data.map((c: { namecontact: string }) => c.namecontact)).toEqual(['Sept', 'LastMinute']);
	});

	it('answers at most limit records, limit given as text', async () => {
		const sb = await threeContacts();
		const r = await call(sb, QUERY_DATES, { body: byDates({ to: '2023-12-31 23:59', limit: '2' }) });
		expect(r.json.data.map((c: { namecontact: string }) => c.namecontact)).toEqual(['Sept', 'LastMinute']);
	});

	it('answers HTTP 200 "0 records were are found" for an empty range', async () => {
		const sb = await threeContacts();
		const r = await call(sb, QUERY_DATES, { body: byDates({ from: '2022-01-01 00:00', to: '2022-12-31 23:59' }) });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ code: '200', error: 'null', msg: '0 records were are found', data: [] });
	});

	it.each([
		['date missing', { date: undefined }, /date is required and must be true/],
		['date as text', { date: 'true' }, /date is required and must be true/],
		['a from with seconds', { from: '2023-09-01 00:00:00' }, /from is required as YYYY-MM-DD HH:mm/],
		['an impossible to', { to: '2023-02-30 10:00' }, /to is required as YYYY-MM-DD HH:mm/],
		['from after to', { from: '2023-10-01 00:00' }, /from .* is after to/],
		['limit as a number', { limit: 2 }, /limit must be a whole number of at least 1, as text/],
		['limit "0"', { limit: '0' }, /limit must be a whole number/],
	])('refuses %s with 400', async (_label, patch, message) => {
		const r = await call(sandbox(), QUERY_DATES, { body: byDates(patch) });
		expect(r.status).toBe(400);
		expect(r.json.error).toMatch(message);
	});
});

describe('custom/query.php', () => {
	it('compares a typed value by its value, as text', async () => {
		const sb = sandbox();
		await insertRecord(sb, 'contacts', { telephonecontact: { type: 'telephone', value: '3001234567', code: '57' }, Age: 42 });
		expect((await call(sb, QUERY, { body: { operation: OP, module: 'contacts', field: 'telephonecontact', value: '3001234567' } })).json.msg).toBe('1 records were are found');
		expect((await call(sb, QUERY, { body: { operation: OP, module: 'contacts', field: 'Age', value: 42 } })).json.data).toHaveLength(1);
		expect((await call(sb, QUERY, { body: { operation: OP, module: 'contacts', field: 'Age', value: { value: 42 } } })).status).toBe(400);
	});

	it('finds a bulk-loaded case file by any of its keys, so a gestion can be logged on its wolkvox_id', async () => {
		const sb = sandbox();
		await loadCaseFiles(sb, caseFile('1001'), caseFile('1002', { Segment: 'Silver' }));
		const found = await call(sb, QUERY, { body: { operation: OP, module: 'collections', field: 'Identification', value: '1002' } });
		expect(found.status).toBe(200);
		expect(found.json.msg).toBe('1 records were are found');
		const [cf] = found.json.data;
		expect(cf).toMatchObject({ Identification: '1002', Name: 'Client 1002', Segment: 'Silver', wolkvox_id: expect.stringMatching(HEX24) });
		expect((await call(sb, QUERY, { body: { operation: OP, module: 'collections', field: 'Segment', value: 'Gold' } })).json.data).toHaveLength(1);

		const gestion = { tipifycation_code: 'PP', tipifycation_desc: 'Payment promise', module: 'collections', wolkvox_idRecord: cf.wolkvox_id };
		expect((await call(sb, GESTION, { body: { operation: OP, fields: gestion } })).status).toBe(200);
		const logged = await call(sb, QUERY_GESTION, { body: { operation: OP, field: 'wolkvox_idRecord', value: cf.wolkvox_id } });
		expect(logged.json.data).toEqual([expect.objectContaining({ tipifycation_code: 'PP', wolkvox_idRecord: cf.wolkvox_id })]);
	});

	it('sees a case file inserted one by one into module collections, and the bulk load updates it by Identification', async () => {
		const sb = sandbox();
		const id = await insertRecord(sb, 'collections', { Identification: '55', Name: 'Ana', Email: 'a@b.co', Telephone: '1' });
		await loadCaseFiles(sb, caseFile('55', { Name: 'Ana María' }));
		expect(sb.store().caseFiles).toEqual([expect.objectContaining({ wolkvox_id: id, Identification: '55', Name: 'Ana María' })]);
		expect(sb.store().obligations[0]).toMatchObject({ id: 'o-55', wolkvox_idRecord: id });
	});

	it('requires module, field and value', async () => {
		const r = await call(sandbox(), QUERY, { body: { operation: OP } });
		expect(r.status).toBe(400);
		expect(r.json.error).toBe('module is required; field is required; value is required');
	});
});

describe('records written by the custom group stay findable', () => {
	it('an updated record is found by its new value and no longer by the old one', async () => {
		const sb = sandbox();
		const id = await insertRecord(sb, 'contacts', contact().fields);
		await call(sb, UPDATE, { body: { operation: OP, module: 'contacts', 'wolkvox-id': id, fields: { emailcontact: 'new@example.com' } } });
		const q = (value: string) => call(sb, QUERY, { body: { operation: OP, module: 'contacts', field: 'emailcontact', value } });
		expect((await q('new@example.com')).json.data).toHaveLength(1);
		expect((await q('ana@example.com')).json.data).toHaveLength(0);
	});
});
