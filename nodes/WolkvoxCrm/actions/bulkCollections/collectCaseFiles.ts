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
import { rawCaseFileSchema } from '../../schemas/bulk.schema';

export interface CollectedCaseFiles {
	caseFiles: CaseFileDraft[];
	rowErrors: RowError[];
	/** Set when the column mapping cannot work for any row; then nothing else is filled */
	mappingProblem?: string;
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
	if (problem) return { caseFiles: [], rowErrors: [], mappingProblem: problem };
	return groupRowsIntoCaseFiles(rows, {
		keyColumn: settings.keyColumn?.trim() || undefined,
		keys: settings.keys,
		mapping,
		extraColumns: settings.extraColumns,
		dateInputFormat: settings.dateInputFormat,
	});
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

/** Mode (c): case files sent as given, after a structure check; wolkvox judges their content. */
export function caseFilesFromRawJson(
	objects: Array<{ value: unknown; item: number }>,
): CollectedCaseFiles {
	const caseFiles: CaseFileDraft[] = [];
	const rowErrors: RowError[] = [];
	for (const { value, item } of objects) {
		const checked = checkBody(rawCaseFileSchema, value);
		if ('error' in checked) {
			const { field, expected } = checked.error;
			rowErrors.push({
				row: item,
				field,
				message: `Item ${item}: case file in "Collections (JSON)": "${field}" ${expected}`,
			});
			continue;
		}
		const body = checked.data as unknown as CaseFileDraft['body'];
		if (!Array.isArray(body.Obligations)) body.Obligations = [];
		caseFiles.push({ body, rows: [item], conflicts: [] });
	}
	return { caseFiles, rowErrors };
}
