import { DateTime } from 'luxon';

import {
	assertAllowedKeys,
	assertAllowedName,
	jsonValueProblem,
	toBoolean,
	toText,
} from '../../../nodes/WolkvoxCrm/helpers/values';
import { fieldError } from '../fieldError';

describe('toText: a value where text is expected', () => {
	it('keeps text as it is and writes finite numbers as plain decimal text', () => {
		expect(toText(' Ana ', 'Name')).toBe(' Ana ');
		expect(toText(3001234567, 'Name')).toBe('3001234567');
		expect(toText(1750.5, 'Name')).toBe('1750.5');
		expect(toText(-0, 'Name')).toBe('0');
		expect(toText(1e-7, 'Name')).toBe('0.0000001');
		expect(toText(Number.MAX_SAFE_INTEGER, 'Name')).toBe('9007199254740991');
	});

	it('answers empty text for nothing', () => {
		expect(toText(undefined, 'Name')).toBe('');
		expect(toText(null, 'Name')).toBe('');
	});

	it.each<[string, unknown, string]>([
		['an object', { a: 1 }, 'must be text, got an object'],
		['a null-prototype object', Object.create(null), 'must be text, got an object'],
		['a list', [1], 'must be text, got a list'],
		['an Invalid Date', new Date(Number.NaN), 'must be text, got an invalid date'],
		[
			'a valid Date',
			new Date('2025-02-03T00:00:00Z'),
			'must be text, got 2025-02-03T00:00:00.000Z',
		],
		['an invalid Luxon DateTime', DateTime.invalid('broken'), 'must be text, got an invalid date'],
		['a Luxon DateTime', DateTime.fromISO('2025-02-03'), 'must be text, got a date-time'],
		['NaN', Number.NaN, 'must be text, got NaN'],
		['Infinity', Infinity, 'must be text, got Infinity'],
		['-Infinity', -Infinity, 'must be text, got -Infinity'],
		['a function', () => 1, 'must be text, got a function'],
		['a symbol', Symbol('s'), 'must be text, got a symbol'],
		['a bigint', BigInt(5), 'must be text, got 5n'],
		['true', true, 'must be text, got true'],
		[
			'a whole number beyond 2^53 - 1',
			2 ** 53,
			'must be text, got the number 9007199254740992 (numbers above 9007199254740991 have already lost their last digits; send it as text)',
		],
	])('refuses %s with a FieldError naming the field', (_label, value, expected) => {
		const error = fieldError(() => toText(value, 'Name'));
		expect(error.field).toBe('Name');
		expect(error.expected).toBe(expected);
	});
});

describe('field names reserved by JavaScript', () => {
	it.each(['__proto__', 'constructor', 'prototype'])('refuses %s', (name) => {
		expect(fieldError(() => assertAllowedName(name, 'Field Name')).message).toBe(
			`Field name "${name}" is not allowed (Field Name)`,
		);
		const keys = JSON.parse(`{"ok": 1, "${name}": 2}`) as object;
		expect(fieldError(() => assertAllowedKeys(keys, 'fields')).message).toBe(
			`Field name "${name}" is not allowed (fields)`,
		);
	});

	it('lets other names through, similar ones included', () => {
		for (const name of ['proto', '__proto', 'Constructor', 'prototypes', 'toString', ' __proto__'])
			expect(() => assertAllowedName(name, 'Field Name')).not.toThrow();
	});
});

describe('jsonValueProblem', () => {
	it('accepts what JSON writes back as it is', () => {
		expect(
			jsonValueProblem({ a: [1, 'x', true, null, { b: -2.5 }], c: undefined }),
		).toBeUndefined();
		expect(jsonValueProblem(Object.assign(Object.create(null), { a: 1 }))).toBeUndefined();
		const shared = { a: 1 };
		expect(jsonValueProblem([shared, shared])).toBeUndefined();
	});

	it.each<[unknown, string]>([
		[Number.NaN, 'must be a finite number, got NaN'],
		[{ a: { b: [Infinity] } }, 'must not hold Infinity (at a.b[0])'],
		[
			{ d: new Date(0) },
			'must hold only text, numbers, true/false, null, lists and objects, got 1970-01-01T00:00:00.000Z (at d)',
		],
		[
			{ d: DateTime.invalid('x') },
			'must hold only text, numbers, true/false, null, lists and objects, got an invalid date (at d)',
		],
		[
			{ m: new Map() },
			'must hold only text, numbers, true/false, null, lists and objects, got an object (at m)',
		],
		[
			[() => 1],
			'must hold only text, numbers, true/false, null, lists and objects, got a function (at [0])',
		],
		[
			{ s: Symbol('s') },
			'must hold only text, numbers, true/false, null, lists and objects, got a symbol (at s)',
		],
		[
			{ n: BigInt(1) },
			'must hold only text, numbers, true/false, null, lists and objects, got 1n (at n)',
		],
		[[1, undefined], 'must not hold empty list elements (at [1])'],
		[
			JSON.parse('{"a": {"__proto__": 1}}'),
			'must not hold a key named "__proto__": that name is not allowed (it is reserved by JavaScript) (at a)',
		],
		[
			{ constructor: 1 },
			'must not hold a key named "constructor": that name is not allowed (it is reserved by JavaScript)',
		],
	])('refuses %p', (value, problem) => {
		expect(jsonValueProblem(value)).toBe(problem);
	});

	it('refuses cycles and very deep nesting instead of overflowing the stack', () => {
		const cycle: Record<string, unknown> = {};
		cycle.self = { again: cycle };
		expect(jsonValueProblem(cycle)).toBe('refers to itself (at self.again)');
		let deep: unknown = 1;
		for (let i = 0; i < 100_000; i++) deep = [deep];
		expect(jsonValueProblem(deep)).toMatch(/^is nested more than 64 levels deep/);
	});
});

describe('toBoolean', () => {
	it('describes any refused value without a TypeError', () => {
		expect(fieldError(() => toBoolean(Object.create(null), 'remember')).expected).toBe(
			'must be true or false, got an object',
		);
		expect(fieldError(() => toBoolean(Symbol('s'), 'remember')).expected).toBe(
			'must be true or false, got a symbol',
		);
	});
});
