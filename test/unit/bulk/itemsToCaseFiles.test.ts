import { caseFileFromItem } from '../../../nodes/WolkvoxCrm/bulk/itemsToCaseFiles';
import type { CaseFileDraft, RowError } from '../../../nodes/WolkvoxCrm/bulk/caseFileShape';

function isRowError(result: CaseFileDraft | RowError): result is RowError {
	return 'message' in result;
}

describe('caseFileFromItem', () => {
	const item = (overrides: Record<string, unknown> = {}) => ({
		Identification: 1001,
		Name: ' Ana ',
		Email: 'ana@example.com',
		Telephone: '0300123',
		Obligations: [
			{
				id: 7,
				name: 'Loan',
				total_balance: '1.500.000',
				expiring_date: '15/12/2026',
				days_delay: 3,
				balance_payment: '',
				form_field: 'x',
			},
		],
		segment: 'A',
		empty: '',
		...overrides,
	});

	it('checks and coerces an item that already is a case file', () => {
		const result = caseFileFromItem(item(), 4);
		expect(isRowError(result)).toBe(false);
		expect(result).toEqual({
			body: {
				Identification: '1001',
				Name: 'Ana',
				Email: 'ana@example.com',
				Telephone: '0300123',
				segment: 'A',
				Obligations: [
					{
						id: '7',
						name: 'Loan',
						total_balance: '1500000',
						expiring_date: '2026-12-15',
						days_delay: '3',
						form_field: 'x',
					},
				],
			},
			rows: [4],
			conflicts: [],
		});
	});

	it('reads Obligations given as JSON text, and the declared date format', () => {
		const result = caseFileFromItem(
			item({ Obligations: '[{"id":"A","name":"B","expiring_date":"12/15/2026"}]' }),
			0,
			{
				dateInputFormat: 'MM/DD/YYYY',
			},
		);
		expect(isRowError(result) ? result.message : result.body.Obligations).toEqual([
			{ id: 'A', name: 'B', expiring_date: '2026-12-15' },
		]);
	});

	it('accepts a case file without obligations', () => {
		const result = caseFileFromItem(item({ Obligations: undefined }), 0);
		expect(isRowError(result) ? result.message : result.body.Obligations).toEqual([]);
	});

	it('lists every problem of the item in one error with the same wording as rows', () => {
		const result = caseFileFromItem(
			item({
				Email: '',
				Obligations: [{ id: 'A', name: '', total_balance: 'abc' }, { id: 'A', name: 'x' }, 5],
			}),
			3,
		);
		expect(isRowError(result)).toBe(true);
		const error = result as RowError;
		expect(error.row).toBe(3);
		expect(error.field).toBe('Email');
		expect(error.message).toMatch(/^Item 3: "Email" is required, but it is missing or empty; /);
		expect(error.message).toContain('Obligations[0] "name" is required');
		expect(error.message).toContain(
			'Obligations[0] "total_balance" must be an amount like 1.234.567,89 or 1234567.89, got "abc"',
		);
		expect(error.message).toContain('Obligations[1] "id" "A" appears twice');
		expect(error.message).toContain('"Obligations[2]" must be an object with id and name, got 5');
	});

	it('refuses what is not a case file', () => {
		for (const value of [null, 'text', [item()], 5]) {
			const result = caseFileFromItem(value, 2);
			expect(isRowError(result)).toBe(true);
			expect((result as RowError).row).toBe(2);
		}
		const badList = caseFileFromItem(item({ Obligations: '{not json' }), 1);
		expect((badList as RowError).message).toContain(
			'"Obligations" must be a list of obligations (valid JSON)',
		);
		const notList = caseFileFromItem(item({ Obligations: { id: 1 } }), 1);
		expect((notList as RowError).field).toBe('Obligations');
	});
});

describe('caseFileFromItem: keys and values that cannot be sent', () => {
	const base = { Identification: '1', Name: 'n', Email: 'e@x.co', Telephone: '3' };

	it('names a case-file or obligation key called __proto__, constructor or prototype', () => {
		const result = caseFileFromItem(
			JSON.parse(
				'{"Identification":"1","Name":"n","Email":"e@x.co","Telephone":"3","__proto__":{"a":1},"constructor":"c","Obligations":[{"id":"1","name":"x","prototype":"p"}]}',
			),
			0,
		);
		expect(isRowError(result) && result.message).toBe(
			'Item 0: "__proto__" is not allowed as a field name (it is reserved by JavaScript); rename it; "constructor" is not allowed as a field name (it is reserved by JavaScript); rename it; Obligations[0] "prototype" is not allowed as a field name (it is reserved by JavaScript); rename it',
		);
	});

	it('refuses custom values JSON cannot carry (a bigint threw when sending, NaN and dates became null)', () => {
		const result = caseFileFromItem(
			{
				...base,
				x: BigInt(1),
				d: new Date(Number.NaN),
				Obligations: [{ id: '1', name: 'x', n: Number.NaN }],
			},
			0,
		);
		expect(isRowError(result) && result.message).toBe(
			'Item 0: "x" must be text, a number, true/false, null, a list or an object, got 1n; "d" must be text, a number, true/false, null, a list or an object, got an invalid date; Obligations[0] "n" must be a finite number, got NaN',
		);
	});

	it('refuses a Date in a year the bulk endpoint cannot take (was sent as 275760-09-13)', () => {
		const result = caseFileFromItem(
			{ ...base, Obligations: [{ id: '1', name: 'x', expiring_date: new Date(8.64e15) }] },
			0,
		);
		expect(isRowError(result) && result.message).toMatch(
			/Obligations\[0\] "expiring_date" must be a date/,
		);
	});
});
