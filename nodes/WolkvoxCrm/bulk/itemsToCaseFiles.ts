/**
 * Items that already are case files (Input Data "One Item per Case File"): each checked for the same required
 * fields and coerced the same way as flat rows, its other keys passed on as custom fields.
 */
import { isBlank } from '../helpers/coerce';
import type { InputDateFormat } from '../helpers/dates/inputDateFormat';
import { isForbiddenName } from '../helpers/values';
import {
	CASE_FILE_KEYS,
	OBLIGATION_FIELDS,
	OBLIGATION_KEYS,
	OBLIGATION_KIND,
	type CaseFileBody,
	type CaseFileDraft,
	type CollectedCaseFiles,
	type ObligationBody,
	type RowError,
} from './caseFileShape';
import {
	customProblem,
	customValue,
	readObligationValue,
	readText,
	type DateCache,
	type ObligationValuePlan,
} from './readValues';
import {
	CASE_FILE_NAMES,
	notAnObjectError,
	toRowError,
	type FieldName,
	type Problem,
} from './rowProblems';

/** An item's values come from its own keys, not from a column. */
const NO_COLUMN = undefined;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The id or name of the obligation at `at` (`Obligations[2]`), as problems name it. */
function obligationKeyName(at: string, key: 'id' | 'name'): FieldName {
	return { field: `${at}.${key}`, label: `${at} "${key}"` };
}

/**
 * Copies the custom keys of an item's case file or obligation (those not in `standard`), blank ones left out;
 * records a problem for a forbidden name or a value that cannot be sent.
 */
function copyCustomKeys(
	source: Record<string, unknown>,
	target: Record<string, unknown>,
	standard: ReadonlySet<string>,
	at: string,
	problems: Problem[],
): void {
	for (const key of Object.keys(source)) {
		if (standard.has(key)) continue;
		const label = at === '' ? `"${key}"` : `${at} "${key}"`;
		const field = at === '' ? key : `${at}.${key}`;
		if (isForbiddenName(key)) {
			problems.push({ kind: 'name', field, label, value: source[key] });
			continue;
		}
		const problem = customProblem(source[key]);
		if (problem !== undefined) {
			problems.push({ kind: 'custom', field, label, value: source[key], detail: problem });
			continue;
		}
		const v = customValue(source[key]);
		if (v !== undefined) target[key] = v;
	}
}

/**
 * An item that already holds a case file with an `Obligations` list (a list, or its JSON text). Checks the same required fields and coerces the same way as the flat rows; other keys are passed on as
 * custom fields (blank ones left out). Returns the draft, or one RowError listing every problem.
 */
export function caseFileFromItem(
	value: unknown,
	index: number,
	options: { dateInputFormat?: InputDateFormat } = {},
): CaseFileDraft | RowError {
	if (!isPlainObject(value)) {
		return notAnObjectError(
			index,
			'(item)',
			'a case file (an object with Identification, Name, Email, Telephone and Obligations)',
			value,
		);
	}
	const format = options.dateInputFormat ?? 'auto';
	const problems: Problem[] = [];
	const fields: Record<string, unknown> = {};
	const identification = readText(
		value.Identification,
		'id',
		true,
		CASE_FILE_NAMES.Identification,
		NO_COLUMN,
		problems,
	);
	const name = readText(value.Name, 'text', true, CASE_FILE_NAMES.Name, NO_COLUMN, problems);
	const email = readText(value.Email, 'text', true, CASE_FILE_NAMES.Email, NO_COLUMN, problems);
	const telephone = readText(
		value.Telephone,
		'id',
		true,
		CASE_FILE_NAMES.Telephone,
		NO_COLUMN,
		problems,
	);
	const address = readText(
		value.Address,
		'text',
		false,
		CASE_FILE_NAMES.Address,
		NO_COLUMN,
		problems,
	);
	fields.Identification = identification;
	fields.Name = name;
	fields.Email = email;
	fields.Telephone = telephone;
	if (address !== undefined) fields.Address = address;
	copyCustomKeys(value, fields, CASE_FILE_KEYS, '', problems);

	let list: unknown = value.Obligations;
	if (typeof list === 'string') {
		const text = list.trim();
		try {
			list = text === '' ? [] : (JSON.parse(text) as unknown);
		} catch {
			list = undefined;
			problems.push({
				kind: 'invalid',
				field: 'Obligations',
				label: '"Obligations"',
				value: value.Obligations,
				expected: 'a list of obligations (valid JSON)',
			});
		}
	} else if (list === undefined || list === null) list = [];
	const obligations: ObligationBody[] = [];
	if (list !== undefined && !Array.isArray(list)) {
		problems.push({
			kind: 'invalid',
			field: 'Obligations',
			label: '"Obligations"',
			value: list,
			expected: 'a list of obligations',
		});
	} else if (Array.isArray(list)) {
		const dateCache: DateCache = new Map();
		const seen = new Set<string>();
		for (let k = 0; k < list.length; k++) {
			const entry: unknown = list[k];
			const at = `Obligations[${k}]`;
			if (!isPlainObject(entry)) {
				problems.push({
					kind: 'invalid',
					field: at,
					label: `"${at}"`,
					value: entry,
					expected: 'an object with id and name',
				});
				continue;
			}
			const idName = obligationKeyName(at, 'id');
			const id = readText(entry.id, 'id', true, idName, NO_COLUMN, problems);
			const obligationName = readText(
				entry.name,
				'text',
				true,
				obligationKeyName(at, 'name'),
				NO_COLUMN,
				problems,
			);
			const obligation: ObligationBody = { id: id ?? '', name: obligationName ?? '' };
			if (id !== undefined) {
				if (seen.has(id)) {
					problems.push({
						kind: 'duplicate',
						field: idName.field,
						label: idName.label,
						value: id,
						detail: 'appears twice in this case file; wolkvox keeps one obligation per id',
					});
				}
				seen.add(id);
			}
			for (const field of OBLIGATION_FIELDS) {
				if (field === 'id' || field === 'name' || isBlank(entry[field])) continue;
				const plan: ObligationValuePlan = {
					field,
					kind: OBLIGATION_KIND[field],
					label: `${at} "${field}"`,
				};
				const out = readObligationValue(entry[field], plan, format, dateCache, problems);
				if (out !== undefined) obligation[field] = out;
			}
			copyCustomKeys(entry, obligation, OBLIGATION_KEYS, at, problems);
			obligations.push(obligation);
		}
	}
	if (problems.length > 0) return toRowError(index, problems, value);
	fields.Obligations = obligations;
	return { body: fields as CaseFileBody, rows: [index], conflicts: [] };
}

/** Input Data "One Item per Case File": every item checked and coerced like rows. */
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
