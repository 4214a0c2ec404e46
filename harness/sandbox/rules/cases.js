'use strict';
/**
 * The vendor's rules for the bodies of the `cases` group, pure: parameters in, problems out. cases/insert.php and
 * cases/update.php take form fields (text, `form` as a JSON string), cases/insertAttach.php the same as JSON
 * (`form` as an object). Where the vendor is silent, the decision taken is said beside the rule and listed in
 * README.md.
 */

const { isPlainObject, isFilled, describe } = require('../values.js');
const { ID, checkFieldValues, attachmentProblems, validateFieldQuery } = require('./records.js');

/** Required by the vendor's cases/insert.php page; `form`, `solution` and `file` are optional. */
const INSERT_REQUIRED = ['case-type', 'responsible', 'owner', 'contact', 'description', 'status', 'priority'];
/** What cases/update.php documents it changes (besides `file`). */
const UPDATABLE = ['case-type', 'responsible', 'status', 'priority', 'form'];
/** The names cases/queryCases.php takes in `field`; a stored case carries them as keys (`wolkvox-id` as wolkvox_id). */
const QUERY_FIELDS = [
	'status', 'priority', 'email contact', 'name contact', 'contact wolkvox id', 'contact identification',
	'contact phone', 'description', 'idCase', 'idPrefijo', 'companyName', 'company id', 'prefix', 'reopened',
	'responsible name', 'responsible user', 'responsible id', 'owner name', 'owner user', 'owner id', 'solution',
	'wolkvox-id', 'type case', 'case expired', 'reason',
];
/** Keys of a stored case that a custom field in `form` may not overwrite. */
const RESERVED_KEYS = [...QUERY_FIELDS, 'wolkvox_id', 'wolkvox_attachments', 'wolkvox_fecha_creacion', 'wolkvox_fecha_modificacion'];

/**
 * `form`: the case's custom fields, a JSON string of an object in form-data, an object in JSON.
 * @param {unknown} given
 * @param {boolean} asText
 * @returns {{ problems: string[], form: Record<string, unknown> }}
 */
function readCustomFields(given, asText) {
	if (given === undefined || (asText && given === '')) return { problems: [], form: {} };
	let form = given;
	if (asText) {
		try {
			form = JSON.parse(String(given));
		} catch {
			return { problems: [`form must be a JSON object as text, e.g. '{"Subject":"..."}' (got ${describe(given)})`], form: {} };
		}
	}
	if (!isPlainObject(form)) return { problems: [`form must be an object of custom fields (got ${describe(form)})`], form: {} };
	const problems = checkFieldValues(form, 'form');
	for (const key of Object.keys(form)) {
		if (RESERVED_KEYS.includes(key)) problems.push(`form[${JSON.stringify(key)}] is a case field, not a custom field`);
	}
	return { problems, form };
}

/**
 * @param {Record<string, unknown>} params
 * @param {string} key
 * @returns {string|null}
 */
function textProblem(params, key) {
	const v = params[key];
	if (typeof v !== 'string') return `${key} must be text (got ${describe(v)})`;
	return v.trim() === '' ? `${key} must not be empty` : null;
}

/**
 * File parts: only `file` is documented.
 * @param {{ name: string }[]} files
 * @returns {string[]}
 */
function fileProblems(files) {
	return files.filter((f) => f.name !== 'file').map((f) => `only "file" parts are taken (got a file in ${JSON.stringify(f.name)})`);
}

/**
 * cases/insert.php (form-data, `asText`) and cases/insertAttach.php (JSON, with `attachments`).
 * @param {Record<string, unknown>} params
 * @param {{ asText: boolean, files?: { name: string }[] }} how
 * @returns {{ problems: string[], form: Record<string, unknown> }}
 */
function validateCaseInsert(params, how) {
	/** @type {string[]} */
	const problems = [];
	for (const key of INSERT_REQUIRED) {
		if (params[key] === undefined) problems.push(`${key} is required`);
		else {
			const p = textProblem(params, key);
			if (p) problems.push(p);
		}
	}
	if (params.solution !== undefined && typeof params.solution !== 'string') {
		problems.push(`solution must be text (got ${describe(params.solution)})`);
	}
	const custom = readCustomFields(params.form, how.asText);
	problems.push(...custom.problems);
	if (how.asText) problems.push(...fileProblems(how.files || []));
	else if (params.attachments === undefined) problems.push('attachments is required (a list of base64 strings)');
	else problems.push(...attachmentProblems(params.attachments, 'attachments'));
	return { problems, form: custom.form };
}

/**
 * cases/update.php (form-data): `wolkvox-id` and at least one documented field or a file. Decision: a field the
 * page does not document for update is refused rather than silently ignored.
 * @param {Record<string, unknown>} params
 * @param {{ name: string }[]} files
 * @returns {{ problems: string[], form: Record<string, unknown> }}
 */
function validateCaseUpdate(params, files) {
	/** @type {string[]} */
	const problems = [];
	if (!isFilled(params[ID])) problems.push(`${ID} is required (the wolkvox_id of the case)`);
	for (const key of Object.keys(params)) {
		if (key !== 'operation' && key !== ID && !UPDATABLE.includes(key)) {
			problems.push(`${key} cannot be changed by cases/update.php (it changes ${UPDATABLE.join(', ')} and file)`);
		}
	}
	for (const key of UPDATABLE) {
		if (key === 'form' || params[key] === undefined) continue;
		const p = textProblem(params, key);
		if (p) problems.push(p);
	}
	const custom = readCustomFields(params.form, true);
	problems.push(...custom.problems, ...fileProblems(files));
	if (!UPDATABLE.some((key) => params[key] !== undefined) && files.length === 0) {
		problems.push(`nothing to change: send at least one of ${UPDATABLE.join(', ')} or a file`);
	}
	return { problems, form: custom.form };
}

/**
 * cases/queryCases.php: `field` is one of the documented names.
 * @param {Record<string, unknown>} params
 * @returns {string[]}
 */
function validateCaseQuery(params) {
	const problems = validateFieldQuery(params);
	if (isFilled(params.field) && !QUERY_FIELDS.includes(/** @type {string} */ (params.field))) {
		problems.push(`field must be one of ${QUERY_FIELDS.join(', ')} (got ${describe(params.field)})`);
	}
	return problems;
}

module.exports = { QUERY_FIELDS, validateCaseInsert, validateCaseUpdate, validateCaseQuery };
