import {
	buildCaseCreateFields,
	buildCaseUpdateFields,
	CUSTOM_CASE_TYPE,
	toFormFields,
	type CaseCreateParams,
} from '../../../../nodes/WolkvoxCrm/actions/case/buildCaseFields';
import { fieldOf } from '../../fieldError';

const CASE: CaseCreateParams = {
	caseType: 'Complaints',
	contact: ' ana@example.com ',
	description: 'Cobro duplicado\nen la factura',
	responsible: 'AGENT_@op',
	owner: 'ADMIN_@op',
	status: 'open',
	priority: 'Alta',
};

describe('buildCaseCreateFields', () => {
	it('sends the documented fields trimmed (the description as typed), the priority in wolkvox words and an empty form', () => {
		expect(buildCaseCreateFields(CASE)).toEqual({
			'case-type': 'Complaints',
			contact: 'ana@example.com',
			description: 'Cobro duplicado\nen la factura',
			responsible: 'AGENT_@op',
			owner: 'ADMIN_@op',
			status: 'open',
			priority: 'high',
			form: {},
		});
	});

	it('takes a custom case type, custom fields as text, and a solution only when one is given', () => {
		const fields = buildCaseCreateFields({
			...CASE,
			caseType: CUSTOM_CASE_TYPE,
			customCaseType: ' Acuerdo de pago ',
			solution: 'Nota crédito',
			customFields: { field: [{ name: 'Factura', value: 'F-001' }, { name: 'Monto', value: 150000 }] },
		});
		expect(fields).toMatchObject({
			'case-type': 'Acuerdo de pago',
			solution: 'Nota crédito',
			form: { Factura: 'F-001', Monto: '150000' },
		});
		expect(buildCaseCreateFields({ ...CASE, solution: '  ' })).not.toHaveProperty('solution');
	});

	it.each([
		['a custom type without its name', { caseType: CUSTOM_CASE_TYPE, customCaseType: ' ' }, 'customCaseType: is required when Case Type is "Custom Type"'],
		['no contact', { contact: '' }, 'contact: must not be empty'],
		['an object as description', { description: { a: 1 } }, 'description: must be text, got an object'],
		['an unknown priority', { priority: 'urgent' }, 'priority: must be one of "high", "normal", "low", got "urgent"'],
		['a custom field without a name', { customFields: { field: [{ name: ' ', value: 'x' }] } }, 'customFields: row 1 has no Field Name'],
		['a custom field named twice', { customFields: { field: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] } }, 'customFields: name the field "A" once, not twice'],
	])('refuses %s, naming the field', (_, change, expected) => {
		expect(fieldOf(() => buildCaseCreateFields({ ...CASE, ...change } as CaseCreateParams))).toBe(expected);
	});
});

describe('buildCaseUpdateFields', () => {
	it('sends the id (from a URL too) and only what changes', () => {
		expect(
			buildCaseUpdateFields({
				caseId: 'https://crm0001.wolkvox.com/cases/64dcf0a1b2c3d4e5f6a7b8c9',
				status: 'Solucionado',
				priority: 'baja',
			}),
		).toEqual({ 'wolkvox-id': '64dcf0a1b2c3d4e5f6a7b8c9', status: 'Solucionado', priority: 'low' });
		expect(buildCaseUpdateFields({ caseId: 'abc', customFields: { field: [{ name: 'Nota', value: 'x' }] } })).toEqual({
			'wolkvox-id': 'abc',
			form: { Nota: 'x' },
		});
	});

	it('refuses a case without an id', () => {
		expect(fieldOf(() => buildCaseUpdateFields({ caseId: '  ', status: 'open' }))).toBe('wolkvox-id: must not be empty');
	});
});

describe('toFormFields', () => {
	it('writes the custom fields as JSON text and leaves every other field as it is', () => {
		expect(toFormFields(buildCaseCreateFields({ ...CASE, customFields: { field: [{ name: 'Factura', value: 'F-1' }] } }))).toEqual({
			'case-type': 'Complaints',
			contact: 'ana@example.com',
			description: 'Cobro duplicado\nen la factura',
			responsible: 'AGENT_@op',
			owner: 'ADMIN_@op',
			status: 'open',
			priority: 'high',
			form: '{"Factura":"F-1"}',
		});
	});
});
