import { parseColumnMapping } from '../../../nodes/WolkvoxCrm/helpers/columnMapping';
import { FieldError } from '../../../nodes/WolkvoxCrm/helpers/validation';

function fieldErrorOf(fn: () => unknown): FieldError {
	try {
		fn();
	} catch (error) {
		if (error instanceof FieldError) return error;
		throw error;
	}
	throw new Error('expected a FieldError');
}

describe('parseColumnMapping', () => {
	it('maps each entry to its field, trimming the column', () => {
		expect(
			parseColumnMapping([
				{ field: 'caseFile.Identification', column: ' cedula ' },
				{ field: 'caseFile.Name', column: 'nombre' },
				{ field: 'obligation.id', column: 'obligacion' },
				{ field: 'obligation.total_balance', column: 'saldo' },
			]),
		).toEqual({
			caseFile: { Identification: 'cedula', Name: 'nombre' },
			obligation: { id: 'obligacion', total_balance: 'saldo' },
		});
	});

	it('skips entries whose column is blank, and maps nothing for an absent parameter or an empty list', () => {
		const empty = { caseFile: {}, obligation: {} };
		expect(
			parseColumnMapping([
				{ field: 'caseFile.Name', column: '  ' },
				{ field: 'caseFile.Email' },
				{ field: 'caseFile.Telephone', column: null },
				{ field: 'not.a.field', column: '' },
			]),
		).toEqual(empty);
		expect(parseColumnMapping(undefined)).toEqual(empty);
		expect(parseColumnMapping([])).toEqual(empty);
	});

	it('lets a later entry for the same field win', () => {
		expect(
			parseColumnMapping([
				{ field: 'caseFile.Name', column: 'a' },
				{ field: 'caseFile.Name', column: 'b' },
			]).caseFile.Name,
		).toBe('b');
	});

	it('takes a number as a column name, as text', () => {
		expect(parseColumnMapping([{ field: 'obligation.days_delay', column: 2024 }])).toEqual({
			caseFile: {},
			obligation: { days_delay: '2024' },
		});
	});

	it.each<[string, unknown, string]>([
		[
			'text instead of a list',
			'caseFile.Name=nombre',
			'must be a list of entries like {"field": "caseFile.Identification", "column": "cedula"}, got "caseFile.Name=nombre"',
		],
		[
			'null',
			null,
			'must be a list of entries like {"field": "caseFile.Identification", "column": "cedula"}, got null',
		],
		[
			'an object',
			{ column: [] },
			'must be a list of entries like {"field": "caseFile.Identification", "column": "cedula"}, got an object',
		],
		[
			'an entry that is text',
			['caseFile.Name'],
			'entry 1 must be {"field": …, "column": …}, got "caseFile.Name"',
		],
		[
			'an entry that is null',
			[{ field: 'caseFile.Name', column: 'a' }, null],
			'entry 2 must be {"field": …, "column": …}, got null',
		],
		[
			'an entry that is a list',
			[['caseFile.Name', 'a']],
			'entry 1 must be {"field": …, "column": …}, got a list',
		],
		[
			'an unknown group',
			[{ field: 'customer.Name', column: 'a' }],
			'entry 1 has the unknown field "customer.Name"; use one of ',
		],
		[
			'an unknown field',
			[{ field: 'caseFile.Phone', column: 'a' }],
			'entry 1 has the unknown field "caseFile.Phone"; use one of ',
		],
		[
			'a prototype key as field',
			[{ field: 'caseFile.__proto__', column: 'a' }],
			'entry 1 has the unknown field "caseFile.__proto__"; use one of ',
		],
		[
			'a field that is no text',
			[{ field: 42, column: 'a' }],
			'entry 1 has the unknown field 42; use one of ',
		],
		['a missing field', [{ column: 'a' }], 'entry 1 has the unknown field nothing; use one of '],
		[
			'a column that is an object',
			[{ field: 'caseFile.Name', column: { name: 'a' } }],
			'entry 1 ("caseFile.Name") must name its column as text, got an object',
		],
		[
			'a column that is true',
			[{ field: 'caseFile.Name', column: true }],
			'entry 1 ("caseFile.Name") must name its column as text, got true',
		],
		[
			'a column that is NaN',
			[{ field: 'caseFile.Name', column: Number.NaN }],
			'entry 1 ("caseFile.Name") must name its column as text, got NaN',
		],
	])('refuses %s with a FieldError for Column Mapping', (_label, raw, expected) => {
		const error = fieldErrorOf(() => parseColumnMapping(raw));
		expect(error.field).toBe('Column Mapping');
		expect(error.expected.startsWith(expected)).toBe(true);
	});

	it('lists the known fields when one is unknown', () => {
		expect(
			fieldErrorOf(() => parseColumnMapping([{ field: 'x', column: 'a' }])).expected,
		).toContain(
			'caseFile.Identification, caseFile.Name, caseFile.Email, caseFile.Telephone, caseFile.Address, obligation.id,',
		);
	});
});
