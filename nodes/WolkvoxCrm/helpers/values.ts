import { attempt, FAILED } from './attempt';
import { describeValue, textOf, textProblem } from './coerce';
import { FieldError } from './validation';

/** A JSON parameter arrives as text (typed in the editor) or as a value (from an expression). */
export function parseJsonParameter(value: unknown, field: string, expected: string): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	if (trimmed === '') return undefined;
	const parsed = attempt(() => JSON.parse(trimmed) as unknown);
	if (parsed === FAILED) throw new FieldError(field, `must be valid JSON (${expected})`);
	return parsed;
}

/**
 * A value where text is expected, from a parameter or an expression (which can resolve to anything): text as
 * it is (untrimmed), a finite number as its plain decimal text (`3001234567`, `1750.5`), nothing (undefined or
 * null) as ''. Everything else (booleans, objects, lists, dates valid or not, NaN, ±Infinity, whole numbers beyond
 * 2^53 - 1, functions, symbols, bigints) is a FieldError naming the field: sending `[object Object]`, `NaN` or
 * `Invalid Date` would store garbage in the CRM without a word.
 */
export function toText(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	const text = textOf(value);
	if (text === undefined) throw new FieldError(field, textProblem(value));
	return text;
}

/**
 * Keys that must never name a field: `__proto__` set on an object replaces its prototype instead of adding a
 * key (the value is lost, or worse), and `constructor`/`prototype` are read through the prototype by code that
 * looks a name up on a plain object. No wolkvox field is called so.
 */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenName(name: string): boolean {
	return FORBIDDEN_NAMES.has(name);
}

/** Refuses a user-chosen field name that is `__proto__`, `constructor` or `prototype`. */
export function assertAllowedName(name: string, field: string): void {
	if (isForbiddenName(name))
		throw new FieldError(
			field,
			`must not be "${name}": that name is not allowed for a field (it is reserved by JavaScript); rename it`,
			`Field name "${name}" is not allowed (${field})`,
		);
}

/** Refuses an object whose own keys (field names the user chose) include a forbidden name. */
export function assertAllowedKeys(object: object, field: string): void {
	for (const key of Object.keys(object)) {
		if (isForbiddenName(key))
			throw new FieldError(
				field,
				`must not hold a field named "${key}": that name is not allowed (it is reserved by JavaScript); rename it`,
				`Field name "${key}" is not allowed (${field})`,
			);
	}
}

const MAX_JSON_DEPTH = 64;

const JSON_KINDS = 'text, numbers, true/false, null, lists and objects';

/** The problem of a value at `path` (empty: the value itself). */
function notJson(path: string, value: unknown): string {
	if (typeof value === 'number')
		return path === ''
			? `must be a finite number, got ${describeValue(value)}`
			: `must not hold ${describeValue(value)} (at ${path})`;
	return path === ''
		? `must be text, a number, true/false, null, a list or an object, got ${describeValue(value)}`
		: `must hold only ${JSON_KINDS}, got ${describeValue(value)} (at ${path})`;
}

/**
 * Why a value the user hands over as JSON (a table, a relation, Raw JSON case files, custom fields) cannot be
 * sent as it is, or undefined when it can. JSON.stringify would turn NaN, ±Infinity, dates and Luxon DateTimes
 * into null or text the user never wrote, drop functions and symbols, and throw on bigints and cycles; a key
 * named `__proto__`, `constructor` or `prototype` is refused at any depth. A property whose value is undefined is
 * fine: JSON leaves it out, exactly like a missing one.
 */
export function jsonValueProblem(value: unknown): string | undefined {
	const ancestors: object[] = [];
	const walk = (v: unknown, path: string, depth: number): string | undefined => {
		if (v === null || typeof v === 'string' || typeof v === 'boolean') return undefined;
		if (typeof v === 'number') return Number.isFinite(v) ? undefined : notJson(path, v);
		if (typeof v !== 'object') return notJson(path, v);
		const where = path === '' ? '' : ` (at ${path})`;
		if (depth >= MAX_JSON_DEPTH) return `is nested more than ${MAX_JSON_DEPTH} levels deep${where}`;
		if (ancestors.includes(v)) return `refers to itself${where}`;
		ancestors.push(v);
		const problem = Array.isArray(v) ? walkList(v, path, depth) : walkObject(v, path, depth);
		ancestors.pop();
		return problem;
	};
	const walkList = (list: unknown[], path: string, depth: number): string | undefined => {
		for (let i = 0; i < list.length; i++) {
			const at = `${path}[${i}]`;
			// JSON writes a missing list element as null: refuse it rather than send a null nobody wrote.
			if (list[i] === undefined) return `must not hold empty list elements (at ${at})`;
			const problem = walk(list[i], at, depth + 1);
			if (problem !== undefined) return problem;
		}
		return undefined;
	};
	const walkObject = (object: object, path: string, depth: number): string | undefined => {
		// Dates, Maps, Luxon DateTimes and other objects with a JSON form of their own are not plain JSON. The tag
		// is read instead of the prototype so that objects made in another realm (a Code node's sandbox) pass.
		if (
			Object.prototype.toString.call(object) !== '[object Object]' ||
			typeof (object as { toJSON?: unknown }).toJSON === 'function'
		) {
			return notJson(path, object);
		}
		const record = object as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const at = path === '' ? key : `${path}.${key}`;
			if (isForbiddenName(key))
				return `must not hold a key named "${key}": that name is not allowed (it is reserved by JavaScript)${path === '' ? '' : ` (at ${path})`}`;
			const v = record[key];
			if (v === undefined) continue;
			const problem = walk(v, at, depth + 1);
			if (problem !== undefined) return problem;
		}
		return undefined;
	};
	return walk(value, '', 0);
}

/** Throws a FieldError naming the field when jsonValueProblem finds one. */
export function assertJsonValue(value: unknown, field: string): void {
	const problem = jsonValueProblem(value);
	if (problem !== undefined) throw new FieldError(field, problem);
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'si', 'sí', 'on', 'verdadero']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off', 'falso', '']);

/**
 * A switch value from a boolean parameter or an expression: sheets and AI agents hand over "true"/"sí"/1 as often
 * as a real boolean. Anything else is refused rather than silently sent as false.
 */
export function toBoolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === undefined || value === null) return false;
	if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
	if (typeof value === 'string') {
		const word = value.trim().toLowerCase();
		if (TRUE_WORDS.has(word)) return true;
		if (FALSE_WORDS.has(word)) return false;
	}
	throw new FieldError(field, `must be true or false, got ${describeValue(value)}`);
}
