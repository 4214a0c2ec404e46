import type { IDataObject } from 'n8n-workflow';

import {
	caseFileFromItem,
	groupRowsIntoCaseFiles,
	REQUIRED_CASE_FILE_FIELDS,
	resolveMapping,
	type BulkMapping,
	type CaseFileDraft,
	type ExtraColumns,
	type ResolvedMapping,
	type RowError,
} from '../../helpers/caseFiles';
import type { InputDateFormat } from '../../helpers/dates';
import { checkBody } from '../../helpers/validation';
import { jsonValueProblem } from '../../helpers/values';
import { rawCaseFileSchema } from '../../schemas/bulk.schema';

export interface CollectedCaseFiles {
	caseFiles: CaseFileDraft[];
	rowErrors: RowError[];
	/** Set when the column mapping cannot work for any row; then nothing else is filled */
	mappingProblem?: string;
	/** Rows mode: which column fed which field, and the columns not sent */
	mapping?: ResolvedMapping;
	droppedColumns?: string[];
}

export interface RowsModeSettings {
	/** Column whose value groups rows into one case file; empty = the column mapped to Identification */
	keyColumn?: string;
	/** One grouping value per row, when the user gave an expression instead of a column name */
	keys?: readonly unknown[];
	mapping: BulkMapping;
	extraColumns: ExtraColumns;
	dateInputFormat: InputDateFormat;
}

/** Every column that appears in any row: rows from sheets and CSV files need not all carry the same keys. */
export function columnsOf(rows: IDataObject[]): string[] {
	const seen = new Set<string>();
	for (const row of rows) for (const key in row) seen.add(key);
	return [...seen];
}

/**
 * A mapping that cannot work for any row: a mapped column no row holds (a typo, most likely), or a required
 * case-file field no column feeds. Said once, with the columns found, instead of once per row.
 */
export function mappingProblem(mapping: ResolvedMapping, columns: string[]): string | undefined {
	const found = `Columns found in the input: ${columns.slice(0, 30).join(', ')}${columns.length > 30 ? ', …' : ''}`;
	if (mapping.missingColumns.length) {
		const names = mapping.missingColumns.map((c) => `"${c}"`).join(', ');
		return `Column Mapping names ${names}, which no input row has. ${found}`;
	}
	if (mapping.unmappedRequired.length) {
		return `No column feeds the required case-file field(s) ${mapping.unmappedRequired.join(', ')}: map them under Column Mapping (required: ${REQUIRED_CASE_FILE_FIELDS.join(', ')}). ${found}`;
	}
	return undefined;
}

/** Mode (a): flat rows, one per obligation, grouped into case files. */
export function caseFilesFromRows(
	rows: IDataObject[],
	settings: RowsModeSettings,
): CollectedCaseFiles {
	const columns = columnsOf(rows);
	const mapping = resolveMapping(columns, settings.mapping);
	const problem = rows.length ? mappingProblem(mapping, columns) : undefined;
	if (problem) return { caseFiles: [], rowErrors: [], mappingProblem: problem, mapping };
	const grouped = groupRowsIntoCaseFiles(rows, {
		keyColumn:
			typeof settings.keyColumn === 'string' ? settings.keyColumn.trim() || undefined : undefined,
		keys: settings.keys,
		mapping,
		extraColumns: settings.extraColumns,
		dateInputFormat: settings.dateInputFormat,
	});
	return { ...grouped, mapping };
}

/** Mode (b): items that already are case files, validated and coerced like rows. */
export function caseFilesFromObjects(
	objects: Array<{ value: unknown; item: number }>,
	dateInputFormat: InputDateFormat = 'auto',
): CollectedCaseFiles {
	const caseFiles: CaseFileDraft[] = [];
	const rowErrors: RowError[] = [];
	for (const { value, item } of objects) {
		const result = caseFileFromItem(value, item, { dateInputFormat });
		if ('body' in result) caseFiles.push(result);
		else rowErrors.push(result);
	}
	return { caseFiles, rowErrors };
}

/** One "Collections (JSON)" value and the input items it stands for. */
export interface RawJsonSource {
	/** The input items this JSON belongs to: one for an expression, all of them for JSON typed once */
	items: number[];
	/** The parsed value, or undefined for an empty parameter */
	parsed?: unknown;
	/** Set when the text was not valid JSON */
	invalidJson?: boolean;
	/** Set when the parameter's expression could not be evaluated: why */
	unreadable?: string;
}

/**
 * Mode (c): case files sent as given, after a structure check; wolkvox judges their content. A source's case
 * files go together or not at all: one that is not a case file, no case file, or broken JSON makes every item of
 * the source an error item, so no item is both sent and reported as failed.
 */
export function caseFilesFromRawJson(sources: RawJsonSource[]): CollectedCaseFiles {
	const caseFiles: CaseFileDraft[] = [];
	const rowErrors: RowError[] = [];
	const fail = (source: RawJsonSource, field: string, problem: string) => {
		for (const item of source.items) {
			rowErrors.push({
				row: item,
				field,
				message: `Item ${item}: "Collections (JSON)" ${problem}`,
			});
		}
	};
	for (const source of sources) {
		if (source.unreadable !== undefined) {
			fail(source, 'collections', `could not be evaluated: ${source.unreadable}`);
			continue;
		}
		if (source.invalidJson) {
			fail(source, 'collections', 'is not valid JSON');
			continue;
		}
		const list = Array.isArray(source.parsed)
			? source.parsed
			: source.parsed === undefined
				? []
				: [source.parsed];
		if (list.length === 0) {
			fail(
				source,
				'collections',
				'holds no case file: give a list like [{"Identification": "…", …}]',
			);
			continue;
		}
		const bodies: Array<CaseFileDraft['body']> = [];
		for (let k = 0; k < list.length; k++) {
			// Sent as written, so it must be writable as JSON: no NaN, dates, functions, bigints or cycles, and no
			// key named __proto__, constructor or prototype (the schema's copy would turn __proto__ into a prototype).
			const problem = jsonValueProblem(list[k]);
			if (problem !== undefined) {
				fail(
					source,
					'collections',
					`case file ${k + 1} ${problem}; none of this item's case files were sent`,
				);
				bodies.length = 0;
				break;
			}
			const checked = checkBody(rawCaseFileSchema, list[k]);
			if ('error' in checked) {
				const { field, expected } = checked.error;
				fail(
					source,
					field,
					`case file ${k + 1}: "${field}" ${expected}; none of this item's case files were sent`,
				);
				bodies.length = 0;
				break;
			}
			const body = checked.data as unknown as CaseFileDraft['body'];
			if (!Array.isArray(body.Obligations)) body.Obligations = [];
			bodies.push(body);
		}
		for (const body of bodies) caseFiles.push({ body, rows: source.items, conflicts: [] });
	}
	return { caseFiles, rowErrors };
}
