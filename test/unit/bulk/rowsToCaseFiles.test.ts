import { DateTime } from 'luxon';

import {
	columnsOf,
	resolveMapping,
	type BulkMapping,
	type ExtraColumns,
} from '../../../nodes/WolkvoxCrm/bulk/columnMapping';
import type { RowLike } from '../../../nodes/WolkvoxCrm/bulk/caseFileShape';
import {
	caseFilesFromRows,
	groupRowsIntoCaseFiles,
	type GroupOptions,
} from '../../../nodes/WolkvoxCrm/bulk/rowsToCaseFiles';
import type { InputDateFormat } from '../../../nodes/WolkvoxCrm/helpers/dates/inputDateFormat';
import { generatePortfolio, withDefects } from '../../../harness/portfolio';
import { CASE_FILE_ONLY, row } from './sheetRow';

const NO_MAPPING: BulkMapping = { caseFile: {}, obligation: {} };

/** The rows grouped under the mapping resolved from their columns, as caseFilesFromRows does before grouping. */
function group(
	rows: RowLike[],
	options: {
		mapping?: BulkMapping;
		extraColumns?: ExtraColumns;
		keyColumn?: string;
		dateInputFormat?: InputDateFormat;
	} = {},
) {
	const groupOptions: GroupOptions = {
		mapping: resolveMapping(columnsOf(rows), options.mapping ?? NO_MAPPING),
		extraColumns: options.extraColumns ?? 'drop',
		keyColumn: options.keyColumn,
		dateInputFormat: options.dateInputFormat,
	};
	return groupRowsIntoCaseFiles(rows, groupOptions);
}

describe('groupRowsIntoCaseFiles: grouping', () => {
	it('groups the rows of a customer even when they are not adjacent, in order of first appearance', () => {
		const rows = [
			row({ identificacion: '1001', obligacion_id: 'A' }),
			row({ identificacion: '1002', obligacion_id: 'B' }),
			row({ identificacion: '1001', obligacion_id: 'C' }),
			row({ identificacion: '1003', obligacion_id: 'D' }),
			row({ identificacion: '1002', obligacion_id: 'E' }),
		];
		const { caseFiles, rowErrors } = group(rows);
		expect(rowErrors).toEqual([]);
		expect(caseFiles.map((d) => d.body.Identification)).toEqual(['1001', '1002', '1003']);
		expect(caseFiles.map((d) => d.rows)).toEqual([[0, 2], [1, 4], [3]]);
		expect(caseFiles.map((d) => d.body.Obligations.map((o) => o.id))).toEqual([
			['A', 'C'],
			['B', 'E'],
			['D'],
		]);
	});

	it('groups a number and its text as one customer', () => {
		const { caseFiles } = group([
			row({ identificacion: 1001 }),
			row({ identificacion: ' 1001 ', obligacion_id: 'X' }),
		]);
		expect(caseFiles).toHaveLength(1);
		expect(caseFiles[0].rows).toEqual([0, 1]);
	});

	it('builds the body wolkvox expects, values coerced and Obligations last', () => {
		const { caseFiles } = group([row()]);
		expect(caseFiles[0].body).toEqual({
			Identification: '0012345',
			Name: 'Ana Pérez',
			Email: 'ana@example.com',
			Telephone: '3001234567',
			Address: 'Calle 1 # 2-3',
			Obligations: [
				{
					id: 'OBL-1',
					name: 'Tarjeta',
					total_balance: '1234567.89',
					expiring_date: '2026-12-15',
					days_delay: '33',
					portfolio_type: 'Castigada',
					last_pay: '1500',
					last_pay_date: '2025-01-09',
					balance_payment: '500',
				},
			],
		});
		expect(Object.keys(caseFiles[0].body).pop()).toBe('Obligations');
	});

	it('builds plain objects, as JSON, n8n and the other input modes do', () => {
		const { caseFiles } = group([row()]);
		const [obligation] = caseFiles[0].body.Obligations;
		expect(Object.getPrototypeOf(caseFiles[0].body)).toBe(Object.prototype);
		expect(Object.getPrototypeOf(obligation)).toBe(Object.prototype);
		expect(obligation.constructor).toBe(Object);
	});

	it('keeps Obligations last when a later row of the customer fills in the address', () => {
		const { caseFiles } = group([
			row({ obligacion_id: 'A', direccion: '' }),
			row({ obligacion_id: 'B', direccion: 'Carrera 7' }),
		]);
		expect(Object.keys(caseFiles[0].body).slice(-2)).toEqual(['Address', 'Obligations']);
	});

	it('coerces what sheets deliver as numbers: serial dates, numeric phones, numeric amounts', () => {
		const { caseFiles, rowErrors } = group([
			row({
				telefono: 3001234567,
				saldo_total: 1500.5,
				fecha_vencimiento: 45658,
				dias_mora: 12,
				identificacion: 98765,
			}),
		]);
		expect(rowErrors).toEqual([]);
		const body = caseFiles[0].body;
		expect(body.Identification).toBe('98765');
		expect(body.Telephone).toBe('3001234567');
		expect(body.Obligations[0]).toMatchObject({
			total_balance: '1500.5',
			expiring_date: '2025-01-01',
			days_delay: '12',
		});
	});

	it('applies the declared input date format', () => {
		const { caseFiles } = group(
			[row({ fecha_vencimiento: '12/15/2026', fecha_ultimo_pago: '01/09/2025' })],
			{
				dateInputFormat: 'MM/DD/YYYY',
			},
		);
		expect(caseFiles[0].body.Obligations[0]).toMatchObject({
			expiring_date: '2026-12-15',
			last_pay_date: '2025-01-09',
		});
	});

	it('leaves blank optional cells out instead of sending empty values', () => {
		const { caseFiles, rowErrors } = group([
			row({
				direccion: '  ',
				saldo_total: '',
				fecha_vencimiento: null,
				dias_mora: undefined,
				tipo_cartera: ' ',
			}),
		]);
		expect(rowErrors).toEqual([]);
		const body = caseFiles[0].body;
		expect('Address' in body).toBe(false);
		expect(Object.keys(body.Obligations[0])).toEqual([
			'id',
			'name',
			'last_pay',
			'last_pay_date',
			'balance_payment',
		]);
		expect(JSON.stringify(body)).not.toContain('null');
	});

	it('keeps a case file with no obligations for rows without obligation id and name', () => {
		const { caseFiles, rowErrors } = group([
			row(CASE_FILE_ONLY),
			row({ obligacion_id: 'B', producto: 'Crédito' }),
		]);
		expect(rowErrors).toEqual([]);
		expect(caseFiles[0].rows).toEqual([0, 1]);
		expect(caseFiles[0].body.Obligations.map((o) => o.id)).toEqual(['B']);

		const alone = group([row({ ...CASE_FILE_ONLY, obligacion_id: undefined, producto: null })]);
		expect(alone.caseFiles[0].body.Obligations).toEqual([]);
	});

	it('refuses a row without obligation id and name that still holds obligation values', () => {
		const { caseFiles, rowErrors } = group([row({ ...CASE_FILE_ONLY, dias_mora: 12 })]);
		expect(caseFiles).toEqual([]);
		expect(rowErrors).toHaveLength(1);
		expect(rowErrors[0]).toMatchObject({ row: 0, field: 'id', value: 12 });
		expect(rowErrors[0].message).toContain('column "dias_mora" holds obligation data (12)');
	});

	it('groups by another column when asked, and records differing Identification values', () => {
		const rows = [
			row({ cliente_codigo: 'C-1', identificacion: '111', obligacion_id: 'A' }),
			row({ cliente_codigo: 'C-1', identificacion: '222', obligacion_id: 'B' }),
			row({ cliente_codigo: 'C-2', identificacion: '111', obligacion_id: 'C' }),
		];
		const { caseFiles, rowErrors } = group(rows, { keyColumn: 'cliente_codigo' });
		expect(rowErrors).toEqual([]);
		expect(caseFiles.map((d) => d.rows)).toEqual([[0, 1], [2]]);
		expect(caseFiles[0].body.Identification).toBe('111');
		expect(caseFiles[0].conflicts).toEqual([
			{ field: 'Identification', kept: '111', ignored: '222', row: 1 },
		]);
	});

	it('refuses rows whose grouping column is empty', () => {
		const { caseFiles, rowErrors } = group(
			[row({ cliente_codigo: 'C-1' }), row({ cliente_codigo: '' })],
			{
				keyColumn: 'cliente_codigo',
			},
		);
		expect(caseFiles.map((d) => d.rows)).toEqual([[0]]);
		expect(rowErrors).toHaveLength(1);
		expect(rowErrors[0]).toMatchObject({ row: 1, field: 'cliente_codigo' });
		expect(rowErrors[0].message).toContain('grouping column');
	});
});

describe('groupRowsIntoCaseFiles: disagreeing rows', () => {
	it('keeps the first row for case-file fields and records each later different value', () => {
		const { caseFiles } = group([
			row({ obligacion_id: 'A' }),
			row({ obligacion_id: 'B', nombre: 'Ana P.', correo: 'ana@example.com' }),
			row({ obligacion_id: 'C', correo: 'otra@example.com', nombre: 'Ana P.' }),
		]);
		const draft = caseFiles[0];
		expect(draft.body.Name).toBe('Ana Pérez');
		expect(draft.body.Email).toBe('ana@example.com');
		expect(draft.conflicts).toEqual([
			{ field: 'Name', kept: 'Ana Pérez', ignored: 'Ana P.', row: 1 },
			{ field: 'Name', kept: 'Ana Pérez', ignored: 'Ana P.', row: 2 },
			{ field: 'Email', kept: 'ana@example.com', ignored: 'otra@example.com', row: 2 },
		]);
		expect(draft.rows).toEqual([0, 1, 2]);
	});

	it('does not count a later blank as a disagreement, and fills an optional field the first row left blank', () => {
		const { caseFiles } = group([
			row({ obligacion_id: 'A', direccion: '' }),
			row({ obligacion_id: 'B', direccion: 'Carrera 7' }),
			row({ obligacion_id: 'C', direccion: '' }),
		]);
		expect(caseFiles[0].body.Address).toBe('Carrera 7');
		expect(caseFiles[0].conflicts).toEqual([]);
	});

	it('lets the first valid row win when an earlier row of the customer was invalid', () => {
		const { caseFiles, rowErrors } = group([
			row({ obligacion_id: 'A', nombre: 'Primera', correo: '' }),
			row({ obligacion_id: 'B', nombre: 'Segunda' }),
		]);
		expect(rowErrors.map((e) => e.row)).toEqual([0]);
		expect(caseFiles[0].body.Name).toBe('Segunda');
		expect(caseFiles[0].conflicts).toEqual([]);
	});

	it('folds an identical repeated obligation into the case file', () => {
		const { caseFiles, rowErrors } = group([row(), row()]);
		expect(rowErrors).toEqual([]);
		expect(caseFiles[0].rows).toEqual([0, 1]);
		expect(caseFiles[0].body.Obligations).toHaveLength(1);
	});

	it('refuses a repeated obligation id with other values, naming the earlier row', () => {
		const { caseFiles, rowErrors } = group([
			row({ obligacion_id: 'X' }),
			row({ obligacion_id: 'A' }),
			row({ obligacion_id: 'A', saldo_total: '99' }),
		]);
		expect(caseFiles[0].rows).toEqual([0, 1]);
		expect(rowErrors).toHaveLength(1);
		expect(rowErrors[0]).toMatchObject({ row: 2, field: 'id', value: 'A' });
		expect(rowErrors[0].message).toContain('item 1');
	});

	it('finds repeated obligation ids among many obligations of one customer', () => {
		const rows = Array.from({ length: 40 }, (_, k) => row({ obligacion_id: `O-${k}` }));
		rows.push(row({ obligacion_id: 'O-30', saldo_total: '1' }));
		const { caseFiles, rowErrors } = group(rows);
		expect(caseFiles[0].body.Obligations).toHaveLength(40);
		expect(rowErrors.map((e) => e.row)).toEqual([40]);
		expect(rowErrors[0].message).toContain('item 30');
	});
});

describe('groupRowsIntoCaseFiles: invalid rows', () => {
	it('sends nothing from a row that misses a required field and says which row, field and column', () => {
		const { caseFiles, rowErrors } = group([
			row({ identificacion: '1' }),
			row({ identificacion: '2', correo: ' ' }),
		]);
		expect(caseFiles.map((d) => d.body.Identification)).toEqual(['1']);
		expect(rowErrors).toEqual([
			{
				row: 1,
				field: 'Email',
				message: 'Item 1: "Email" is required, but column "correo" is empty',
			},
		]);
	});

	it('sends nothing from a row with a value that cannot be coerced', () => {
		const { caseFiles, rowErrors } = group([row({ saldo_total: 'abc' })]);
		expect(caseFiles).toEqual([]);
		expect(rowErrors).toEqual([
			{
				row: 0,
				field: 'total_balance',
				value: 'abc',
				message:
					'Item 0: obligation "total_balance" (column "saldo_total") must be an amount like 1.234.567,89 or 1234567.89, got "abc"',
			},
		]);
	});

	it('lists every problem of a row in one error, the first one giving field and value', () => {
		const { rowErrors } = group([
			row({ nombre: '', dias_mora: '3.5', fecha_vencimiento: '2025-02-30' }),
		]);
		expect(rowErrors).toHaveLength(1);
		const [error] = rowErrors;
		expect(error.field).toBe('Name');
		expect(error.message).toContain('"Name" is required');
		expect(error.message).toContain(
			'obligation "days_delay" (column "dias_mora") must be a whole number like 33, got "3.5"',
		);
		expect(error.message).toContain(
			'obligation "expiring_date" (column "fecha_vencimiento") must be a date',
		);
		expect(error.message).toContain('(no such date)');
	});

	it('refuses an obligation id without a name, and a name without an id', () => {
		const { caseFiles, rowErrors } = group([
			row({ identificacion: '1', producto: '' }),
			row({ identificacion: '2', obligacion_id: '' }),
		]);
		expect(caseFiles).toEqual([]);
		expect(rowErrors.map((e) => [e.row, e.field])).toEqual([
			[0, 'name'],
			[1, 'id'],
		]);
		expect(rowErrors[0].message).toContain(
			'obligation "name" is required when obligation "id" is given',
		);
		expect(rowErrors[1].message).toContain('column "obligacion_id" is empty');
	});

	it('says when no column feeds a required field', () => {
		const rows = [{ cedula: '1', nombre: 'Ana', correo: 'a@b.co' }];
		const { rowErrors } = group(rows);
		expect(rowErrors[0].message).toBe(
			'Item 0: "Telephone" is required, but no column is mapped to it',
		);
	});

	it('names the sheet row when the Google Sheets node gave one', () => {
		const { rowErrors } = group([row({ row_number: 14, correo: '' })]);
		expect(rowErrors[0].message).toMatch(/^Item 0 \(sheet row 14\): /);
	});

	it('refuses values that are objects where text is expected', () => {
		const { rowErrors } = group([row({ nombre: { first: 'Ana' }, telefono: true })]);
		expect(rowErrors[0].message).toContain('"Name" (column "nombre") must be text, got an object');
		expect(rowErrors[0].message).toContain(
			'"Telephone" (column "telefono") must be text or a whole number, got true',
		);
	});

	it('refuses inputs that are not rows', () => {
		const rows = [row(), null, 'text', [1, 2]] as unknown as RowLike[];
		const { caseFiles, rowErrors } = group(rows);
		expect(caseFiles[0].rows).toEqual([0]);
		expect(rowErrors.map((e) => e.row)).toEqual([1, 2, 3]);
	});
});

describe('groupRowsIntoCaseFiles: other columns', () => {
	const withExtras = (overrides: Record<string, unknown> = {}) =>
		row({ ciudad: 'Cali', asesor: ' Luisa ', row_number: 2, ...overrides });

	it('sends them as custom case-file fields, first row winning', () => {
		const { caseFiles } = group(
			[withExtras(), withExtras({ obligacion_id: 'B', ciudad: 'Bogotá', row_number: 3 })],
			{
				extraColumns: 'caseFile',
			},
		);
		const body = caseFiles[0].body;
		expect(body.ciudad).toBe('Cali');
		expect(body.asesor).toBe('Luisa');
		expect('row_number' in body).toBe(false);
		expect(body.Obligations.every((o) => !('ciudad' in o))).toBe(true);
		expect(caseFiles[0].conflicts).toEqual([
			{ field: 'ciudad', kept: 'Cali', ignored: 'Bogotá', row: 1 },
		]);
		expect(Object.keys(body).pop()).toBe('Obligations');
	});

	it('sends them as custom obligation fields, from each row', () => {
		const { caseFiles } = group(
			[withExtras(), withExtras({ obligacion_id: 'B', ciudad: 'Bogotá', asesor: '' })],
			{
				extraColumns: 'obligation',
			},
		);
		const [a, b] = caseFiles[0].body.Obligations;
		expect(a).toMatchObject({ ciudad: 'Cali', asesor: 'Luisa' });
		expect(b.ciudad).toBe('Bogotá');
		expect('asesor' in b).toBe(false);
		expect('row_number' in a).toBe(false);
		expect('ciudad' in caseFiles[0].body).toBe(false);
	});

	it('drops them when asked', () => {
		const { caseFiles } = group([withExtras()], { extraColumns: 'drop' });
		expect(Object.keys(caseFiles[0].body)).toEqual([
			'Identification',
			'Name',
			'Email',
			'Telephone',
			'Address',
			'Obligations',
		]);
	});

	it('never lets a leftover column overwrite a standard key, and reports it', () => {
		const rows = [row({ Obligations: 'oops', Name: 'Other' })];
		const mapping: BulkMapping = { caseFile: { Name: 'nombre' }, obligation: {} };
		const result = group(rows, { mapping, extraColumns: 'caseFile' });
		expect(result.caseFiles[0].body.Name).toBe('Ana Pérez');
		expect(Array.isArray(result.caseFiles[0].body.Obligations)).toBe(true);
		expect(result.droppedColumns).toEqual(['Obligations', 'Name']);
	});
});

describe('groupRowsIntoCaseFiles: nothing is lost', () => {
	/** A generated portfolio with some rows broken on purpose; it knows which rows it broke. */
	function mixedPortfolio(count: number): { rows: RowLike[]; broken: Set<number> } {
		// The ids as written, without stray spaces, so each row's id reads back as its case file's Identification.
		return withDefects(generatePortfolio(count, { seed: 7, strayIdSpaces: false }), {
			defects: [
				{ correo: '' },
				{ saldo_total: 'mil pesos' },
				{ fecha_vencimiento: '31/02/2026' },
				{ dias_mora: '12,5' },
				{ producto: '' },
				{ identificacion: null },
				{ telefono: {} },
			],
			share: 0.15,
			customerOnly: CASE_FILE_ONLY,
			customerOnlyShare: 0.1,
			seed: 7,
		});
	}

	it('puts every input row in exactly one case file or one row error', () => {
		const { rows, broken } = mixedPortfolio(2000);
		const { caseFiles, rowErrors } = group(rows, { extraColumns: 'caseFile' });

		const seen = new Map<number, number>();
		for (const draft of caseFiles) for (const r of draft.rows) seen.set(r, (seen.get(r) ?? 0) + 1);
		for (const error of rowErrors) seen.set(error.row, (seen.get(error.row) ?? 0) + 1);
		expect(seen.size).toBe(rows.length);
		for (let i = 0; i < rows.length; i++) expect([i, seen.get(i)]).toEqual([i, 1]);

		expect(new Set(rowErrors.map((e) => e.row))).toEqual(broken);
		expect(broken.size).toBeGreaterThan(100);
		expect(caseFiles.length).toBeGreaterThan(100);
	});

	it('puts each valid row with an obligation id into its customer, exactly once', () => {
		const { rows, broken } = mixedPortfolio(1000);
		const { caseFiles } = group(rows);
		for (const draft of caseFiles) {
			const expectedIds = draft.rows
				.map((r) => rows[r].obligacion_id)
				.filter((id) => id !== '')
				.map(String);
			expect(draft.body.Obligations.length).toBeLessThanOrEqual(draft.rows.length);
			expect(draft.body.Obligations.map((o) => o.id)).toEqual(expectedIds);
			for (const r of draft.rows) {
				expect(broken.has(r)).toBe(false);
				expect(String(rows[r].identificacion)).toBe(draft.body.Identification);
			}
			for (let k = 1; k < draft.rows.length; k++)
				expect(draft.rows[k]).toBeGreaterThan(draft.rows[k - 1]);
		}
	});
});

describe('bulk values an expression or a Code node resolved to', () => {
	it('refuses true/false where text is expected (was sent as "true")', () => {
		const { caseFiles, rowErrors } = group([row({ nombre: true })]);
		expect(caseFiles).toEqual([]);
		expect(rowErrors[0].message).toBe('Item 0: "Name" (column "nombre") must be text, got true');
	});

	it('refuses dates where text is expected, valid or not (a Date was sent as its ISO text)', () => {
		const { rowErrors } = group([
			row({ nombre: new Date('2025-02-03T00:00:00Z') }),
			row({ nombre: new Date(Number.NaN) }),
			row({ nombre: DateTime.invalid('x') }),
		]);
		expect(rowErrors.map((e) => e.message)).toEqual([
			'Item 0: "Name" (column "nombre") must be text, got 2025-02-03T00:00:00.000Z',
			'Item 1: "Name" (column "nombre") must be text, got an invalid date',
			'Item 2: "Name" (column "nombre") must be text, got an invalid date',
		]);
	});

	it('refuses an id above 2^53 - 1, whose digits are already lost, and says to send it as text', () => {
		const { rowErrors } = group([row({ identificacion: 2 ** 60 })]);
		expect(rowErrors[0].message).toBe(
			'Item 0: "Identification" (column "identificacion") must be text or a whole number, got 1152921504606847000 (numbers above 9007199254740991 have already lost their last digits; send it as text)',
		);
	});

	it('takes a safe number where text is expected, as plain decimal text', () => {
		const { caseFiles } = group([
			row({ identificacion: 1001, telefono: 3001234567, nombre: 12.5 }),
		]);
		expect(caseFiles[0].body).toMatchObject({
			Identification: '1001',
			Telephone: '3001234567',
			Name: '12.5',
		});
	});

	it.each<[string, unknown, string]>([
		[
			'NaN (was sent as null)',
			Number.NaN,
			'custom field (column "ciudad") must be a finite number, got NaN',
		],
		[
			'Infinity (was sent as null)',
			Infinity,
			'custom field (column "ciudad") must be a finite number, got Infinity',
		],
		[
			'an Invalid Date (was sent as null)',
			new Date(Number.NaN),
			'custom field (column "ciudad") must be text, a number, true/false, null, a list or an object, got an invalid date',
		],
		[
			'a bigint (JSON.stringify threw a TypeError when sending)',
			BigInt(3),
			'custom field (column "ciudad") must be text, a number, true/false, null, a list or an object, got 3n',
		],
		[
			'a function (was dropped)',
			() => 1,
			'custom field (column "ciudad") must be text, a number, true/false, null, a list or an object, got a function',
		],
		[
			'an object holding NaN',
			{ a: Number.NaN },
			'custom field (column "ciudad") must not hold NaN (at a)',
		],
	])('refuses %s in a custom column', (_label, value, message) => {
		for (const extraColumns of ['caseFile', 'obligation'] as const) {
			const { caseFiles, rowErrors } = group([row({ ciudad: value })], { extraColumns });
			expect(caseFiles).toEqual([]);
			expect(rowErrors[0].message).toBe(`Item 0: ${message}`);
		}
	});

	it('ignores what a dropped custom column holds', () => {
		const { caseFiles } = group([row({ ciudad: Number.NaN, constructor: 'x' })], {
			extraColumns: 'drop',
		});
		expect(caseFiles).toHaveLength(1);
	});

	it.each(['__proto__', 'constructor', 'prototype'])(
		'names a custom column called %s instead of dropping it silently',
		(column) => {
			const rows = [JSON.parse(JSON.stringify(row())) as Record<string, unknown>];
			Object.defineProperty(rows[0], column, { value: 'v', enumerable: true });
			const result = group(rows, { extraColumns: 'caseFile' });
			expect(result.caseFiles).toEqual([]);
			expect(result.droppedColumns).toEqual([]);
			expect(result.rowErrors[0]).toMatchObject({
				field: column,
				message: `Item 0: column "${column}" cannot be sent as a custom field: the name "${column}" is not allowed (it is reserved by JavaScript); rename the column, or set Other Columns to Ignore Them`,
			});
		},
	);

	it('does not read an inherited function for rows that lack a column named like one (toString)', () => {
		const rows = [row({ toString: 'x' }), row({ identificacion: '2' })];
		const { caseFiles, rowErrors } = group(rows, { extraColumns: 'caseFile' });
		expect(rowErrors).toEqual([]);
		expect(caseFiles[0].body.toString).toBe('x');
		expect(Object.prototype.hasOwnProperty.call(caseFiles[1].body, 'toString')).toBe(false);
	});

	it('reads a missing cell of a column named constructor as empty, not as the Object function', () => {
		const rows = [row({ constructor: 'Ana' }), row({ identificacion: '2' })];
		const { rowErrors } = group(rows, {
			mapping: { caseFile: { Name: 'constructor' }, obligation: {} },
		});
		expect(rowErrors.map((e) => e.message)).toEqual([
			'Item 1: "Name" is required, but column "constructor" is empty',
		]);
	});
});

describe('caseFilesFromRows', () => {
	it('takes a Group Rows By setting that is not text as unset instead of failing with a TypeError', () => {
		const rows = [{ Identification: 'A', Name: 'N', Email: 'e@x.co', Telephone: '1' }];
		const result = caseFilesFromRows(rows, {
			keyColumn: 5 as unknown as string,
			mapping: { caseFile: {}, obligation: {} },
			extraColumns: 'drop',
			dateInputFormat: 'auto',
		});
		expect(result.caseFiles.map((c) => c.body.Identification)).toEqual(['A']);
	});
});
