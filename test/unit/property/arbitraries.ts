/**
 * Shared generators and checks for the property-based tests: values an n8n expression can resolve to (valid
 * ones mixed with hostile ones) and what every request body must satisfy.
 */
import { isDeepStrictEqual } from 'node:util';

import * as fc from 'fast-check';
import { DateTime } from 'luxon';

import { CoercionError } from '../../../nodes/WolkvoxCrm/helpers/coerce';
import { FieldError } from '../../../nodes/WolkvoxCrm/helpers/validation';

/** Runs per property, as the brief asks; FC_RUNS lowers it for a quick local loop. */
export const NUM_RUNS = Number(process.env.FC_RUNS ?? 10_000);

export const FORBIDDEN_NAMES = ['__proto__', 'constructor', 'prototype'];

/** Strings that betray a value turned into text the wrong way. */
export const MARKERS = ['[object Object]', 'Invalid Date', 'Invalid DateTime', 'NaN'];

// ---------------------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------------------

/** Text as users type it: unicode, whitespace, reserved names, markers written on purpose, numbers as text. */
export const text: fc.Arbitrary<string> = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 16 }),
	fc.string({ unit: 'binary', maxLength: 8 }),
	fc.constantFrom(
		'Ana Pérez',
		'  padded  ',
		'',
		' ',
		'\t\n',
		'\u00a0x\u3000',
		'__proto__',
		'constructor',
		'prototype',
		'toString',
		'[object Object]',
		'NaN',
		'Invalid Date',
		'0012345',
		'+57 300 123 4567',
		'1.234.567,89',
		'$ 1.500',
		'true',
		'sí',
		'😀 emoji',
	),
);

/** Text that is never blank, for the required fields of the valid share of the inputs. */
export const filledText: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom(
		'Ana Pérez',
		'PP01',
		'cases',
		'ADMIN_@mymodule',
		'64dcf0a1b2c3d4e5f6a7b8c9',
		'0012345',
	),
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
);

export const finiteNumber: fc.Arbitrary<number> = fc.oneof(
	fc.integer(),
	fc.maxSafeInteger(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.constantFrom(
		0,
		-0,
		1e-7,
		1750.5,
		3001234567,
		Number.MAX_SAFE_INTEGER,
		-Number.MAX_SAFE_INTEGER,
		Number.EPSILON,
		Number.MIN_VALUE,
		0.1 + 0.2,
	),
);

/** Whole numbers past 2^53 - 1: their digits are gone before we see them. */
export const hugeNumber: fc.Arbitrary<number> = fc.oneof(
	fc.constantFrom(2 ** 53, 2 ** 60, 1e21, -1e21, Number.MAX_VALUE, -Number.MAX_VALUE),
	fc.double({ min: 2 ** 53, max: Number.MAX_VALUE, noNaN: true }),
);

const luxonZone = fc.constantFrom('UTC', 'America/Bogota', 'Asia/Kolkata', 'Pacific/Chatham');

/** Valid instants with four-digit years, as JS Dates. */
export const validDate: fc.Arbitrary<Date> = fc.date({
	min: new Date('1000-01-02T00:00:00Z'),
	max: new Date('9999-12-30T00:00:00Z'),
	noInvalidDate: true,
});

export const luxonValid: fc.Arbitrary<DateTime> = fc
	.tuple(validDate, luxonZone)
	.map(([d, zone]) => DateTime.fromJSDate(d, { zone }));

export const luxonInvalid: fc.Arbitrary<DateTime> = fc
	.constantFrom('unparsable', 'out of range', 'generated')
	.map((reason) => DateTime.invalid(reason));

/** `new Date(NaN)`, fresh each time */
export const invalidDate: fc.Arbitrary<Date> = fc.constant(null).map(() => new Date(Number.NaN));

/** Objects whose own keys include a reserved name, as JSON.parse and Object.fromEntries make them. */
export const reservedKeyObject: fc.Arbitrary<Record<string, unknown>> = fc
	.tuple(fc.constantFrom(...FORBIDDEN_NAMES), fc.jsonValue({ maxDepth: 1 }), fc.boolean())
	.map(([key, value, nested]) => {
		const inner = Object.fromEntries([[key, value]]) as Record<string, unknown>;
		return nested ? { ok: 'x', inner } : inner;
	});

const functions: fc.Arbitrary<unknown> = fc.constantFrom(
	() => 1,
	function named() {
		return 'x';
	},
	class Thing {},
	Math.max,
);

/**
 * What an expression can resolve to besides text: objects, lists, dates valid and not, Luxon DateTimes valid and
 * not, NaN, ±Infinity, huge and ordinary numbers, booleans, functions, symbols, bigints, boxed values, Maps,
 * null-prototype objects, and objects with reserved keys.
 */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
	fc.anything({
		maxDepth: 2,
		maxKeys: 4,
		withBigInt: true,
		withDate: true,
		withNullPrototype: true,
		withMap: true,
		withSet: true,
		withBoxedValues: true,
		withTypedArray: true,
		withSparseArray: true,
		stringUnit: 'grapheme',
	}),
	invalidDate,
	fc.date(),
	luxonInvalid,
	luxonValid,
	functions,
	fc.string().map((s) => Symbol(s)),
	fc.bigInt(),
	fc.constantFrom(Number.NaN, Infinity, -Infinity),
	hugeNumber,
	fc.boolean(),
	fc.constantFrom(null, undefined),
	fc.object({ maxDepth: 1, maxKeys: 3 }),
	fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
	fc.constant(null).map(() => Object.create(null) as object),
	reservedKeyObject,
);

/** Mostly the valid value, sometimes a number, sometimes anything at all. */
export function loose<T>(valid: fc.Arbitrary<T>, validWeight = 12): fc.Arbitrary<unknown> {
	return fc.oneof(
		{ arbitrary: valid, weight: validWeight },
		{ arbitrary: finiteNumber, weight: 1 },
		{ arbitrary: hostile, weight: 2 },
	);
}

/** Dates and date-times as users hand them over, valid or not. */
export const dateInput: fc.Arbitrary<unknown> = fc.oneof(
	{ arbitrary: validDate.map((d) => d.toISOString()), weight: 3 },
	{ arbitrary: validDate.map((d) => d.toISOString().slice(0, 19)), weight: 2 },
	{ arbitrary: validDate.map((d) => d.toISOString().slice(0, 19).replace('T', ' ')), weight: 2 },
	{ arbitrary: validDate.map((d) => d.toISOString().slice(0, 10)), weight: 2 },
	{
		arbitrary: fc
			.tuple(validDate, fc.constantFrom('+05:30', '-0500', 'Z', '+14:00', '+99:00', '-12'))
			.map(([d, offset]) => d.toISOString().slice(0, 19) + offset),
		weight: 1,
	},
	{
		arbitrary: validDate.map((d) => {
			const [y, m, day] = d.toISOString().slice(0, 10).split('-');
			return `${day}/${m}/${y}`;
		}),
		weight: 1,
	},
	{ arbitrary: validDate, weight: 2 },
	{ arbitrary: luxonValid, weight: 2 },
	{
		arbitrary: fc.constantFrom(
			'0050-01-01',
			'0050-01-01T00:00:00Z',
			'2025-02-30',
			'2026-11-24T24:00:00',
			'31/31/2026',
			'yesterday',
			45658,
			20250203,
			'45658',
		),
		weight: 1,
	},
	{ arbitrary: fc.date(), weight: 1 },
	{ arbitrary: invalidDate, weight: 1 },
	{ arbitrary: luxonInvalid, weight: 1 },
	{ arbitrary: hostile, weight: 1 },
);

/** Amounts as sheets write them, valid or not. */
export const amountInput: fc.Arbitrary<unknown> = fc.oneof(
	{
		arbitrary: fc.constantFrom(
			'1.234.567,89',
			'1,234,567.89',
			'$ 1.500',
			'COP 2.000',
			'(1.500)',
			'-1.234,00',
			'12 345,6',
			'1750905',
			'0',
			`1${'0'.repeat(400)}`,
			'mucho',
			'12a',
		),
		weight: 4,
	},
	{ arbitrary: finiteNumber, weight: 3 },
	{ arbitrary: hostile, weight: 1 },
);

/** Whole numbers as sheets write them, valid or not. */
export const integerInput: fc.Arbitrary<unknown> = fc.oneof(
	{ arbitrary: fc.integer({ min: -1000, max: 100000 }), weight: 3 },
	{ arbitrary: fc.constantFrom('33', '33.0', '1.200', ' 7 ', '-5', '3.5', 'x'), weight: 3 },
	{ arbitrary: hostile, weight: 1 },
);

// ---------------------------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------------------------

/** Every string reachable from the inputs (keys, nested values, JSON text parsed), for the marker check. */
export function inputStrings(value: unknown): string[] {
	const out: string[] = [];
	const seen = new Set<unknown>();
	const walk = (v: unknown, depth: number): void => {
		if (depth > 8) return;
		if (typeof v === 'string') {
			out.push(v);
			if (/^\s*[[{"]/.test(v)) {
				try {
					walk(JSON.parse(v) as unknown, depth + 1);
				} catch {
					// not JSON text
				}
			}
			return;
		}
		if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return;
		seen.add(v);
		if (v instanceof String) out.push(v.valueOf());
		if (v instanceof Map) for (const entry of v) walk(entry, depth + 1);
		if (v instanceof Set) for (const x of v) walk(x, depth + 1);
		for (const key of Object.keys(v)) {
			out.push(key);
			walk((v as Record<string, unknown>)[key], depth + 1);
		}
	};
	walk(value, 0);
	return out;
}

/** Copy without the properties whose value is undefined, which JSON leaves out as if absent; -0 is 0 in JSON. */
function withoutUndefined(value: unknown): unknown {
	if (Object.is(value, -0)) return 0;
	if (Array.isArray(value)) return value.map(withoutUndefined);
	if (value === null || typeof value !== 'object' || !isPlainRecord(value)) return value;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		const v = (value as Record<string, unknown>)[key];
		if (v !== undefined) out[key] = withoutUndefined(v);
	}
	return out;
}

function isPlainRecord(value: object): boolean {
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === Object.prototype || proto === null;
}

/**
 * What every body that leaves the node must satisfy, whatever the endpoint: JSON writes it back exactly (no NaN
 * turned null, no date turned text, nothing dropped, no bigint or cycle to throw on), no object anywhere has an
 * own key __proto__/constructor/prototype or a prototype other than Object's, and no string carries a marker of
 * a value turned into text the wrong way unless the user's own input (any string reachable from it) did.
 * Returns the body as sent (parsed back from its JSON) for the endpoint's own rules.
 */
export function assertSendable(body: unknown, input: unknown): unknown {
	let strings: string[] | undefined;
	const inputHas = (marker: string) =>
		(strings ??= inputStrings(input)).some((s) => s.includes(marker));
	const wire = JSON.stringify(body);
	const back = JSON.parse(wire) as unknown;
	if (!isDeepStrictEqual(back, withoutUndefined(body)))
		throw new Error(`the body changes when written as JSON: ${wire}`);
	const walk = (v: unknown, path: string): void => {
		if (typeof v === 'string') {
			for (const marker of MARKERS)
				if (v.includes(marker) && !inputHas(marker))
					throw new Error(`${path} holds "${marker}", which no input did: ${JSON.stringify(v)}`);
			return;
		}
		if (v === null || typeof v !== 'object') return;
		if (!Array.isArray(v) && !isPlainRecord(v))
			throw new Error(`${path} is not a plain object (its prototype was replaced?)`);
		for (const key of Object.keys(v)) {
			if (FORBIDDEN_NAMES.includes(key)) throw new Error(`${path} has an own key "${key}"`);
			walk(key, `${path} key`);
			walk((v as Record<string, unknown>)[key], `${path}.${key}`);
		}
	};
	walk(body, 'body');
	return back;
}

/** A refusal that tells the user which field: a FieldError with a non-empty field. */
export function isNamedRefusal(error: unknown): boolean {
	return (
		error instanceof FieldError &&
		typeof error.field === 'string' &&
		error.field.trim() !== '' &&
		typeof error.expected === 'string' &&
		error.expected !== ''
	);
}

export type Outcome = 'built' | 'refused';

/**
 * Runs a builder: 'built' when it returns a body that passes `check`, 'refused' when it throws a FieldError naming
 * a field; anything else (a TypeError, a CoercionError without a field, a bad body) fails the property.
 */
export function outcomeOf(build: () => unknown, check: (body: unknown) => void): Outcome {
	let body: unknown;
	try {
		body = build();
	} catch (error) {
		if (isNamedRefusal(error)) return 'refused';
		if (error instanceof CoercionError)
			throw new Error(`a CoercionError without a field escaped: ${error.message}`);
		throw error;
	}
	check(body);
	return 'built';
}

/** Counts outcomes so a test can require that both kinds were exercised. */
export class Tally {
	built = 0;

	refused = 0;

	add(outcome: Outcome): true {
		this[outcome]++;
		return true;
	}
}
