'use strict';
/**
 * Validation of the request bodies, as the vendor's rules say (pure: body in, list of problems out). Where the
 * vendor is silent, the decision taken is said beside the rule and listed in README.md.
 */

const { isPlainObject, isFilled, isEmptyValue, isYmd, isDmy, isYmdHms, isNumeric, describe } = require('./values.js');

const TYPED_VALUE_TYPES = ['address', 'table', 'search', 'relation', 'telephone', 'currency'];
const TASK_PRIORITIES = ['high', 'normal', 'low'];

/**
 * Checks one `fields` value of custom/insert.php. Plain values: string, number, boolean, null.
 * Typed values: objects whose `type` is address | table | search | relation | telephone | currency.
 * @param {string} name
 * @param {unknown} value
 * @returns {string|null}
 */
function checkFieldValue(name, value) {
	const where = `fields[${JSON.stringify(name)}]`;
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
	if (typeof value === 'number') return Number.isFinite(value) ? null : `${where} must be a finite number`;
	if (Array.isArray(value)) {
		return `${where} is an array; plain values are strings, numbers or booleans, and lists go in a typed value such as {"type":"table","value":[...]}`;
	}
	if (!isPlainObject(value)) return `${where} has an unsupported value`;
	const type = value.type;
	if (typeof type !== 'string' || !TYPED_VALUE_TYPES.includes(type)) {
		return `${where} is an object without a known "type"; use one of ${TYPED_VALUE_TYPES.join(', ')} (got type ${describe(type)})`;
	}
	switch (type) {
		case 'address':
		case 'telephone':
		case 'currency':
			if (!isFilled(value.value)) return `${where} (${type}) needs a non-empty "value"`;
			return null;
		case 'table':
			if (!Array.isArray(value.value) || !value.value.every(isPlainObject)) {
				return `${where} (table) needs "value" as an array of objects such as [{"Column":"value"}]`;
			}
			return null;
		case 'search':
			if (!isFilled(value.value) && !isFilled(value.value_id)) {
				return `${where} (search) needs "value" or "value_id"`;
			}
			return null;
		default:
			// relation: the documented type, whose shape is unknown: passed through.
			return null;
	}
}

/**
 * Task fields. All listed as required; decision: `remember` is a boolean and
 * `reminder_date` may be empty when `remember` is false.
 * @param {Record<string, unknown>} f
 * @returns {string[]}
 */
function validateTaskFields(f) {
	/** @type {string[]} */
	const problems = [];
	for (const key of ['status', 'name', 'name_module', 'id_record', 'wolkvox_owner']) {
		if (!isFilled(f[key])) problems.push(`fields.${key} is required`);
	}
	if (!isFilled(f.priority)) problems.push('fields.priority is required');
	else if (!TASK_PRIORITIES.includes(/** @type {string} */ (f.priority))) {
		problems.push(`fields.priority must be one of ${TASK_PRIORITIES.join(', ')} (got ${describe(f.priority)})`);
	}
	if (isEmptyValue(f.completion_date)) problems.push('fields.completion_date is required');
	else if (!isYmdHms(f.completion_date)) {
		problems.push(`fields.completion_date must be YYYY-MM-DD HH:mm:ss (got ${describe(f.completion_date)})`);
	}
	if (f.remember === undefined) problems.push('fields.remember is required');
	else if (typeof f.remember !== 'boolean') {
		problems.push(`fields.remember must be a boolean true/false (got ${describe(f.remember)})`);
	}
	if (isEmptyValue(f.reminder_date)) {
		if (f.remember === true) problems.push('fields.reminder_date is required when fields.remember is true');
	} else if (!isYmdHms(f.reminder_date)) {
		problems.push(`fields.reminder_date must be YYYY-MM-DD HH:mm:ss (got ${describe(f.reminder_date)})`);
	}
	if (f.description === undefined || f.description === null) problems.push('fields.description is required');
	else if (typeof f.description !== 'string') problems.push('fields.description must be a string');
	return problems;
}

/**
 * @param {Record<string, unknown>} body
 * @returns {{ problems: string[], isTask: boolean }}
 */
function validateInsert(body) {
	/** @type {string[]} */
	const problems = [];
	if (!isFilled(body.module) || typeof body.module !== 'string') problems.push('module is required (e.g. "contacts")');
	if (!isPlainObject(body.fields)) {
		problems.push(`fields is required and must be an object (got ${describe(body.fields)})`);
		return { problems, isTask: false };
	}
	const fields = body.fields;
	const isActivity = body.module === 'wolkvox_activities';
	if (isActivity) {
		if (!isFilled(body.type)) problems.push('type is required for module "wolkvox_activities" (e.g. "task")');
		else if (body.type !== 'task') {
			problems.push(`type ${describe(body.type)} is not supported; the sandbox knows only "task"`);
		} else problems.push(...validateTaskFields(fields));
	} else if (Object.keys(fields).length === 0) {
		problems.push('fields must contain at least one field');
	}
	for (const [name, value] of Object.entries(fields)) {
		const p = checkFieldValue(name, value);
		if (p) problems.push(p);
	}
	return { problems, isTask: isActivity && body.type === 'task' };
}

/**
 * Obligation `fields`: id and name required; dates YYYY-MM-DD or DD-MM-YYYY;
 * money and days numeric when given.
 * @param {Record<string, unknown>} f
 * @returns {string[]}
 */
function validateObligationFields(f) {
	/** @type {string[]} */
	const problems = [];
	if (!isFilled(f.id)) problems.push('fields.id is required (the obligation id within the record)');
	if (!isFilled(f.name)) problems.push('fields.name is required');
	for (const key of ['last_pay_date', 'expiring_date']) {
		const v = f[key];
		if (!isEmptyValue(v) && !isYmd(v) && !isDmy(v)) {
			problems.push(`fields.${key} must be YYYY-MM-DD or DD-MM-YYYY (got ${describe(v)})`);
		}
	}
	for (const key of ['total_balance', 'last_pay', 'days_delay']) {
		const v = f[key];
		if (!isEmptyValue(v) && !isNumeric(v)) {
			problems.push(`fields.${key} must be a plain number such as "1000" or "1750.50" (got ${describe(v)})`);
		}
	}
	if (f.form !== undefined && f.form !== null) {
		if (!Array.isArray(f.form)) problems.push('fields.form must be an array of {"name","value"}');
		else {
			f.form.forEach((entry, i) => {
				if (!isPlainObject(entry) || !isFilled(entry.name)) problems.push(`fields.form[${i}].name is required`);
				else if (isPlainObject(entry.value) || Array.isArray(entry.value)) {
					problems.push(`fields.form[${i}].value must be a plain value`);
				}
			});
		}
	}
	return problems;
}

/**
 * Gestion `fields`: tipifycation_code, tipifycation_desc, module ("collections"), wolkvox_idRecord.
 * @param {unknown} fields
 * @returns {string[]}
 */
function validateGestion(fields) {
	if (!isPlainObject(fields)) return [`fields is required and must be an object (got ${describe(fields)})`];
	/** @type {string[]} */
	const problems = [];
	for (const key of ['tipifycation_code', 'tipifycation_desc', 'wolkvox_idRecord']) {
		if (!isFilled(fields[key])) problems.push(`fields.${key} is required`);
	}
	if (!isFilled(fields.module)) problems.push('fields.module is required and must be "collections"');
	else if (fields.module !== 'collections') {
		problems.push(`fields.module must be "collections" (got ${describe(fields.module)})`);
	}
	return problems;
}

const CASE_FILE_REQUIRED = ['Identification', 'Name', 'Email', 'Telephone'];
const BULK_OBLIGATION_NUMERIC = ['total_balance', 'days_delay', 'last_pay', 'balance_payment'];
const BULK_OBLIGATION_DATES = ['expiring_date', 'last_pay_date'];

/**
 * One case file of massiveCollections.php.
 * @param {unknown} cf
 * @returns {string[]}
 */
function validateCaseFile(cf) {
	if (!isPlainObject(cf)) return [`case file must be an object (got ${describe(cf)})`];
	/** @type {string[]} */
	const problems = [];
	for (const key of CASE_FILE_REQUIRED) {
		if (!isFilled(cf[key])) problems.push(`Missing required field: ${key}`);
	}
	if (cf.Address !== undefined && cf.Address !== null && typeof cf.Address !== 'string' && typeof cf.Address !== 'number') {
		problems.push('Address must be text');
	}
	const obligations = cf.Obligations;
	if (obligations !== undefined && obligations !== null) {
		if (!Array.isArray(obligations)) problems.push('Obligations must be an array');
		else {
			for (let i = 0; i < obligations.length; i++) {
				const o = obligations[i];
				const at = `Obligations[${i}]`;
				if (!isPlainObject(o)) {
					problems.push(`${at} must be an object`);
					continue;
				}
				if (!isFilled(o.id)) problems.push(`Missing required field: ${at}.id`);
				if (!isFilled(o.name)) problems.push(`Missing required field: ${at}.name`);
				for (const key of BULK_OBLIGATION_DATES) {
					const v = o[key];
					if (!isEmptyValue(v) && !isYmd(v)) problems.push(`${at}.${key} must be YYYY-MM-DD (got ${describe(v)})`);
				}
				for (const key of BULK_OBLIGATION_NUMERIC) {
					const v = o[key];
					if (!isEmptyValue(v) && !isNumeric(v)) problems.push(`${at}.${key} must be a plain number (got ${describe(v)})`);
				}
			}
		}
	}
	return problems;
}

module.exports = { validateInsert, validateObligationFields, validateGestion, validateCaseFile };
