import {
	buildRecordBody,
	toFieldValue,
} from '../../../nodes/WolkvoxCrm/actions/record/buildRecordBody';
import { fieldError } from './fieldError';

describe('buildRecordBody, field by field', () => {
	it('builds plain and typed values as seed 004 shows them', () => {
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

	it('accepts a field called "constructor" (no prototype keys mistaken for duplicates)', () => {
		expect(
			buildRecordBody({
				module: 'leads',
				inputMode: 'fields',
				fields: [{ name: 'constructor', value: 'x' }],
			}).fields,
		).toEqual({ constructor: 'x' });
	});
});
