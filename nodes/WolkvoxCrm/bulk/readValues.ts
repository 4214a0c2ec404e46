/**
 * One value of a row or item read as the bulk endpoint takes it: standard text fields, optional obligation
 * values (money, whole numbers, dates), custom fields. Shared by flat rows and items that already are case files,
 * so both coerce and word their problems the same way. These run for every cell of a portfolio: no regular
 * expressions, and nothing allocated for a valid value beyond the text sent.
 */
import {
	amountText,
	EXPECTED_AMOUNT,
	EXPECTED_INTEGER,
	integerText,
	textOrUndefined,
	trimText,
} from '../helpers/coerce';
import { dateOrFailure } from '../helpers/dates/calendarDate';
import { isDateFailure, type DateFailure } from '../helpers/dates/dateFailure';
import { expectedDate, type InputDateFormat } from '../helpers/dates/inputDateFormat';
import { formatDate } from '../helpers/dates/wolkvoxFormat';
import { jsonValueProblem } from '../helpers/values';
import type { ObligationKind, RowLike } from './caseFileShape';
import { invalidTextProblem, type FieldName, type Problem } from './rowProblems';

const hasOwn = (object: object, key: string): boolean =>
	Object.prototype.hasOwnProperty.call(object, key);

/** A row's own value for a key, never one every object inherits (for keys like `constructor` or `__proto__`). */
export function ownValue(row: RowLike, key: string): unknown {
	return hasOwn(row, key) ? row[key] : undefined;
}

/**
 * A row's cell. A column named like a property every object inherits (`constructor`, `toString`, `__proto__`)
 * would otherwise read that inherited function or object on rows that lack the column. Those are functions or
 * objects, so the own-property check only runs for such values and costs nothing on plain cells.
 */
export function cell(row: RowLike, column: string): unknown {
	const v = row[column];
	return (typeof v === 'function' || (typeof v === 'object' && v !== null)) && !hasOwn(row, column)
		? undefined
		: v;
}

/**
 * A standard text field (an id or a text): its trimmed text, or undefined with the problem recorded. Blank is a
 * problem only when the field is required; `column` is where the value came from, none for an item's own key.
 */
export function readText(
	value: unknown,
	kind: 'id' | 'text',
	required: boolean,
	name: FieldName,
	column: string | undefined,
	problems: Problem[],
): string | undefined {
	if (typeof value === 'string') {
		const text = trimText(value);
		if (text !== '') return text;
	} else if (value !== undefined && value !== null) {
		const text = textOrUndefined(value);
		if (text === undefined) problems.push(invalidTextProblem(kind, name, column, value));
		return text;
	}
	if (required) {
		problems.push(
			column === undefined
				? { kind: 'absent', field: name.field, label: name.label }
				: { kind: 'missing', field: name.field, label: name.label, column },
		);
	}
	return undefined;
}

/** How an optional obligation value is read: its field, its kind and where it came from. */
export interface ObligationValuePlan extends FieldName {
	readonly kind: ObligationKind;
	/** The column it is read from; none for items that already are case files */
	readonly column?: string;
}

/** Dates already read, by the text or sheet serial they were written as. */
export type DateCache = Map<string | number, string | DateFailure>;

/**
 * An optional obligation value (not blank) coerced to the text wolkvox takes; undefined with the problem
 * recorded when it cannot be.
 */
export function readObligationValue(
	v: unknown,
	plan: ObligationValuePlan,
	format: InputDateFormat,
	dateCache: DateCache,
	problems: Problem[],
): string | undefined {
	let expected: string;
	let detail: string | undefined;
	switch (plan.kind) {
		case 'money': {
			const amount = amountText(v);
			if (amount !== undefined) return amount;
			expected = EXPECTED_AMOUNT;
			break;
		}
		case 'integer': {
			const days = integerText(v);
			if (days !== undefined) return days;
			expected = EXPECTED_INTEGER;
			break;
		}
		case 'date': {
			// Portfolios repeat a few hundred dates over many rows: parse each distinct text or serial number once.
			const cacheable = typeof v === 'string' || typeof v === 'number';
			let entry = cacheable ? dateCache.get(v as string | number) : undefined;
			if (entry === undefined) {
				const parsed = dateOrFailure(v, format);
				entry = isDateFailure(parsed) ? parsed : formatDate(parsed);
				if (cacheable) dateCache.set(v as string | number, entry);
			}
			if (typeof entry === 'string') return entry;
			expected = expectedDate(format);
			detail = entry.hint;
			break;
		}
		default: {
			const text = textOrUndefined(v);
			if (text === undefined)
				problems.push(invalidTextProblem(plan.kind === 'id' ? 'id' : 'text', plan, plan.column, v));
			return text;
		}
	}
	const problem: Problem = {
		kind: 'invalid',
		field: plan.field,
		label: plan.label,
		column: plan.column,
		value: v,
		expected,
	};
	if (detail !== undefined) problem.detail = detail;
	problems.push(problem);
	return undefined;
}

/** A custom field's value: text trimmed, everything else as given. Undefined when blank. */
export function customValue(v: unknown): unknown {
	if (typeof v === 'string') {
		const t = trimText(v);
		return t === '' ? undefined : t;
	}
	return v === null ? undefined : v;
}

/**
 * Why a custom field's value cannot be sent as it is (NaN, a date, a function… see jsonValueProblem), or
 * undefined. Text, true/false and blanks, the usual cells, are answered without a walk.
 */
export function customProblem(v: unknown): string | undefined {
	if (typeof v === 'string' || typeof v === 'boolean' || v === undefined || v === null)
		return undefined;
	return jsonValueProblem(v);
}
