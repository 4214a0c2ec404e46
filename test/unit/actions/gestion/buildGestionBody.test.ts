import { DateTime } from 'luxon';

import { buildGestionBody } from '../../../../nodes/WolkvoxCrm/actions/gestion/buildGestionBody';
import { FieldError } from '../../../../nodes/WolkvoxCrm/helpers/validation';
import { GESTION_OPTIONAL_FIELDS } from '../../../../nodes/WolkvoxCrm/schemas/gestion.schema';

describe('buildGestionBody', () => {
	it('sends the required fields with both typification spellings and module "collections"', () => {
		expect(
			buildGestionBody({
				caseFileId: ' 64dcf0a1b2c3d4e5f6a7b8c9 ',
				typificationCode: 'PP01',
				typificationDescription: 'Promise to pay',
			}),
		).toEqual({
			fields: {
				tipifycation_code: 'PP01',
				tipifycation_desc: 'Promise to pay',
				tipification_code: 'PP01',
				tipification_description: 'Promise to pay',
				module: 'collections',
				wolkvox_idRecord: '64dcf0a1b2c3d4e5f6a7b8c9',
			},
		});
	});

	it('passes every documented optional field through, as text, and drops blanks and unknown keys', () => {
		const additional: Record<string, unknown> = { not_a_field: 'x' };
		GESTION_OPTIONAL_FIELDS.forEach((name, i) => (additional[name] = i % 2 ? `v${i}` : i));
		additional.agent_name = '   ';
		additional.date = '2026-11-23T10:30:00';
		const body = buildGestionBody({
			caseFileId: 'abc',
			typificationCode: 7,
			typificationDescription: 'Paid',
			additionalFields: additional,
		});
		for (const [i, name] of GESTION_OPTIONAL_FIELDS.entries()) {
			if (name === 'agent_name') expect(body.fields).not.toHaveProperty(name);
			else if (name === 'date') expect(body.fields.date).toBe('2026-11-23 10:30:00');
			else expect((body.fields as Record<string, unknown>)[name]).toBe(i % 2 ? `v${i}` : String(i));
		}
		expect(body.fields).not.toHaveProperty('not_a_field');
		expect(body.fields.tipifycation_code).toBe('7');
		expect(GESTION_OPTIONAL_FIELDS).toHaveLength(17);
	});

	it.each([
		[{ caseFileId: '' }, 'fields.wolkvox_idRecord'],
		[{ typificationCode: '' }, 'fields.tipifycation_code'],
		[{ typificationDescription: null }, 'fields.tipifycation_desc'],
		[{ module: 'cases' }, 'fields.module'],
	])('rejects %j naming the field', (change, field) => {
		let error: unknown;
		try {
			buildGestionBody({
				caseFileId: 'abc',
				typificationCode: 'PP01',
				typificationDescription: 'x',
				...change,
			});
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(FieldError);
		expect((error as FieldError).field).toBe(field);
	});

	it('sends the interaction date like the task dates, in the workflow time zone', () => {
		const build = (date: unknown) =>
			buildGestionBody(
				{
					caseFileId: 'abc',
					typificationCode: 'C',
					typificationDescription: 'D',
					additionalFields: { date },
				},
				'America/Bogota',
			).fields.date;
		expect(build('2026-11-23T15:30:00.000Z')).toBe('2026-11-23 10:30:00');
		expect(build('2026-11-23 10:30')).toBe('2026-11-23 10:30:00');
		expect(() => build('yesterday')).toThrow(/date and time/);
	});
});

describe('buildGestionBody: values an expression resolved to', () => {
	const build = (change: Record<string, unknown>) =>
		buildGestionBody({
			caseFileId: 'abc',
			typificationCode: 'PP01',
			typificationDescription: 'x',
			...change,
		});
	const errorOf = (change: Record<string, unknown>): FieldError => {
		try {
			build(change);
		} catch (error) {
			if (error instanceof FieldError) return error;
			throw error;
		}
		throw new Error('expected a FieldError');
	};

	it.each<[string, Record<string, unknown>, string, RegExp]>([
		[
			'an object code (was sent as its JSON text)',
			{ typificationCode: { a: 1 } },
			'fields.tipifycation_code',
			/got an object/,
		],
		[
			'a function code (its source was sent)',
			{ typificationCode: () => 1 },
			'fields.tipifycation_code',
			/got a function/,
		],
		[
			'an Invalid Date code (was sent as "null")',
			{ typificationCode: new Date(Number.NaN) },
			'fields.tipifycation_code',
			/got an invalid date/,
		],
		[
			'a NaN code (was sent as "NaN")',
			{ typificationCode: Number.NaN },
			'fields.tipifycation_code',
			/got NaN/,
		],
		[
			'an object holding a bigint (a TypeError)',
			{ typificationCode: { a: BigInt(1) } },
			'fields.tipifycation_code',
			/got an object/,
		],
		[
			'a boolean description',
			{ typificationDescription: false },
			'fields.tipifycation_desc',
			/got false/,
		],
		['a list as case file id', { caseFileId: ['a'] }, 'fields.wolkvox_idRecord', /got a list/],
		[
			'an invalid Luxon agent name (was sent as "null")',
			{ additionalFields: { agent_name: DateTime.invalid('x') } },
			'agent_name',
			/got an invalid date/,
		],
		[
			'a null-prototype agent name (was sent as "{}")',
			{ additionalFields: { agent_name: Object.create(null) } },
			'agent_name',
			/got an object/,
		],
		[
			'an invalid date',
			{ additionalFields: { date: new Date(Number.NaN) } },
			'date',
			/got an invalid date/,
		],
	])('refuses %s naming the field', (_label, change, field, message) => {
		const error = errorOf(change);
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
	});

	it('takes a Luxon DateTime as the interaction date', () => {
		expect(
			buildGestionBody(
				{
					caseFileId: 'abc',
					typificationCode: 'C',
					typificationDescription: 'D',
					additionalFields: { date: DateTime.fromISO('2026-11-23T15:30:00Z') },
				},
				'America/Bogota',
			).fields.date,
		).toBe('2026-11-23 10:30:00');
	});
});
