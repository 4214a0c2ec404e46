import type { IDataObject } from 'n8n-workflow';

import {
	caseFileFromItem,
	groupRowsIntoCaseFiles,
	resolveMapping,
	type BulkMapping,
	type CaseFileDraft,
	type ExtraColumns,
	type RowError,
} from '../../helpers/caseFiles';
import type { InputDateFormat } from '../../helpers/dates';
import { checkBody } from '../../helpers/validation';
import { rawCaseFileSchema } from '../../schemas/bulk.schema';

export interface CollectedCaseFiles {
	caseFiles: CaseFileDraft[];
	rowErrors: RowError[];
}

export interface RowsModeSettings {
	/** Column whose value groups rows into one case file; empty = the column mapped to Identification */
	keyColumn?: string;
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

/** Mode (a): flat rows, one per obligation, grouped into case files. */
export function caseFilesFromRows(
	rows: IDataObject[],
	settings: RowsModeSettings,
): CollectedCaseFiles {
	const mapping = resolveMapping(columnsOf(rows), settings.mapping);
	return groupRowsIntoCaseFiles(rows, {
		keyColumn: settings.keyColumn?.trim() || undefined,
		mapping,
		extraColumns: settings.extraColumns,
		dateInputFormat: settings.dateInputFormat,
	});
}

/** Modes (b) and (c): objects that already are case files, each tied to the input item it came from. */
export function caseFilesFromObjects(
	objects: Array<{ value: unknown; item: number }>,
): CollectedCaseFiles {
	const caseFiles: CaseFileDraft[] = [];
	const rowErrors: RowError[] = [];
	for (const { value, item } of objects) {
		const result = caseFileFromItem(value, item);
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
				message: `Case file in "Collections (JSON)": "${field}" ${expected}`,
			});
			continue;
		}
		const body = checked.data as unknown as CaseFileDraft['body'];
		if (!Array.isArray(body.Obligations)) body.Obligations = [];
		caseFiles.push({ body, rows: [item], conflicts: [] });
	}
	return { caseFiles, rowErrors };
}
