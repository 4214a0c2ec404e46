/**
 * Which column of the input rows feeds which field of a case file or obligation: the Column Mapping parameter
 * as the user filled it in, columns matched by their header for the fields left out, and the problems that make
 * a mapping unusable for every row.
 */
import { describeValue, isBlank, textOf } from '../helpers/coerce';
import { FieldError } from '../helpers/validation';
import {
	CASE_FILE_FIELDS,
	OBLIGATION_FIELDS,
	REQUIRED_CASE_FILE_FIELDS,
	type CaseFileField,
	type ObligationField,
} from './caseFileShape';
import {
	CASE_FILE_SYNONYMS,
	lookalikesOf,
	normalizeHeader,
	OBLIGATION_SYNONYMS,
} from './headerMatching';

/** Which column feeds which field; a field left out is matched automatically by column name. */
export interface BulkMapping {
	caseFile: Partial<Record<CaseFileField, string>>;
	obligation: Partial<Record<ObligationField, string>>;
}

/** Where columns that feed no standard field go. */
export type ExtraColumns = 'caseFile' | 'obligation' | 'drop';

export interface ResolvedMapping {
	caseFile: Partial<Record<CaseFileField, string>>;
	obligation: Partial<Record<ObligationField, string>>;
	/** Fields matched by column name rather than set by the user, as `caseFile.Name` / `obligation.id` */
	automatic: string[];
	/** Columns that feed no standard field, in input order */
	extraColumns: string[];
	/** Columns the user mapped that no input row holds (a typo, most likely) */
	missingColumns: string[];
	/** Required fields no column feeds: every row will fail on them */
	unmappedRequired: string[];
	/** Columns that feed nothing although their header resembles a field no column feeds: a likely miss */
	lookalikes: Array<{ column: string; resembles: string }>;
}

// ---------------------------------------------------------------------------------------------------------------
// The Column Mapping parameter
// ---------------------------------------------------------------------------------------------------------------

const PARAMETER = 'Column Mapping';

const CASE_FILE_SET: ReadonlySet<string> = new Set(CASE_FILE_FIELDS);
const OBLIGATION_SET: ReadonlySet<string> = new Set(OBLIGATION_FIELDS);

const KNOWN_FIELDS = [
	...CASE_FILE_FIELDS.map((f) => `caseFile.${f}`),
	...OBLIGATION_FIELDS.map((f) => `obligation.${f}`),
].join(', ');

/**
 * A column dragged from n8n's input panel arrives as an expression of its value, e.g. `={{ $json.cedula }}`,
 * `={{ $json['Saldo Capital'] }}` or `={{ $('Sheet').item.json.cedula }}`: the column it names. Undefined for
 * any other text, so a real expression is still evaluated.
 */
export function columnOfDraggedExpression(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	const match = DRAGGED_COLUMN.exec(raw.trim());
	if (!match) return undefined;
	return match[1] ?? match[2] ?? match[3];
}

const DRAGGED_COLUMN =
	/^=\{\{\s*(?:\$json|\$\(\s*(?:'[^']*'|"[^"]*")\s*\)\.item\.json)(?:\.([A-Za-z_$][\w$]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\])\s*\}\}$/;

/**
 * The Column Mapping entries to read: each as n8n evaluated it (for the first item), except that an entry whose
 * column is a dragged column's expression names that column, not the first row's value in it.
 */
export function withDraggedColumns(evaluated: unknown, raw: unknown): unknown {
	if (!Array.isArray(evaluated) || !Array.isArray(raw) || raw.length !== evaluated.length)
		return evaluated;
	return evaluated.map((entry: unknown, i) => {
		const rawEntry: unknown = raw[i];
		const column =
			rawEntry !== null && typeof rawEntry === 'object'
				? columnOfDraggedExpression((rawEntry as { column?: unknown }).column)
				: undefined;
		return column !== undefined && entry !== null && typeof entry === 'object'
			? { ...(entry as object), column }
			: entry;
	});
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
			PARAMETER,
			`must be a list of entries like {"field": "caseFile.Identification", "column": "cedula"}, got ${describeValue(raw)}`,
		);
	}
	for (let i = 0; i < raw.length; i++) {
		const entry: unknown = raw[i];
		const at = `entry ${i + 1}`;
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			throw new FieldError(
				PARAMETER,
				`${at} must be {"field": …, "column": …}, got ${describeValue(entry)}`,
			);
		}
		const { field, column } = entry as { field?: unknown; column?: unknown };
		if (isBlank(column)) continue;
		if (isBlank(field)) {
			throw new FieldError(
				PARAMETER,
				`${at} (column ${describeValue(column)}) has no Field: choose the wolkvox field this column feeds`,
			);
		}
		const dot = typeof field === 'string' ? field.indexOf('.') : -1;
		const group = dot > 0 ? (field as string).slice(0, dot) : '';
		const name = dot > 0 ? (field as string).slice(dot + 1) : '';
		const known =
			(group === 'caseFile' && CASE_FILE_SET.has(name)) ||
			(group === 'obligation' && OBLIGATION_SET.has(name));
		if (!known) {
			throw new FieldError(
				PARAMETER,
				`${at} has the unknown field ${describeValue(field)}; use one of ${KNOWN_FIELDS}`,
			);
		}
		// A column named 2024 reaches us as a number: that is its name, as text.
		const text = textOf(column);
		if (text === undefined) {
			throw new FieldError(
				PARAMETER,
				`${at} ("${field as string}") must name its column as text, got ${describeValue(column)}`,
			);
		}
		if (group === 'caseFile') mapping.caseFile[name as CaseFileField] = text.trim();
		else mapping.obligation[name as ObligationField] = text.trim();
	}
	return mapping;
}

// ---------------------------------------------------------------------------------------------------------------
// Resolving the mapping against the columns found
// ---------------------------------------------------------------------------------------------------------------

/** Every column that appears in any row: rows from sheets and CSV files need not all carry the same keys. */
export function columnsOf(rows: readonly unknown[]): string[] {
	const seen = new Set<string>();
	for (const row of rows)
		if (row !== null && typeof row === 'object') for (const key in row) seen.add(key);
	return [...seen];
}

/**
 * Which column feeds which field. Precedence, first match wins and a column feeds one field only:
 * 1. the user's explicit mapping (a column may feed several fields there, if the user says so);
 * 2. a column spelled exactly like the field (`Name`, `total_balance`); `name` waits for step 4;
 * 3. normalised names (case, accents, spaces, `_`, `-` ignored) against each field's synonyms, customer fields
 *    first, synonyms in priority order, columns in input order;
 * 4. obligation `name` takes a column spelled exactly `name` if the customer's Name was fed by another column.
 *    So `name` alone is the customer's name (the usual meaning in a sheet), while wolkvox-shaped data with both
 *    `Name` and `name` maps both.
 */
export function resolveMapping(columns: string[], explicit: BulkMapping): ResolvedMapping {
	const caseFile: Partial<Record<CaseFileField, string>> = {};
	const obligation: Partial<Record<ObligationField, string>> = {};
	const targets = { caseFile, obligation } as const;
	const claimed = new Set<string>();
	const present = new Set(columns);
	const automatic: string[] = [];
	const missingColumns: string[] = [];

	// 1. explicit
	const choose = (
		group: 'caseFile' | 'obligation',
		fields: readonly string[],
		chosen: Partial<Record<string, string>> | undefined,
	) => {
		for (const field of fields) {
			const column = chosen?.[field]?.trim();
			if (!column) continue;
			(targets[group] as Record<string, string>)[field] = column;
			claimed.add(column);
			if (!present.has(column) && !missingColumns.includes(column)) missingColumns.push(column);
		}
	};
	choose('caseFile', CASE_FILE_FIELDS, explicit?.caseFile);
	choose('obligation', OBLIGATION_FIELDS, explicit?.obligation);

	const take = (group: 'caseFile' | 'obligation', field: string, column: string) => {
		(targets[group] as Record<string, string>)[field] = column;
		claimed.add(column);
		automatic.push(`${group}.${field}`);
	};

	// 2. exact spelling
	for (const field of CASE_FILE_FIELDS) {
		if (caseFile[field] === undefined && present.has(field) && !claimed.has(field))
			take('caseFile', field, field);
	}
	for (const field of OBLIGATION_FIELDS) {
		if (field === 'name') continue;
		if (obligation[field] === undefined && present.has(field) && !claimed.has(field))
			take('obligation', field, field);
	}

	// 3. synonyms
	const byNormalized = new Map<string, string[]>();
	for (const column of columns) {
		const key = normalizeHeader(column);
		const list = byNormalized.get(key);
		if (list) list.push(column);
		else byNormalized.set(key, [column]);
	}
	const firstFree = (synonyms: string[]): string | undefined => {
		for (const synonym of synonyms) {
			for (const column of byNormalized.get(synonym) ?? []) if (!claimed.has(column)) return column;
		}
		return undefined;
	};
	for (const field of CASE_FILE_FIELDS) {
		if (caseFile[field] !== undefined) continue;
		const column = firstFree(CASE_FILE_SYNONYMS[field]);
		if (column !== undefined) take('caseFile', field, column);
	}
	for (const field of OBLIGATION_FIELDS) {
		if (obligation[field] !== undefined) continue;
		const column = firstFree(OBLIGATION_SYNONYMS[field]);
		if (column !== undefined) take('obligation', field, column);
	}

	// 4. obligation `name`
	if (obligation.name === undefined && present.has('name') && !claimed.has('name'))
		take('obligation', 'name', 'name');

	const unmappedRequired: string[] = [];
	for (const field of REQUIRED_CASE_FILE_FIELDS)
		if (caseFile[field] === undefined) unmappedRequired.push(field);
	const extraColumns = columns.filter((c) => !claimed.has(c));
	return {
		caseFile,
		obligation,
		automatic,
		extraColumns,
		missingColumns,
		unmappedRequired,
		lookalikes: lookalikesOf(extraColumns, caseFile, obligation),
	};
}

/**
 * A mapping that cannot work for any row: a mapped column no row holds (a typo, most likely), or a required
 * case-file field no column feeds. Said once, with the columns found, instead of once per row.
 */
export function mappingProblem(mapping: ResolvedMapping, columns: string[]): string | undefined {
	const found = `Columns found in the input: ${columns.slice(0, 30).join(', ')}${columns.length > 30 ? ', …' : ''}`;
	// Every problem at once, so one run shows all that needs fixing.
	const problems: string[] = [];
	if (mapping.missingColumns.length) {
		const names = mapping.missingColumns.map((c) => `"${c}"`).join(', ');
		problems.push(`Column Mapping names ${names}, which no input row has`);
	}
	if (mapping.unmappedRequired.length) {
		problems.push(
			`no column feeds the required case-file field(s) ${mapping.unmappedRequired.join(', ')}`,
		);
	}
	const obligationData = OBLIGATION_FIELDS.filter(
		(f) => f !== 'id' && f !== 'name' && mapping.obligation[f] !== undefined,
	);
	const obligationKeys = (['id', 'name'] as const).filter(
		(f) => mapping.obligation[f] === undefined,
	);
	if (obligationData.length && obligationKeys.length) {
		problems.push(
			`no column feeds the obligation's ${obligationKeys.join(' and ')}, though columns feed its ${obligationData.join(', ')}`,
		);
	}
	if (!problems.length) return undefined;
	const [first, ...rest] = problems;
	const sentence = [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join('; ');
	return `${sentence}. Map them under Column Mapping (required: ${REQUIRED_CASE_FILE_FIELDS.join(', ')}, and an obligation's id and name). ${found}`;
}
