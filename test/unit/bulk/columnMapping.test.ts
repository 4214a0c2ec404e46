import {
	columnOfDraggedExpression,
	mappingProblem,
	parseColumnMapping,
	resolveMapping,
	withDraggedColumns,
	type BulkMapping,
} from '../../../nodes/WolkvoxCrm/bulk/columnMapping';
import { normalizeHeader } from '../../../nodes/WolkvoxCrm/bulk/headerMatching';
import { fieldError } from '../fieldError';
import { row } from './sheetRow';

const NO_MAPPING: BulkMapping = { caseFile: {}, obligation: {} };

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

	it('refuses a row whose column is filled but whose Field was never chosen, instead of guessing one', () => {
		for (const field of ['', undefined, '  ']) {
			expect(() =>
				parseColumnMapping([
					{ field: 'caseFile.Identification', column: 'cedula' },
					{ field, column: 'Documento' },
				]),
			).toThrow(/entry 2 \(column "Documento"\) has no Field: choose the wolkvox field/);
		}
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
		[
			'a missing field',
			[{ column: 'a' }],
			'entry 1 (column "a") has no Field: choose the wolkvox field this column feeds',
		],
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
		const error = fieldError(() => parseColumnMapping(raw));
		expect(error.field).toBe('Column Mapping');
		expect(error.expected.startsWith(expected)).toBe(true);
	});

	it('lists the known fields when one is unknown', () => {
		expect(fieldError(() => parseColumnMapping([{ field: 'x', column: 'a' }])).expected).toContain(
			'caseFile.Identification, caseFile.Name, caseFile.Email, caseFile.Telephone, caseFile.Address, obligation.id,',
		);
	});
});

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

describe('columnOfDraggedExpression', () => {
	it.each([
		['={{ $json.cedula }}', 'cedula'],
		['={{$json.cedula}}', 'cedula'],
		["={{ $json['Saldo Capital'] }}", 'Saldo Capital'],
		['={{ $json["N° Obligación"] }}', 'N° Obligación'],
		["={{ $('Read Sheet').item.json.cedula }}", 'cedula'],
		['={{ $("Read Sheet").item.json[\'Nombre Completo\'] }}', 'Nombre Completo'],
	])('takes the column %s names: %j', (raw, column) => {
		expect(columnOfDraggedExpression(raw)).toBe(column);
	});

	it.each([
		['cedula'],
		['={{ $json.cedula.trim() }}'],
		['={{ $json.a + $json.b }}'],
		['={{ "cedula" }}'],
		[42],
		[undefined],
	])('leaves %j to be read as it is', (raw) => {
		expect(columnOfDraggedExpression(raw)).toBeUndefined();
	});
});

describe('withDraggedColumns', () => {
	it("puts the dragged column's name where n8n put the first row's value, and leaves other entries alone", () => {
		const evaluated = [
			{ field: 'caseFile.Identification', column: '0012345678' },
			{ field: 'caseFile.Name', column: 'nombre' },
			{ field: 'obligation.total_balance', column: 'saldo' },
		];
		const raw = [
			{ field: 'caseFile.Identification', column: '={{ $json.cedula }}' },
			{ field: 'caseFile.Name', column: 'nombre' },
			{ field: 'obligation.total_balance', column: '={{ "sal" + "do" }}' },
		];
		expect(withDraggedColumns(evaluated, raw)).toEqual([
			{ field: 'caseFile.Identification', column: 'cedula' },
			{ field: 'caseFile.Name', column: 'nombre' },
			{ field: 'obligation.total_balance', column: 'saldo' },
		]);
		expect(withDraggedColumns('not a list', raw)).toBe('not a list');
	});
});

describe('mappingProblem', () => {
	it('says every problem of a mapping at once, so one run shows all that needs fixing', () => {
		const columns = ['Documento', 'Saldo Capital', 'nombre'];
		const mapping = resolveMapping(columns, {
			caseFile: { Identification: 'cedula' },
			obligation: { total_balance: 'Saldo Capital' },
		});
		const problem = mappingProblem(mapping, columns) ?? '';
		expect(problem).toMatch(/^Column Mapping names "cedula", which no input row has; /);
		expect(problem).toContain('no column feeds the required case-file field(s) Email, Telephone');
		expect(problem).toContain(
			"no column feeds the obligation's id and name, though columns feed its total_balance",
		);
		expect(problem).toContain('Columns found in the input: Documento, Saldo Capital, nombre');
	});

	it('is silent for a mapping that works, with or without obligations', () => {
		const withObligations = [
			'cedula',
			'nombre',
			'email',
			'telefono',
			'obligacion',
			'producto',
			'saldo',
		];
		expect(
			mappingProblem(resolveMapping(withObligations, NO_MAPPING), withObligations),
		).toBeUndefined();
		const customersOnly = ['cedula', 'nombre', 'email', 'telefono'];
		expect(
			mappingProblem(resolveMapping(customersOnly, NO_MAPPING), customersOnly),
		).toBeUndefined();
	});
});

describe('header matching on realistic sheets', () => {
	it('maps every field of a 12-column Spanish collections sheet, accents, N° and spacing included', () => {
		const columns = [
			'Número Documento',
			'Nombre Completo',
			'Correo Electrónico',
			'Teléfono Celular',
			'Dirección',
			'N° Obligación',
			'Producto',
			'Saldo Capital',
			'Fecha Vencimiento',
			'Días Mora',
			'Último Pago',
			'Ciudad',
		];
		const mapping = resolveMapping(columns, NO_MAPPING);
		expect(mapping.caseFile).toEqual({
			Identification: 'Número Documento',
			Name: 'Nombre Completo',
			Email: 'Correo Electrónico',
			Telephone: 'Teléfono Celular',
			Address: 'Dirección',
		});
		expect(mapping.obligation).toEqual({
			id: 'N° Obligación',
			name: 'Producto',
			total_balance: 'Saldo Capital',
			expiring_date: 'Fecha Vencimiento',
			days_delay: 'Días Mora',
			last_pay: 'Último Pago',
		});
		expect(mapping.extraColumns).toEqual(['Ciudad']);
		expect(mapping.lookalikes).toEqual([]);
		expect(mappingProblem(mapping, columns)).toBeUndefined();
	});

	it('maps an English sheet', () => {
		const columns = [
			'Customer ID',
			'Full Name',
			'Email Address',
			'Phone Number',
			'Loan ID',
			'Product',
			'Balance',
			'Due Date',
			'Days Past Due',
		];
		const mapping = resolveMapping(columns, NO_MAPPING);
		expect(mapping.caseFile).toEqual({
			Identification: 'Customer ID',
			Name: 'Full Name',
			Email: 'Email Address',
			Telephone: 'Phone Number',
		});
		expect(mapping.obligation).toEqual({
			id: 'Loan ID',
			name: 'Product',
			total_balance: 'Balance',
			expiring_date: 'Due Date',
			days_delay: 'Days Past Due',
		});
		expect(mapping.extraColumns).toEqual([]);
	});

	it.each([
		['NRO. DOCUMENTO', 'caseFile', 'Identification'],
		[' cédula ', 'caseFile', 'Identification'],
		['No. Obligación', 'obligation', 'id'],
		['# Obligación', 'obligation', 'id'],
		['Nº Crédito', 'obligation', 'id'],
		['SALDO', 'obligation', 'total_balance'],
		['Valor', 'obligation', 'total_balance'],
		['Monto', 'obligation', 'total_balance'],
		['Fecha de Vencimiento', 'obligation', 'expiring_date'],
		['dias_de_mora', 'obligation', 'days_delay'],
	] as const)('matches the header %j to %s.%s', (header, group, field) => {
		const mapping = resolveMapping([header], NO_MAPPING);
		expect((mapping[group] as Record<string, string>)[field]).toBe(header);
	});

	it('warns about a left-over column that looks like a field no column feeds, and only then', () => {
		const columns = [
			'cedula',
			'nombre',
			'email',
			'telefono',
			'obligacion',
			'producto',
			'Saldo Capitall',
			'Fecha de Venc.',
			'Ciudad',
		];
		const mapping = resolveMapping(columns, NO_MAPPING);
		expect(mapping.obligation.total_balance).toBeUndefined();
		expect(mapping.lookalikes).toEqual([
			{ column: 'Saldo Capitall', resembles: 'obligation.total_balance' },
			{ column: 'Fecha de Venc.', resembles: 'obligation.expiring_date' },
		]);
		// Once a column feeds the balance, a second balance-like column is no longer a likely miss.
		const fed = resolveMapping([...columns, 'saldo'], NO_MAPPING);
		expect(fed.lookalikes).toEqual([
			{ column: 'Fecha de Venc.', resembles: 'obligation.expiring_date' },
		]);
	});
});
