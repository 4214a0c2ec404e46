import {
	CASE_FILE_FIELDS,
	OBLIGATION_FIELDS,
	type BulkMapping,
	type CaseFileField,
	type ObligationField,
} from './caseFiles';
import { describeValue, textOf } from './coerce';
import { FieldError } from './validation';

const FIELD = 'Column Mapping';

const CASE_FILE_SET: ReadonlySet<string> = new Set(CASE_FILE_FIELDS);
const OBLIGATION_SET: ReadonlySet<string> = new Set(OBLIGATION_FIELDS);

const KNOWN_FIELDS = [
	...CASE_FILE_FIELDS.map((f) => `caseFile.${f}`),
	...OBLIGATION_FIELDS.map((f) => `obligation.${f}`),
].join(', ');

function isBlankColumn(column: unknown): boolean {
	return (
		column === undefined || column === null || (typeof column === 'string' && column.trim() === '')
	);
}

/**
 * The "Column Mapping" parameter (`mapping.column`: a list of `{field: 'caseFile.Name' | 'obligation.id' | …,
 * column: '<column name>'}`) as a BulkMapping. An entry whose column is blank is skipped (a row the user has not
 * filled in yet); a later entry for the same field wins. Anything else of an unexpected shape (an expression can
 * make this parameter any value) is a FieldError for "Column Mapping" saying which entry and why, instead of a
 * TypeError or a mapping that silently leaves a field out. An absent parameter maps nothing.
 */
export function parseColumnMapping(raw: unknown): BulkMapping {
	const mapping: BulkMapping = { caseFile: {}, obligation: {} };
	if (raw === undefined) return mapping;
	if (!Array.isArray(raw)) {
		throw new FieldError(
			FIELD,
			`must be a list of entries like {"field": "caseFile.Identification", "column": "cedula"}, got ${describeValue(raw)}`,
		);
	}
	for (let i = 0; i < raw.length; i++) {
		const entry: unknown = raw[i];
		const at = `entry ${i + 1}`;
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			throw new FieldError(
				FIELD,
				`${at} must be {"field": …, "column": …}, got ${describeValue(entry)}`,
			);
		}
		const { field, column } = entry as { field?: unknown; column?: unknown };
		if (isBlankColumn(column)) continue;
		const dot = typeof field === 'string' ? field.indexOf('.') : -1;
		const group = dot > 0 ? (field as string).slice(0, dot) : '';
		const name = dot > 0 ? (field as string).slice(dot + 1) : '';
		const known =
			(group === 'caseFile' && CASE_FILE_SET.has(name)) ||
			(group === 'obligation' && OBLIGATION_SET.has(name));
		if (!known) {
			throw new FieldError(
				FIELD,
				`${at} has the unknown field ${describeValue(field)}; use one of ${KNOWN_FIELDS}`,
			);
		}
		// A column named 2024 reaches us as a number: that is its name, as text.
		const text = textOf(column);
		if (text === undefined) {
			throw new FieldError(
				FIELD,
				`${at} ("${field as string}") must name its column as text, got ${describeValue(column)}`,
			);
		}
		if (group === 'caseFile') mapping.caseFile[name as CaseFileField] = text.trim();
		else mapping.obligation[name as ObligationField] = text.trim();
	}
	return mapping;
}
