/**
 * The sandbox's `cases` group: create a case from form-data with a file or from JSON with base64
 * attachments, change it from form-data, find it by the documented query names.
 */
import { createHash } from 'node:crypto';

import { api, call, callForm, contact, formOf, HEX24, insertRecord, OP, useSandbox, type Json, type Sandbox } from './sandboxClient';

const INSERT = api('cases/insert.php');
const INSERT_ATTACH = api('cases/insertAttach.php');
const UPDATE = api('cases/update.php');
const QUERY_CASES = api('cases/queryCases.php');

const sandbox = useSandbox();

const CASE = {
	'case-type': 'Request',
	responsible: 'ADMIN_@demo_operation',
	owner: 'ADMIN_@demo_operation',
	contact: 'ana@example.com',
	description: 'Case created through the API',
	status: 'open',
	priority: 'low',
};
const PDF = Buffer.from('%PDF-1.4\r\n\x00\x01\x02\xff binary\r\n--not-the-boundary\r\n', 'latin1');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The contact the cases name, as the CRM holds it. */
async function withContact(sb: Sandbox) {
	return insertRecord(sb, 'contacts', { ...contact({ telephonecontact: { type: 'telephone', value: '3001234567', code: '57' } }).fields });
}

/** cases/insert.php with a form of the fields, and a file part when given. */
function insertForm(sb: Sandbox, fields: Record<string, string>, file?: { data: Buffer; name: string; type: string }) {
	const form = formOf(fields);
	if (file) form.append('file', new Blob([file.data], { type: file.type }), file.name);
	return callForm(sb, INSERT, form);
}

const cases = () => sandbox().store().cases;

describe('cases/insert.php (multipart/form-data)', () => {
	it('creates a case with its file, the contact’s facts and its custom fields, and answers its wolkvox_id', async () => {
		const sb = sandbox();
		const contactId = await withContact(sb);
		const r = await insertForm(sb, { ...CASE, form: '{"Subject":"Invoice 12"}', solution: '' }, { data: PDF, name: 'scan.pdf', type: 'application/pdf' });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ code: '200', error: 'null', msg: 'Succesfully create record', data: { wolkvox_id: expect.stringMatching(HEX24) } });
		expect(cases()).toEqual([
			expect.objectContaining({
				wolkvox_id: r.json.data.wolkvox_id,
				'type case': 'Request',
				status: 'open',
				priority: 'low',
				description: 'Case created through the API',
				'responsible user': 'ADMIN_@demo_operation',
				'owner user': 'ADMIN_@demo_operation',
				'email contact': 'ana@example.com',
				'name contact': 'Ana Pérez',
				'contact wolkvox id': contactId,
				'contact identification': '0012345',
				'contact phone': '3001234567',
				idCase: '1',
				idPrefijo: 'CASE-1',
				Subject: 'Invoice 12',
				wolkvox_attachments: [{ name: 'scan.pdf', contentType: 'application/pdf', bytes: PDF.length, sha256: sha256(PDF) }],
			}),
		]);
	});

	it('logs the form’s fields and the file as its name, type and size, never its bytes', async () => {
		const sb = sandbox();
		await withContact(sb);
		await insertForm(sb, CASE, { data: PDF, name: 'scan.pdf', type: 'application/pdf' });
		const [logged] = sb.requests({ path: 'cases/insert.php' });
		expect(logged.body).toEqual({ operation: OP, ...CASE, file: { filename: 'scan.pdf', contentType: 'application/pdf', bytes: PDF.length } });
		expect(logged.stored).toBe(true);
	});

	it('numbers cases one after the other and takes a case without form, solution or file', async () => {
		const sb = sandbox();
		await withContact(sb);
		await insertForm(sb, CASE);
		await insertForm(sb, CASE);
		expect(cases().map((c) => [c.idCase, c.solution, c.wolkvox_attachments])).toEqual([
			['1', '', []],
			['2', '', []],
		]);
	});

	it('refuses a contact that is no contact’s e-mail with 404, and stores nothing', async () => {
		const sb = sandbox();
		const r = await insertForm(sb, CASE);
		expect(r.status).toBe(404);
		expect(r.json).toMatchObject({ code: '404', msg: 'THE RECORD DOES NOT EXIST' });
		expect(r.json.error).toMatch(/"ana@example.com" is not the e-mail/);
		expect(cases()).toEqual([]);
	});

	it.each([
		['missing fields', { owner: undefined, priority: undefined }, /owner is required; priority is required/],
		['an empty status', { status: ' ' }, /status must not be empty/],
		['form that is not JSON', { form: '{Subject: x}' }, /form must be a JSON object as text/],
		['form that is a list', { form: '[]' }, /form must be an object of custom fields/],
		['form that sets a case field', { form: '{"status":"closed"}' }, /form\["status"\] is a case field/],
	])('refuses %s with 400', async (_label, patch, message) => {
		const sb = sandbox();
		await withContact(sb);
		const fields = Object.fromEntries(Object.entries({ ...CASE, ...patch }).filter(([, v]) => v !== undefined)) as Record<string, string>;
		const r = await insertForm(sb, fields);
		expect(r.status).toBe(400);
		expect(r.json.msg).toBe('SOME PARAMETERS ARE REQUIRED');
		expect(r.json.error).toMatch(message);
	});

	it('refuses a JSON body, pointing to multipart/form-data, and a file in another part', async () => {
		const sb = sandbox();
		await withContact(sb);
		const json = await call(sb, INSERT, { body: { operation: OP, ...CASE } });
		expect(json.status).toBe(400);
		expect(json.json.error).toMatch(/must be multipart\/form-data \(got "application\/json"\)/);
		const form = formOf(CASE);
		form.append('document', new Blob([PDF]), 'scan.pdf');
		expect((await callForm(sb, INSERT, form)).json.error).toMatch(/only "file" parts are taken \(got a file in "document"\)/);
	});

	it('takes the same fields urlencoded, as PHP reads them', async () => {
		const sb = sandbox();
		await withContact(sb);
		const bytes = Buffer.from(new URLSearchParams({ operation: OP, ...CASE }).toString());
		const r = await callForm(sb, INSERT, { bytes, contentType: 'application/x-www-form-urlencoded' });
		expect(r.status).toBe(200);
	});

	it('checks the operation of the form against the token’s', async () => {
		const sb = sandbox();
		await withContact(sb);
		const form = formOf(CASE);
		form.set('operation', 'other_operation');
		expect((await callForm(sb, INSERT, form)).json.error).toMatch(/operation does not match/);
	});
});

describe('cases/insertAttach.php (JSON, base64 attachments)', () => {
	it('creates a case with its attachments and its form as an object', async () => {
		const sb = sandbox();
		await withContact(sb);
		const r = await call(sb, INSERT_ATTACH, { body: { operation: OP, ...CASE, form: { Subject: 'Invoice 12' }, attachments: [PDF.toString('base64')] } });
		expect(r.status).toBe(200);
		expect(cases()[0]).toMatchObject({
			wolkvox_id: r.json.data.wolkvox_id,
			Subject: 'Invoice 12',
			wolkvox_attachments: [{ name: null, contentType: null, bytes: PDF.length, sha256: sha256(PDF) }],
		});
	});

	it('requires attachments as base64 strings and form as an object', async () => {
		const sb = sandbox();
		await withContact(sb);
		const missing = await call(sb, INSERT_ATTACH, { body: { operation: OP, ...CASE } });
		expect(missing.status).toBe(400);
		expect(missing.json.error).toMatch(/attachments is required/);
		const bad = await call(sb, INSERT_ATTACH, { body: { operation: OP, ...CASE, form: '{}', attachments: ['not base64!'] } });
		expect(bad.json.error).toMatch(/form must be an object.*attachments\[0\] must be a non-empty base64 string/);
		expect(cases()).toEqual([]);
	});
});

describe('cases/update.php (multipart/form-data)', () => {
	async function oneCase(sb: Sandbox): Promise<string> {
		await withContact(sb);
		return (await insertForm(sb, { ...CASE, form: '{"Subject":"Invoice 12"}' }, { data: PDF, name: 'scan.pdf', type: 'application/pdf' })).json.data.wolkvox_id;
	}

	it('changes the documented fields and adds a file to the attachments', async () => {
		const sb = sandbox();
		const id = await oneCase(sb);
		const form = formOf({ 'wolkvox-id': id, status: 'Solucionado', 'case-type': 'Claims', form: '{"Subject":"Invoice 13"}' });
		form.append('file', new Blob([Buffer.from('receipt')], { type: 'text/plain' }), 'receipt.txt');
		const r = await callForm(sb, UPDATE, form);
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ code: '200', error: 'null', msg: 'Succesfully update record', data: { wolkvox_id: id } });
		const [stored] = cases();
		expect(stored).toMatchObject({ status: 'Solucionado', 'type case': 'Claims', priority: 'low', Subject: 'Invoice 13' });
		expect(stored.wolkvox_attachments).toEqual([
			expect.objectContaining({ name: 'scan.pdf' }),
			expect.objectContaining({ name: 'receipt.txt', contentType: 'text/plain', bytes: 7 }),
		]);
	});

	it('refuses an unknown case with 404', async () => {
		const r = await callForm(sandbox(), UPDATE, formOf({ 'wolkvox-id': '64dcf0a1b2c3d4e5f6a7b8c9', status: 'closed' }));
		expect(r.status).toBe(404);
		expect(r.json.error).toMatch(/is not a case/);
	});

	it('refuses a field the update does not document, and a call that changes nothing', async () => {
		const sb = sandbox();
		const id = await oneCase(sb);
		const undocumented = await callForm(sb, UPDATE, formOf({ 'wolkvox-id': id, description: 'new text' }));
		expect(undocumented.status).toBe(400);
		expect(undocumented.json.error).toMatch(/description cannot be changed by cases\/update.php/);
		const nothing = await callForm(sb, UPDATE, formOf({ 'wolkvox-id': id }));
		expect(nothing.json.error).toMatch(/nothing to change/);
		expect(cases()[0].description).toBe('Case created through the API');
	});
});

describe('cases/queryCases.php', () => {
	it('finds cases by the documented query names', async () => {
		const sb = sandbox();
		await withContact(sb);
		const first = (await insertForm(sb, CASE)).json.data.wolkvox_id;
		await insertForm(sb, { ...CASE, status: 'closed' });
		const q = (field: string, value: string) => call(sb, QUERY_CASES, { body: { operation: OP, field, value } });
		expect((await q('email contact', 'ana@example.com')).json.msg).toBe('2 records were are found');
		expect((await q('status', 'closed')).json.data.map((c: Json) => c.idCase)).toEqual(['2']);
		expect((await q('wolkvox-id', first)).json.data.map((c: Json) => c.wolkvox_id)).toEqual([first]);
		expect((await q('idPrefijo', 'CASE-1')).json.data).toHaveLength(1);
		expect((await q('reopened', 'false')).json.data).toHaveLength(2);
		expect(await q('companyName', 'ACME')).toMatchObject({ status: 200, json: { msg: '0 records were are found', data: [] } });
	});

	it('refuses a field outside the documented names', async () => {
		const r = await call(sandbox(), QUERY_CASES, { body: { operation: OP, field: 'email', value: 'ana@example.com' } });
		expect(r.status).toBe(400);
		expect(r.json.error).toMatch(/field must be one of status, priority, email contact/);
	});
});
