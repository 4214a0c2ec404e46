'use strict';
/**
 * The vendor's rules for the bodies of the `collections` group (obligations, gestiones, bulk case files), pure:
 * body in, problems out. Where the vendor is silent, the decision taken is said beside the rule and listed in
 * README.md.
 */

const { isPlainObject, isFilled, isEmptyValue, isYmd, isDmy, isNumeric, describe } = require('../values.js');

/**
 * Obligation `fields`: id and name required (an update: id and at least one field to change); dates YYYY-MM-DD or
 * DD-MM-YYYY; money and days numeric when given.
 * @param {Record<string, unknown>} f
 * @param {{ update?: boolean }} [options]
 * @returns {string[]}
 */
function validateObligationFields(f, options = {}) {
	/** @type {string[]} */
	const problems = [];
	if (!isFilled(f.id)) problems.push('fields.id is required (the obligation id within the record)');
	if (options.update) {
		if (Object.keys(f).every((k) => k === 'id')) problems.push('fields must contain at least one field to change besides id');
		if (f.name !== undefined && !isFilled(f.name)) problems.push('fields.name must not be empty when given');
	} else if (!isFilled(f.name)) problems.push('fields.name is required');
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

/**
 * collections/insertObligation.php, POST (insert) or PUT (update): `wolkvox_id` of the case file and `fields`.
 * @param {Record<string, unknown>} body
 * @param {{ update?: boolean }} [options]
 * @returns {string[]}
 */
function validateObligation(body, options = {}) {
	/** @type {string[]} */
	const problems = [];
	if (!isFilled(body.wolkvox_id)) problems.push('wolkvox_id is required (the collections record that holds the obligation)');
	if (!isPlainObject(body.fields)) problems.push(`fields is required and must be an object (got ${describe(body.fields)})`);
	else problems.push(...validateObligationFields(body.fields, options));
	return problems;
}

/**
 * collections/queryObligation.php: `obligation` (its id or name) and `wolkvox_id` (the case file).
 * @param {Record<string, unknown>} body
 * @returns {string[]}
 */
function validateObligationQuery(body) {
	/** @type {string[]} */
	const problems = [];
	if (!isFilled(body.obligation)) problems.push("obligation is required (the obligation's id or name)");
	if (!isFilled(body.wolkvox_id)) problems.push('wolkvox_id is required (the collections record)');
	return problems;
}

module.exports = { validateObligation, validateObligationFields, validateObligationQuery, validateGestion, validateCaseFile };
