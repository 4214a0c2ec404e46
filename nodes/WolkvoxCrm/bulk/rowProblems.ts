/**
 * What is wrong with an input row or item, and the one RowError that lists all of it. Problems are recorded as
 * small objects while a row is read and only worded when the row fails, so valid rows cost no text.
 */
import {
	describeValue,
	EXPECTED_ID,
	EXPECTED_TEXT,
	isSafeNumber,
	UNSAFE_NUMBER_HINT,
} from '../helpers/coerce';
import {
	CASE_FILE_FIELDS,
	SHEET_ROW_NUMBER,
	type CaseFileField,
	type RowError,
	type RowLike,
} from './caseFileShape';

/** A field as problems name it: `field` as wolkvox names it (or its place in an item), `label` as messages show it. */
export interface FieldName {
	readonly field: string;
	readonly label: string;
}

/** The standard case-file fields as problems name them: `Email`, shown as `"Email"`. */
export const CASE_FILE_NAMES = Object.fromEntries(
	CASE_FILE_FIELDS.map((field) => [field, { field, label: `"${field}"` }]),
) as Readonly<Record<CaseFileField, FieldName>>;

export type ProblemKind =
	| 'unmapped'
	| 'missing'
	| 'absent'
	| 'invalid'
	| 'pair'
	| 'duplicate'
	| 'orphan'
	| 'custom'
	| 'name';

export interface Problem {
	kind: ProblemKind;
	/** Field as wolkvox names it, or the grouping column */
	field: string;
	/** Label in messages: `"Email"`, `obligation "total_balance"` */
	label: string;
	column?: string;
	value?: unknown;
	expected?: string;
	detail?: string;
}

function problemText(p: Problem): string {
	switch (p.kind) {
		case 'unmapped':
			return `${p.label} is required, but no column is mapped to it`;
		case 'missing':
			return `${p.label} is required, but column "${p.column}" is empty`;
		case 'absent':
			return `${p.label} is required, but it is missing or empty`;
		case 'pair':
			return `${p.label} is required when ${p.detail} is given, but column "${p.column}" is empty`;
		case 'duplicate':
			return `${p.label} ${describeValue(p.value)} ${p.detail}`;
		case 'orphan':
			return `obligation "id" and "name" are empty, but column "${p.column}" holds obligation data (${describeValue(p.value)}); fill in the obligation's id and name, or clear the row's obligation cells`;
		case 'custom':
			return `${p.label}${p.column !== undefined ? ` (column "${p.column}")` : ''} ${p.detail}`;
		case 'name':
			return p.column !== undefined
				? `column "${p.column}" cannot be sent as a custom field: the name "${p.column}" is not allowed (it is reserved by JavaScript); rename the column, or set Other Columns to Ignore Them`
				: `${p.label} is not allowed as a field name (it is reserved by JavaScript); rename it`;
		default:
			return `${p.label}${p.column !== undefined ? ` (column "${p.column}")` : ''} must be ${p.expected}, got ${describeValue(p.value)}${p.detail ? ` (${p.detail})` : ''}`;
	}
}

function sheetRowOf(row: unknown): string {
	const n = row && typeof row === 'object' ? (row as RowLike)[SHEET_ROW_NUMBER] : undefined;
	return typeof n === 'number' || (typeof n === 'string' && n.trim() !== '')
		? ` (sheet row ${String(n).trim()})`
		: '';
}

/** One error for a row (or item) and all its problems; the first problem gives `field` and `value`. */
export function toRowError(row: number, problems: readonly Problem[], source: unknown): RowError {
	const first = problems[0];
	const error: RowError = {
		row,
		field: first.field,
		message: `Item ${row}${sheetRowOf(source)}: ${problems.map(problemText).join('; ')}`,
	};
	if (first.value !== undefined) error.value = first.value;
	return error;
}

/** The error of an input that is not an object at all; `what` says what it should have been. */
export function notAnObjectError(
	row: number,
	field: string,
	what: string,
	value: unknown,
): RowError {
	return {
		row,
		field,
		message: `Item ${row}: must be ${what}, got ${describeValue(value)}`,
		value,
	};
}

/** The problem of a value read as an id or a text that could not be, with a hint for digits already lost. */
export function invalidTextProblem(
	kind: 'id' | 'text',
	name: FieldName,
	column: string | undefined,
	value: unknown,
): Problem {
	const problem: Problem = {
		kind: 'invalid',
		field: name.field,
		label: name.label,
		value,
		expected: kind === 'id' ? EXPECTED_ID : EXPECTED_TEXT,
	};
	if (column !== undefined) problem.column = column;
	if (typeof value === 'number' && Number.isFinite(value) && !isSafeNumber(value))
		problem.detail = UNSAFE_NUMBER_HINT;
	return problem;
}
