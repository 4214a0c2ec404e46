import { DateTime } from 'luxon';

import {
	buildRecordBody,
	buildRecordUpdateBody,
	toFieldValue,
} from '../../../../nodes/WolkvoxCrm/actions/record/buildRecordBody';
import { fieldError } from '../../fieldError';

describe('buildRecordBody, field by field', () => {
	it("builds plain and typed values as the vendor's insert example shows them", () => {
		const body = buildRecordBody({
			module: ' contacts ',
			inputMode: 'fields',
			fields: [
				{ name: 'namecontact', valueType: 'string', value: 'Ana Pérez' },
				{ name: 'Precio', valueType: 'number', value: '6700' },
				{ name: 'Activo', valueType: 'boolean', booleanValue: true },
				{ name: 'Direccion', valueType: 'address', value: 'Calle 145a #12-60' },
				{
					name: 'Productos preferidos',
					valueType: 'table',
					jsonValue: '[{"Ropa":"Camisetas"},{"Carnes":"Pescado"}]',
				},
				{
					name: 'Empresa',
					valueType: 'search',
					value: 'Tech Solutions',
					valueId: '64dcf0a1b2c3d4e5f6a7b8c9',
					searchModuleName: 'companies',
				},
				{
					name: 'Celular',
					valueType: 'telephone',
					value: ' 3001234567 ',
					country: 'Colombia',
					countryCode: '+57',
				},
				{ name: 'Deuda', valueType: 'currency', value: '1.750.905', currencySymbol: 'COP' },
				{ name: 'Contrato', valueType: 'relation', jsonValue: { value: 'C-1', value_id: 'abc' } },
				{ name: 'Extra', valueType: 'json', jsonValue: '{"type":"address","value":"Cra 9"}' },
				{ name: 'Puntos', valueType: 'json', jsonValue: '42' },
			],
		});
		expect(body).toEqual({
			module: 'contacts',
			fields: {
				namecontact: 'Ana Pérez',
				Precio: 6700,
				Activo: true,
				Direccion: { type: 'address', value: 'Calle 145a #12-60' },
				'Productos preferidos': {
					type: 'table',
					value: [{ Ropa: 'Camisetas' }, { Carnes: 'Pescado' }],
				},
				Empresa: {
					type: 'search',
					value: 'Tech Solutions',
					value_id: '64dcf0a1b2c3d4e5f6a7b8c9',
					searchModuleName: 'companies',
				},
				Celular: { type: 'telephone', value: '3001234567', country: 'Colombia', code: '57' },
				Deuda: { type: 'currency', value: '1750905', symbol: 'COP', convert: 1750905 },
				Contrato: { type: 'relation', value: 'C-1', value_id: 'abc' },
				Extra: { type: 'address', value: 'Cra 9' },
				Puntos: 42,
			},
		});
	});

	it('uses a separate converted amount for currency when given', () => {
		expect(
			toFieldValue({
				name: 'x',
				valueType: 'currency',
				value: '100,50',
				currencySymbol: 'USD',
				convertedAmount: '400.000',
			}),
		).toEqual({
			type: 'currency',
			value: '100.5',
			symbol: 'USD',
			convert: 400000,
		});
	});

	it.each([
		[{ name: 'Precio', valueType: 'number' as const, value: 'seis mil' }, 'Precio', /number/],
		[
			{ name: 'T', valueType: 'table' as const, jsonValue: '{"not":"a list"}' },
			'T',
			/list of rows/,
		],
		[{ name: 'T', valueType: 'table' as const, jsonValue: '[1,2]' }, 'T', /list of rows/],
		[{ name: 'J', valueType: 'json' as const, jsonValue: '{broken' }, 'J', /valid JSON/],
		[{ name: 'R', valueType: 'relation' as const, jsonValue: '[]' }, 'R', /object/],
		[{ name: 'D', valueType: 'currency' as const, value: 'mucho' }, 'D', /amount/],
	])('rejects %j naming the field', (input, field, expected) => {
		const error = fieldError(() => toFieldValue(input));
		expect(error.field).toBe(field);
		expect(error.message).toMatch(expected);
	});

	it('rejects an empty field name, a duplicate name, no fields and an empty module', () => {
		expect(
			fieldError(() =>
				buildRecordBody({
					module: 'contacts',
					inputMode: 'fields',
					fields: [{ name: ' ', value: 'x' }],
				}),
			).field,
		).toBe('Field Name');
		expect(
			fieldError(() =>
				buildRecordBody({
					module: 'contacts',
					inputMode: 'fields',
					fields: [
						{ name: 'a', value: '1' },
						{ name: 'a', value: '2' },
					],
				}),
			).message,
		).toMatch(/twice/);
		expect(
			fieldError(() => buildRecordBody({ module: 'contacts', inputMode: 'fields', fields: [] }))
				.field,
		).toBe('fields');
		expect(
			fieldError(() =>
				buildRecordBody({ module: '  ', inputMode: 'fields', fields: [{ name: 'a', value: '1' }] }),
			).field,
		).toBe('module');
	});
});

describe('buildRecordBody, JSON mode', () => {
	it('takes the fields object as text or as a value', () => {
		const text = buildRecordBody({
			module: 'leads',
			inputMode: 'json',
			fieldsJson: '{"namelead":"Ana","Direccion":{"type":"address","value":"Cra 1"}}',
		});
		const value = buildRecordBody({
			module: 'leads',
			inputMode: 'json',
			fieldsJson: { namelead: 'Ana', Direccion: { type: 'address', value: 'Cra 1' } },
		});
		expect(text).toEqual({
			module: 'leads',
			fields: { namelead: 'Ana', Direccion: { type: 'address', value: 'Cra 1' } },
		});
		expect(value).toEqual(text);
	});

	it.each([
		['[1,2]', 'fields'],
		['"text"', 'fields'],
		['{oops', 'fields'],
		['{"x":{"type":"telephone","value":"1"}}', 'fields.x'],
		['{"x":[1,2]}', 'fields.x'],
		['{"x":{"a":1}}', 'fields.x'],
	])('rejects %s at %s', (json, field) => {
		expect(
			fieldError(() => buildRecordBody({ module: 'leads', inputMode: 'json', fieldsJson: json }))
				.field,
		).toBe(field);
	});

	it('says what a field value may be', () => {
		expect(
			fieldError(() =>
				buildRecordBody({ module: 'leads', inputMode: 'json', fieldsJson: '{"x":{"a":1}}' }),
			).message,
		).toMatch(/must be text, a number, true\/false, or a typed value such as \{"type": "address"/);
	});
});

describe('switch (boolean) fields', () => {
	it.each([
		[true, true],
		['true', true],
		['sí', true],
		[1, true],
		[false, false],
		['false', false],
		['0', false],
		['no', false],
	])('reads %j as %s', (value, expected) => {
		expect(
			toFieldValue({ name: 'Activo', valueType: 'boolean', booleanValue: value as boolean }),
		).toBe(expected);
	});

	it('uses an expression typed into the text Value instead of ignoring it', () => {
		expect(
			toFieldValue({ name: 'Activo', valueType: 'boolean', value: 'true', booleanValue: false }),
		).toBe(true);
	});

	it('refuses anything else rather than sending false', () => {
		expect(
			fieldError(() => toFieldValue({ name: 'Activo', valueType: 'boolean', value: 'maybe' }))
				.message,
		).toMatch(/"Activo" must be true or false, got "maybe"/);
	});

	it.each(['__proto__', 'constructor', 'prototype', ' __proto__ '])(
		'refuses the field name %j instead of setting the prototype or dropping the value',
		(name) => {
			const error = fieldError(() =>
				buildRecordBody({
					module: 'leads',
					inputMode: 'fields',
					fields: [
						{ name, value: 'x' },
						{ name: 'b', value: 'y' },
					],
				}),
			);
			expect(error.field).toBe('Field Name');
			expect(error.message).toBe(`Field name "${name.trim()}" is not allowed (Field Name)`);
		},
	);
});

describe('values an expression resolved to, where text is expected', () => {
	const build = (field: Record<string, unknown>, module: unknown = 'contacts') =>
		buildRecordBody({
			module: module as string,
			inputMode: 'fields',
			fields: [{ name: 'a', ...field }],
		});

	it.each<[string, unknown, RegExp]>([
		['an object (was sent as its JSON text)', { x: 1 }, /must be text, got an object/],
		['an Invalid Date (was sent as "null")', new Date(Number.NaN), /got an invalid date/],
		['an invalid Luxon DateTime', DateTime.invalid('broken'), /got an invalid date/],
		['NaN (was sent as "NaN")', Number.NaN, /got NaN/],
		['a function (its source code was sent)', () => 1, /got a function/],
		['a bigint', BigInt(10), /got 10n/],
		['a boolean', true, /got true/],
		['1e21 (was sent as "1e+21")', 1e21, /send it as text/],
	])('refuses %s naming the field', (_label, value, message) => {
		const error = fieldError(() => build({ value }));
		expect(error.field).toBe('a');
		expect(error.message).toMatch(message);
	});

	it('writes a finite number as plain decimal text', () => {
		expect(build({ value: 3001234567 }).fields.a).toBe('3001234567');
		expect(build({ value: 1750.5 }).fields.a).toBe('1750.5');
		expect(build({ value: 1e-7 }).fields.a).toBe('0.0000001');
	});

	it('takes a number as the field name or module instead of failing with a TypeError', () => {
		expect(
			buildRecordBody({
				module: 7 as unknown as string,
				inputMode: 'fields',
				fields: [{ name: 5 as unknown as string, value: 'x' }],
			}),
		).toEqual({
			module: '7',
			fields: { '5': 'x' },
		});
	});

	it('refuses a field name or module that is an object, naming it', () => {
		expect(fieldError(() => build({ name: { a: 1 } })).field).toBe('Field Name');
		expect(fieldError(() => build({ value: 'x' }, ['contacts'])).field).toBe('module');
	});

	it('refuses typed-value parts that are not text (telephone country, search id, currency symbol)', () => {
		expect(
			fieldError(() => build({ valueType: 'telephone', value: '300', country: ['CO'] })).field,
		).toBe('a (Phone Country)');
		expect(
			fieldError(() =>
				build({ valueType: 'search', value: 'x', valueId: { id: 1 }, searchModuleName: 'm' }),
			).field,
		).toBe('a (Related Record ID)');
		expect(
			fieldError(() => build({ valueType: 'currency', value: '1', currencySymbol: Number.NaN }))
				.field,
		).toBe('a (Value Currency)');
	});

	it('refuses a converted amount too large for a number (was sent as "convert": null)', () => {
		const error = fieldError(() =>
			build({ valueType: 'currency', value: '1', convertedAmount: `1${'0'.repeat(400)}` }),
		);
		expect(error.field).toBe('a (Value in Base Currency)');
	});

	it('says what a switch or a value type is without a TypeError for a null-prototype object', () => {
		expect(
			fieldError(() => build({ valueType: 'boolean', value: Object.create(null) })).message,
		).toMatch(/must be true or false, got an object/);
		expect(fieldError(() => build({ valueType: Object.create(null) })).message).toMatch(
			/unknown type an object/,
		);
	});

	it('refuses a fields list that is not a list, or holds something else than fields', () => {
		expect(
			fieldError(() =>
				buildRecordBody({ module: 'leads', inputMode: 'fields', fields: 'x' as unknown as [] }),
			).field,
		).toBe('fields');
		expect(
			fieldError(() =>
				buildRecordBody({ module: 'leads', inputMode: 'fields', fields: [null] as unknown as [] }),
			).field,
		).toBe('fields');
	});
});

describe('JSON the user hands over (JSON mode, table, relation, json fields)', () => {
	const json = (fieldsJson: unknown) =>
		buildRecordBody({ module: 'leads', inputMode: 'json', fieldsJson });

	it('refuses an own "__proto__" key (Object.assign made it the prototype and its keys were sent)', () => {
		const error = fieldError(() => json('{"__proto__": {"x": "1"}, "a": "b"}'));
		expect(error.field).toBe('fields');
		expect(error.message).toBe('Field name "__proto__" is not allowed (fields)');
	});

	it.each(['constructor', 'prototype'])('refuses a field named %s', (name) => {
		expect(fieldError(() => json({ [name]: 'x' })).message).toBe(
			`Field name "${name}" is not allowed (fields)`,
		);
	});

	it('refuses a forbidden key inside a typed value (a table row lost it silently)', () => {
		const error = fieldError(() => json('{"t": {"type": "table", "value": [{"__proto__": 1}]}}'));
		expect(error.field).toBe('fields.t');
		expect(error.message).toMatch(/key named "__proto__".*\(at value\[0\]\)/);
	});

	it.each<[string, unknown, RegExp]>([
		['Infinity (was sent as null)', { a: Infinity }, /must be a finite number, got Infinity/],
		[
			'a bigint in a relation (JSON.stringify threw a TypeError when sending)',
			{ a: { type: 'relation', x: BigInt(1) } },
			/got 1n \(at x\)/,
		],
		[
			'a date in a relation',
			{ a: { type: 'relation', when: new Date(Number.NaN) } },
			/invalid date \(at when\)/,
		],
		[
			'a cycle',
			(() => {
				const r: Record<string, unknown> = { type: 'relation' };
				r.self = r;
				return { a: r };
			})(),
			/refers to itself \(at self\)/,
		],
	])('refuses %s', (_label, value, message) => {
		const error = fieldError(() => json(value));
		expect(error.field).toBe('fields.a');
		expect(error.message).toMatch(message);
	});

	it('refuses the same in fields mode, naming the field', () => {
		const error = fieldError(() =>
			buildRecordBody({
				module: 'leads',
				inputMode: 'fields',
				fields: [{ name: 'R', valueType: 'relation', jsonValue: '{"constructor": "x"}' }],
			}),
		);
		expect(error.field).toBe('R');
		expect(error.message).toMatch(/key named "constructor"/);
	});
});

describe('typed values the sandbox refuses are refused before a call is spent', () => {
	const one = (field: Record<string, unknown>) =>
		buildRecordBody({ module: 'contacts', inputMode: 'fields', fields: [{ name: 'x', ...field }] });

	it.each<[string, Record<string, unknown>, RegExp]>([
		[
			'an address without a value',
			{ valueType: 'address', value: '  ' },
			/an address needs its value/,
		],
		[
			'a telephone without a value',
			{ valueType: 'telephone', value: '', country: 'CO' },
			/a telephone needs its value/,
		],
		[
			'a search with neither value nor ID',
			{ valueType: 'search', value: '', valueId: ' ', searchModuleName: 'companies' },
			/needs a value or a value ID/,
		],
	])('%s', (_label, field, message) => {
		const error = fieldError(() => one(field));
		expect(error.field).toBe('fields.x');
		expect(error.message).toMatch(message);
	});

	it('refuses a typed value without its value in JSON mode too', () => {
		expect(
			fieldError(() =>
				buildRecordBody({
					module: 'contacts',
					inputMode: 'json',
					fieldsJson: { c: { type: 'currency', value: '', symbol: 'COP', convert: 1 } },
				}),
			).field,
		).toBe('fields.c');
	});

	it('keeps a search with only its ID', () => {
		expect(
			one({ valueType: 'search', value: '', valueId: 'abc', searchModuleName: 'companies' }).fields
				.x,
		).toEqual({
			type: 'search',
			value: '',
			value_id: 'abc',
			searchModuleName: 'companies',
		});
	});

	it('refuses the tasks module, which needs the Task resource (the body has no "type")', () => {
		const error = fieldError(() =>
			buildRecordBody({
				module: ' wolkvox_activities ',
				inputMode: 'fields',
				fields: [{ name: 'a', value: 'b' }],
			}),
		);
		expect(error.field).toBe('module');
		expect(error.message).toMatch(/Task resource/);
	});
});

describe('buildRecordUpdateBody', () => {
	const ID = '64dcf0a1b2c3d4e5f6a7b8c9';

	it('sends the record ID as wolkvox-id beside the fields to change, taking it from a CRM URL', () => {
		expect(
			buildRecordUpdateBody({
				module: 'contacts',
				recordId: `https://crm0001.wolkvox.com/contacts/${ID}`,
				inputMode: 'fields',
				fields: [{ name: 'Estado', valueType: 'string', value: 'Al día' }],
			}),
		).toEqual({ module: 'contacts', 'wolkvox-id': ID, fields: { Estado: 'Al día' } });
	});

	it('refuses an update with no record ID or no field, before anything is sent', () => {
		expect(
			fieldError(() =>
				buildRecordUpdateBody({
					module: 'contacts',
					recordId: ' ',
					inputMode: 'json',
					fieldsJson: '{"a": 1}',
				}),
			).field,
		).toBe('wolkvox-id');
		expect(
			fieldError(() =>
				buildRecordUpdateBody({
					module: 'contacts',
					recordId: ID,
					inputMode: 'fields',
					fields: [],
				}),
			).field,
		).toBe('fields');
	});
});
