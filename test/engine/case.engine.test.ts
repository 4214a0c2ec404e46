/**
 * Case → Create, Update and Get Many, run by n8n's engine against the sandbox: a customer's complaint opened
 * with the invoice attached from binary data, found again by the customer's identification, then solved.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	items,
	OPERATION,
	pairedItems,
	useWolkvoxEngine,
} from '../../harness/engine/wolkvoxEngine';

const { run, sandbox, seedRecord } = useWolkvoxEngine();

const PDF = Buffer.from('%PDF-1.4 factura F-001 \r\n--boundary-like\r\n\u0000\u00ff');
const PHOTO = Buffer.from('foto del recibo');

function binary(name: string, data: Buffer, fileName: string, mimeType: string): INodeExecutionData['binary'] {
	return { [name]: { data: data.toString('base64'), fileName, mimeType } };
}

const CASE = {
	resource: 'case',
	operation: 'create',
	caseType: 'Complaints',
	contact: '={{ $json.email }}',
	description: '={{ $json.motivo }}',
	responsible: 'AGENT_@engine_op',
	owner: 'ADMIN_@engine_op',
	priority: '={{ $json.prioridad }}',
};

async function seedContacts() {
	await seedRecord('contacts', { namecontact: 'Ana Pérez', idcontact: '0012345678', emailcontact: 'ana@example.com' });
	await seedRecord('contacts', { namecontact: 'Luis Gómez', idcontact: '987', emailcontact: 'luis@example.com' });
}

const sha256 = (data: Buffer) => require('crypto').createHash('sha256').update(data).digest('hex') as string;

describe('Case → Create', () => {
	it('opens a case per item, one file as a file upload and two files in one base64 call, each paired to its item', async () => {
		await seedContacts();
		const result = await run(
			{ ...CASE, additionalFields: { attachments: '={{ $json.files }}', customFields: { field: [{ name: 'Factura', value: '={{ $json.factura }}' }] } } },
			[
				{ json: { email: 'ana@example.com', motivo: 'Cobro duplicado', prioridad: 'Alta', files: 'factura', factura: 'F-001' }, binary: binary('factura', PDF, 'F-001.pdf', 'application/pdf') },
				{
					json: { email: 'luis@example.com', motivo: 'Pago no aplicado', prioridad: 'media', files: 'factura, foto', factura: 'F-002' },
					binary: { ...binary('factura', PDF, 'F-002.pdf', 'application/pdf'), ...binary('foto', PHOTO, 'recibo.jpg', 'image/jpeg') },
				},
				{ json: { email: 'ana@example.com', motivo: 'Consulta de saldo', prioridad: 'baja', files: '', factura: 'F-003' } },
			],
		);
		expect(result.error?.message).toBeUndefined();
		const out = result.output('Wolkvox CRM');
		expect(out.map((o) => [o.json.attachments, pairedItems(o)])).toEqual([[1, [0]], [2, [1]], [0, [2]]]);
		expect(out.every((o) => /^[0-9a-f]{24}$/.test(String(o.json.wolkvox_id)))).toBe(true);

		const form = sandbox.requests({ path: 'cases/insert.php' });
		expect(form.map((r) => r.body)).toEqual([
			{
				operation: OPERATION,
				'case-type': 'Complaints',
				responsible: 'AGENT_@engine_op',
				owner: 'ADMIN_@engine_op',
				contact: 'ana@example.com',
				description: 'Cobro duplicado',
				status: 'open',
				priority: 'high',
				form: '{"Factura":"F-001"}',
				file: { filename: 'F-001.pdf', contentType: 'application/pdf', bytes: PDF.length },
			},
			expect.objectContaining({ description: 'Consulta de saldo', priority: 'low', form: '{"Factura":"F-003"}' }),
		]);
		expect(form[1].body).not.toHaveProperty('file');
		const base64 = sandbox.requests({ path: 'cases/insertAttach.php' });
		expect(base64.map((r) => [r.status, (r.body.form as IDataObject).Factura, r.body.priority])).toEqual([[200, 'F-002', 'normal']]);

		const stored = sandbox.store().cases;
		expect(stored.map((c) => [c['email contact'], c['contact identification'], (c.wolkvox_attachments as IDataObject[]).map((a) => a.sha256)])).toEqual([
			['ana@example.com', '0012345678', [sha256(PDF)]],
			['luis@example.com', '987', [sha256(PDF), sha256(PHOTO)]],
			['ana@example.com', '0012345678', []],
		]);
	});

	it('refuses before sending an item whose attachment is missing, an unknown priority or a custom type without a name', async () => {
		await seedContacts();
		const result = await run(
			{ ...CASE, caseType: '={{ $json.tipo }}', customCaseType: '={{ $json.nombreTipo }}', additionalFields: { attachments: '={{ $json.files }}' } },
			[
				{ json: { email: 'ana@example.com', motivo: 'a', prioridad: 'alta', files: 'factura', tipo: 'Request' } },
				{ json: { email: 'ana@example.com', motivo: 'b', prioridad: 'urgente', files: '', tipo: 'Request' } },
				{ json: { email: 'ana@example.com', motivo: 'c', prioridad: 'alta', files: '', tipo: '__custom', nombreTipo: '' } },
				{ json: { email: 'ana@example.com', motivo: 'd', prioridad: 'alta', files: '', tipo: '__custom', nombreTipo: 'Acuerdo de pago' } },
			],
			{ onError: 'continueErrorOutput' },
		);
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed.map((o) => [pairedItems(o), o.json.error])).toEqual([
			[[0], 'Case "Attachments" (attachments) names the binary field "factura", which this item does not have (it has no binary data) [item 0]'],
			[[1], 'Case "Priority" (priority) must be one of "high", "normal", "low", got "urgente" [item 1]'],
			[[2], 'Case "Custom Case Type" (customCaseType) is required when Case Type is "Custom Type" [item 2]'],
		]);
		expect(result.output('Wolkvox CRM').map((o) => pairedItems(o))).toEqual([[3]]);
		expect(sandbox.requests({ path: 'cases/insert.php' }).map((r) => r.body['case-type'])).toEqual(['Acuerdo de pago']);
	});

	it("reports wolkvox's refusal of an e-mail that no contact has on that item, and creates nothing", async () => {
		const result = await run(CASE, items({ email: 'nadie@example.com', motivo: 'x', prioridad: 'alta' }), {
			onError: 'continueErrorOutput',
		});
		const [failed] = result.output('Wolkvox CRM', 1);
		expect(String(failed.json.error)).toMatch(/nadie@example\.com.*\[item 0\]/);
		expect(Object.keys(failed.json).sort()).toEqual(['email', 'error', 'message', 'motivo', 'prioridad']);
		expect(sandbox.store().cases).toEqual([]);
	});
});

describe('Case → Get Many and Update', () => {
	it("finds a customer's cases by identification, then solves one and adds the receipt, by the case's URL", async () => {
		await seedContacts();
		await run(CASE, items(
			{ email: 'ana@example.com', motivo: 'Cobro duplicado', prioridad: 'alta' },
			{ email: 'ana@example.com', motivo: 'Consulta', prioridad: 'baja' },
			{ email: 'luis@example.com', motivo: 'Otro', prioridad: 'baja' },
		));
		const found = await run(
			{ resource: 'case', operation: 'getMany', field: 'contact identification', value: '={{ $json.cedula }}', returnAll: true },
			items({ cedula: '0012345678' }, { cedula: '555' }),
		);
		expect(found.error?.message).toBeUndefined();
		const cases = found.output('Wolkvox CRM');
		expect(cases.map((o) => [o.json.description, pairedItems(o)])).toEqual([
			['Cobro duplicado', [0]],
			['Consulta', [0]],
		]);
		expect(sandbox.requests({ path: 'cases/queryCases.php' }).map((r) => r.body)).toEqual([
			{ operation: OPERATION, field: 'contact identification', value: '0012345678' },
			{ operation: OPERATION, field: 'contact identification', value: '555' },
		]);

		const id = String(cases[0].json.wolkvox_id);
		const updated = await run(
			{
				resource: 'case',
				operation: 'update',
				recordId: { __rl: true, mode: 'url', value: `https://crm0001.wolkvox.com/cases/${id}` },
				updateFields: { status: 'Solucionado', attachment: 'recibo', customFields: { field: [{ name: 'Nota', value: 'Reversado' }] } },
			},
			[{ json: {}, binary: binary('recibo', PHOTO, 'recibo.jpg', 'image/jpeg') }],
		);
		expect(updated.error?.message).toBeUndefined();
		expect(updated.output('Wolkvox CRM')[0].json).toMatchObject({ wolkvox_id: id, updated: true });
		expect(sandbox.requests({ path: 'cases/update.php' }).map((r) => r.body)).toEqual([
			{
				operation: OPERATION,
				'wolkvox-id': id,
				status: 'Solucionado',
				form: '{"Nota":"Reversado"}',
				file: { filename: 'recibo.jpg', contentType: 'image/jpeg', bytes: PHOTO.length },
			},
		]);
		const solved = sandbox.store().cases.find((c) => c.wolkvox_id === id);
		expect(solved).toMatchObject({ status: 'Solucionado', Nota: 'Reversado' });
		expect((solved?.wolkvox_attachments as IDataObject[]).map((a) => a.name)).toEqual(['recibo.jpg']);
	});

	it('refuses an update with nothing to change, and an attachment list of two, before sending', async () => {
		const result = await run(
			{ resource: 'case', operation: 'update', recordId: { __rl: true, mode: 'id', value: 'abc' }, updateFields: { attachment: '={{ $json.att }}' } },
			[
				{ json: { att: '' } },
				{ json: { att: 'a, b' }, binary: { ...binary('a', PHOTO, 'a.jpg', 'image/jpeg'), ...binary('b', PHOTO, 'b.jpg', 'image/jpeg') } },
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(result.output('Wolkvox CRM', 1).map((o) => o.json.error)).toEqual([
			'Case update "Update Fields" (updateFields) is empty: add at least one field to change or an Attachment [item 0]',
			'Case update "Attachment" (attachment) takes one binary field: an update adds one file [item 1]',
		]);
		expect(sandbox.requests({ path: 'cases/update.php' })).toEqual([]);
	});
});
