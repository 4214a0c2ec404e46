/**
 * Input Data "Raw JSON": the "Collections (JSON)" parameter's case files, checked for structure only and sent as
 * the user wrote them; wolkvox judges their content and reports the case files it refuses.
 */
import { checkBody } from '../helpers/validation';
import { jsonValueProblem } from '../helpers/values';
import { rawCaseFileSchema } from '../schemas/bulk.schema';
import type { CaseFileBody, CaseFileDraft, CollectedCaseFiles, RowError } from './caseFileShape';

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
 * Input Data "Raw JSON": case files sent as given, after a structure check; wolkvox judges their content. A source's case
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
		const bodies: CaseFileBody[] = [];
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
			const body = checked.data as unknown as CaseFileBody;
			if (!Array.isArray(body.Obligations)) body.Obligations = [];
			bodies.push(body);
		}
		for (const body of bodies) caseFiles.push({ body, rows: source.items, conflicts: [] });
	}
	return { caseFiles, rowErrors };
}
