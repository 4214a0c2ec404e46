import { DateTime } from 'luxon';

import {
	buildObligationBody,
	buildObligationUpdateBody,
	type ObligationCreateParams,
} from '../../../../nodes/WolkvoxCrm/actions/obligation/buildObligationBody';
import { fieldError, fieldOf } from '../../fieldError';

const ID = '64dcf0a1b2c3d4e5f6a7b8c9';

const base: ObligationCreateParams = {
	caseFileId: '64dcf0a1b2c3d4e5f6a7b8c9',
	obligationId: '0001234',
	obligationName: 'Invoice 12345 – Pending Payment',
};

describe('buildObligationBody', () => {
	it('sends every documented field as a string, with custom fields as "form"', () => {
		const body = buildObligationBody({
			...base,
			totalBalance: '1.234.567,89',
			portfolioType: 'VIP Client',
			lastPay: 2000,
			lastPayDate: '2023-06-06T00:00:00',
			expiringDate: '2023-07-07',
			daysDelay: 90,
			customFields: [
				{ name: 'Titulation', value: 'titulation value' },
				{ name: 'Frequency', value: 'Frequented' },
			],
		});
		expect(body).toEqual({
			wolkvox_id: '64dcf0a1b2c3d4e5f6a7b8c9',
			fields: {
				id: '0001234',
				name: 'Invoice 12345 – Pending Payment',
				total_balance: '1234567.89',
				portfolio_type: 'VIP Client',
				last_pay: '2000',
				last_pay_date: '2023-06-06',
				expiring_date: '2023-07-07',
				days_delay: '90',
				form: [
					{ name: 'Titulation', value: 'titulation value' },
					{ name: 'Frequency', value: 'Frequented' },
				],
			},
		});
	});

	it("writes dates day first when asked (the seed's 06-06-2023 style)", () => {
		const body = buildObligationBody({
			...base,
			lastPayDate: '2023-06-05',
			expiringDate: '2023-07-31',
			dateFormat: 'DD-MM-YYYY',
		});
		expect(body.fields.last_pay_date).toBe('05-06-2023');
		expect(body.fields.expiring_date).toBe('31-07-2023');
	});

	it('omits blank optional fields and keeps the leading zeros of ids', () => {
		const body = buildObligationBody({
			...base,
			totalBalance: '',
			lastPay: null,
			portfolioType: '  ',
			customFields: [],
		});
		expect(body).toEqual({
			wolkvox_id: base.caseFileId,
			fields: { id: '0001234', name: base.obligationName },
		});
	});

	it.each([
		[{ caseFileId: '' }, /^wolkvox_id: must not be empty/],
		[{ obligationId: '' }, /^fields\.id/],
		[{ obligationName: undefined }, /^fields\.name/],
		[{ totalBalance: 'mucho' }, /^total_balance: must be an amount/],
		[{ lastPay: '12a' }, /^last_pay: must be an amount/],
		[{ daysDelay: '3.5' }, /^days_delay: must be a whole number/],
		[{ expiringDate: '2023-02-30' }, /^expiring_date: must be a date/],
		[{ lastPayDate: 'ayer' }, /^last_pay_date: must be a date/],
		[{ customFields: [{ name: '', value: 'x' }] }, /^form\[0\]\.name/],
	])('rejects %j naming the field', (change, expected) => {
		expect(fieldOf(() => buildObligationBody({ ...base, ...change }))).toMatch(expected);
	});
});

describe('buildObligationBody: values an expression resolved to', () => {
	it.each<[string, Partial<ObligationCreateParams>, RegExp]>([
		[
			'an object name (was sent as "[object Object]")',
			{ obligationName: { a: 1 } },
			/^fields\.name: must be text, got an object/,
		],
		[
			'an Invalid Date name (was sent as "Invalid Date")',
			{ obligationName: new Date(Number.NaN) },
			/^fields\.name: must be text, got an invalid date/,
		],
		[
			'a function name (its source was sent)',
			{ obligationName: () => 1 },
			/^fields\.name: must be text, got a function/,
		],
		[
			'a boolean name (was sent as "true")',
			{ obligationName: true },
			/^fields\.name: must be text, got true/,
		],
		[
			'an object id (a CoercionError without the field)',
			{ obligationId: { a: 1 } },
			/^fields\.id: must be text, got an object/,
		],
		[
			'an id above 2^53 (sent with its last digits changed)',
			{ obligationId: 2 ** 60 },
			/^fields\.id: .*send it as text/,
		],
		[
			'a list as case file id (was sent as "1,2")',
			{ caseFileId: [1, 2] },
			/^wolkvox_id: must be text, got a list/,
		],
		[
			'NaN as portfolio type (was sent as "NaN")',
			{ portfolioType: Number.NaN },
			/^portfolio_type: must be text, got NaN/,
		],
		[
			'a custom field list that is no list (a TypeError)',
			{ customFields: 'x' },
			/^form: must be a list/,
		],
		[
			'a custom field that is no object',
			{ customFields: [null] },
			/^form\[0\]: must be a custom field/,
		],
		[
			'a bigint custom value (JSON.stringify threw a TypeError)',
			{ customFields: [{ name: 'x', value: BigInt(5) }] },
			/^form\[0\]\.value: must be text, got 5n/,
		],
		[
			'a NaN custom value (was sent as "null")',
			{ customFields: [{ name: 'x', value: Number.NaN }] },
			/^form\[0\]\.value: must be text, got NaN/,
		],
		[
			'an Invalid Date custom value (was sent as "null")',
			{ customFields: [{ name: 'x', value: new Date(Number.NaN) }] },
			/^form\[0\]\.value: must be text, got an invalid date/,
		],
		[
			'an object custom field name',
			{ customFields: [{ name: { a: 1 }, value: 'x' }] },
			/^form\[0\]\.name: must be text/,
		],
		[
			'an amount too long for a number',
			{ totalBalance: `1${'0'.repeat(400)}`, lastPay: Infinity },
			/^last_pay: must be an amount/,
		],
		[
			'a date with a year before 1000',
			{ expiringDate: '0050-01-01' },
			/^expiring_date: must be a date .*no such date/,
		],
		[
			'an invalid Luxon date',
			{ lastPayDate: DateTime.invalid('x') },
			/^last_pay_date: must be a date .*got an invalid date/,
		],
	])('refuses %s naming the field', (_label, change, expected) => {
		expect(fieldOf(() => buildObligationBody({ ...base, ...change }))).toMatch(expected);
	});

	it.each(['__proto__', 'constructor', 'prototype'])('refuses the custom field name %s', (name) => {
		expect(
			fieldOf(() => buildObligationBody({ ...base, customFields: [{ name, value: 'x' }] })),
		).toBe(
			`form[0].name: must not be "${name}": that name is not allowed for a field (it is reserved by JavaScript); rename it`,
		);
	});

	it('takes numbers as text, a number as custom field name, and keeps every digit of a long amount', () => {
		const body = buildObligationBody({
			...base,
			caseFileId: 12345,
			obligationId: 7,
			obligationName: 2024,
			totalBalance: '12.345.678.901.234.567,25',
			customFields: [{ name: 5, value: 1750.5 }],
		});
		expect(body).toEqual({
			wolkvox_id: '12345',
			fields: {
				id: '7',
				name: '2024',
				total_balance: '12345678901234567.25',
				form: [{ name: '5', value: '1750.5' }],
			},
		});
	});

	it('takes valid Dates and Luxon DateTimes as dates', () => {
		const body = buildObligationBody({
			...base,
			lastPayDate: new Date('2023-06-06T00:00:00Z'),
			expiringDate: DateTime.fromISO('2023-07-07T10:00:00'),
		});
		expect(body.fields.last_pay_date).toBe('2023-06-06');
		expect(body.fields.expiring_date).toBe('2023-07-07');
	});
});

describe('buildObligationUpdateBody', () => {
	it('sends the obligation id and only the fields given; the name only when it changes', () => {
		expect(
			buildObligationUpdateBody({
				caseFileId: ID,
				obligationId: '007',
				obligationName: '',
				totalBalance: '1.200.000,50',
				lastPay: 300000,
				lastPayDate: '2026-12-01',
			}),
		).toEqual({
			wolkvox_id: ID,
			fields: {
				id: '007',
				total_balance: '1200000.5',
				last_pay: '300000',
				last_pay_date: '2026-12-01',
			},
		});
		expect(
			buildObligationUpdateBody({ caseFileId: ID, obligationId: '007', obligationName: 'Loan' })
				.fields.name,
		).toBe('Loan');
	});

	it('still needs the case file and the obligation id', () => {
		expect(
			fieldError(() =>
				buildObligationUpdateBody({ caseFileId: ID, obligationId: ' ', obligationName: '' }),
			).field,
		).toBe('fields.id');
		expect(
			fieldError(() =>
				buildObligationUpdateBody({ caseFileId: '', obligationId: '1', obligationName: '' }),
			).field,
		).toBe('wolkvox_id');
	});
});
