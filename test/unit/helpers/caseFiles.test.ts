import { DateTime } from 'luxon';

import {
	caseFileFromItem,
	chunk,
	groupRowsIntoCaseFiles,
	normalizeHeader,
	resolveMapping,
	type BulkMapping,
	type CaseFileDraft,
	type ExtraColumns,
	type GroupOptions,
	type RowError,
	type RowLike,
} from '../../../nodes/WolkvoxCrm/helpers/caseFiles';
import type { InputDateFormat } from '../../../nodes/WolkvoxCrm/helpers/dates';

const NO_MAPPING: BulkMapping = { caseFile: {}, obligation: {} };

/** Columns of a typical Spanish portfolio sheet, one row per obligation. */
function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		identificacion: '0012345',
		nombre: 'Ana Pérez',
		correo: 'ana@example.com',
		telefono: '3001234567',
		direccion: 'Calle 1 # 2-3',
		obligacion_id: 'OBL-1',
		producto: 'Tarjeta',
		saldo_total: '1.234.567,89',
		fecha_vencimiento: '15/12/2026',
		dias_mora: '33',
		tipo_cartera: 'Castigada',
		ultimo_pago: '$ 1.500',
		fecha_ultimo_pago: '2025-01-09',
		saldo_a_pagar: '500',
		...overrides,
	};
}

/** The obligation cells of row() emptied: a row that only carries the customer. */
const CASE_FILE_ONLY: Record<string, unknown> = {
	obligacion_id: '',
	producto: '',
	saldo_total: '',
	fecha_vencimiento: '',
	dias_mora: '',
	tipo_cartera: '',
	ultimo_pago: '',
	fecha_ultimo_pago: '',
	saldo_a_pagar: '',
};

function columnsOf(rows: RowLike[]): string[] {
	const seen = new Set<string>();
	for (const r of rows)
		if (r && typeof r === 'object') for (const key of Object.keys(r)) seen.add(key);
	return [...seen];
}

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

function isRowError(result: CaseFileDraft | RowError): result is RowError {
	return 'message' in result;
}

describe('normalizeHeader', () => {
	it('ignores case, accents, spaces, underscores and dashes', () => {
		expect(normalizeHeader('Identificación')).toBe('identificacion');
		expect(normalizeHeader('FECHA_VENCIMIENTO')).toBe('fechavencimiento');
		expect(normalizeHeader(' Días de mora ')).toBe('diasdemora');
		expect(normalizeHeader('correo-electrónico')).toBe('correoelectronico');
		expect(normalizeHeader('Año')).toBe('ano');
	});
});

describe('resolveMapping', () => {
	it('maps common Spanish headers automatically', () => {
		const mapping = resolveMapping(Object.keys(row()), NO_MAPPING);
		expect(mapping.caseFile).toEqual({
			Identification: 'identificacion',
			Name: 'nombre',
			Email: 'correo',
			Telephone: 'telefono',
			Address: 'direccion',
		});
		expect(mapping.obligation).toEqual({
			id: 'obligacion_id',
			name: 'producto',
			total_balance: 'saldo_total',
			expiring_date: 'fecha_vencimiento',
			days_delay: 'dias_mora',
			portfolio_type: 'tipo_cartera',
			last_pay: 'ultimo_pago',
			last_pay_date: 'fecha_ultimo_pago',
			balance_payment: 'saldo_a_pagar',
		});
		expect(mapping.extraColumns).toEqual([]);
		expect(mapping.unmappedRequired).toEqual([]);
		expect(mapping.automatic).toContain('caseFile.Identification');
		expect(mapping.automatic).toHaveLength(14);
	});

	it('maps headers with accents, capitals and spaces', () => {
		const mapping = resolveMapping(
			[
				'Cédula',
				'Nombre Cliente',
				'Correo Electrónico',
				'Celular',
				'Dirección',
				'Número Obligación',
				'Días Mora',
			],
			NO_MAPPING,
		);
		expect(mapping.caseFile).toEqual({
			Identification: 'Cédula',
			Name: 'Nombre Cliente',
			Email: 'Correo Electrónico',
			Telephone: 'Celular',
			Address: 'Dirección',
		});
		expect(mapping.obligation).toEqual({ id: 'Número Obligación', days_delay: 'Días Mora' });
	});

	it('maps wolkvox-shaped data with both Name (customer) and name (obligation)', () => {
		const mapping = resolveMapping(
			['Identification', 'Name', 'Email', 'Telephone', 'id', 'name'],
			NO_MAPPING,
		);
		expect(mapping.caseFile.Name).toBe('Name');
		expect(mapping.obligation.name).toBe('name');
		expect(mapping.obligation.id).toBe('id');
	});

	it('gives a lone "name" column to the customer, not to the obligation', () => {
		const mapping = resolveMapping(
			['identification', 'name', 'email', 'telephone', 'id'],
			NO_MAPPING,
		);
		expect(mapping.caseFile.Name).toBe('name');
		expect(mapping.obligation.name).toBeUndefined();
	});

	it('keeps "name" for the obligation when another column names the customer', () => {
		const mapping = resolveMapping(['name', 'nombre', 'cedula'], NO_MAPPING);
		expect(mapping.caseFile.Name).toBe('nombre');
		expect(mapping.obligation.name).toBe('name');
	});

	it('lets explicit choices win and keeps their columns out of the automatic matching', () => {
		const mapping = resolveMapping(['cedula', 'nit', 'nombre', 'email', 'celular', 'telefono'], {
			caseFile: { Identification: 'nit', Telephone: ' telefono ' },
			obligation: {},
		});
		expect(mapping.caseFile.Identification).toBe('nit');
		expect(mapping.caseFile.Telephone).toBe('telefono');
		expect(mapping.automatic).not.toContain('caseFile.Identification');
		expect(mapping.extraColumns).toEqual(['cedula', 'celular']);
	});

	it('reports explicit columns that no row holds and required fields nothing feeds', () => {
		const mapping = resolveMapping(['cedula', 'nombre'], {
			caseFile: { Email: 'correo_typo' },
			obligation: {},
		});
		expect(mapping.missingColumns).toEqual(['correo_typo']);
		expect(mapping.unmappedRequired).toEqual(['Telephone']);
	});

	it('feeds a field from the first matching column only; the others are left over', () => {
		const mapping = resolveMapping(['Telefono', 'telefono', 'ciudad'], NO_MAPPING);
		expect(mapping.caseFile.Telephone).toBe('Telefono');
		expect(mapping.extraColumns).toEqual(['telefono', 'ciudad']);
	});
});

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
	/** A deterministic mix of valid and broken rows; the generator knows which rows it broke. */
	function mixedPortfolio(count: number): { rows: RowLike[]; broken: Set<number> } {
		const rows: RowLike[] = [];
		const broken = new Set<number>();
		const defects: Array<Record<string, unknown>> = [
			{ correo: '' },
			{ saldo_total: 'mil pesos' },
			{ fecha_vencimiento: '31/02/2026' },
			{ dias_mora: '12,5' },
			{ producto: '' },
			{ identificacion: null },
			{ telefono: {} },
		];
		let seed = 7;
		const next = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		for (let i = 0; i < count; i++) {
			const customer = Math.floor(next() * (count / 4));
			const overrides: Record<string, unknown> = {
				identificacion: `00${customer}`,
				obligacion_id: `OBL-${i}`,
				saldo_total:
					next() < 0.5 ? `${customer}.${String(i % 1000).padStart(3, '0')},50` : 1000 + i,
			};
			if (next() < 0.15) {
				Object.assign(overrides, defects[i % defects.length]);
				broken.add(i);
			} else if (next() < 0.1) {
				Object.assign(overrides, CASE_FILE_ONLY);
			}
			rows.push(row(overrides));
		}
		return { rows, broken };
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

describe('chunk', () => {
	it('splits into consecutive slices of at most the given size', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
		expect(chunk([1, 2, 3], 10)).toEqual([[1, 2, 3]]);
		expect(chunk([], 3)).toEqual([]);
	});

	it('treats sizes below one, fractions and NaN as at least one', () => {
		expect(chunk([1, 2], 0)).toEqual([[1], [2]]);
		expect(chunk([1, 2, 3], 2.7)).toEqual([[1, 2], [3]]);
		expect(chunk([1, 2], Number.NaN)).toEqual([[1], [2]]);
	});

	it('keeps every element once, in order', () => {
		const items = Array.from({ length: 1234 }, (_, k) => k);
		expect(chunk(items, 100).flat()).toEqual(items);
		expect(chunk(items, 100)).toHaveLength(13);
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
