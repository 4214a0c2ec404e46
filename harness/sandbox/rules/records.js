'use strict';
/**
 * The vendor's rules for the bodies of the `custom` group (records and tasks), pure: body in, problems out. Where
 * the vendor is silent, the decision taken is said beside the rule and listed in README.md.
 */

const { isPlainObject, isFilled, isEmptyValue, isYmdHms, isYmdHm, isBase64, describe } = require('../values.js');

const TYPED_VALUE_TYPES = ['address', 'table', 'search', 'relation', 'telephone', 'currency'];
const TASK_PRIORITIES = ['high', 'normal', 'low'];
/** Keys the CRM sets itself: an update may not set them. */
const SYSTEM_KEYS = ['wolkvox_id', 'wolkvox_fecha_creacion', 'wolkvox_fecha_modificacion', 'wolkvox_usuario_creacion'];
const ID = 'wolkvox-id';

/**
 * Checks one field value. Plain values: string, number, boolean, null. Typed values: objects whose `type` is
 * address | table | search | relation | telephone | currency.
 * @param {string} where how the problem names the value, e.g. `fields["Direccion"]`
 * @param {unknown} value
 * @returns {string|null}
 */
function checkFieldValue(where, value) {
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
 * Every value of a fields object, named `<prefix>["<name>"]`.
 * @param {Record<string, unknown>} fields
 * @param {string} prefix
 * @returns {string[]}
 */
function checkFieldValues(fields, prefix) {
	/** @type {string[]} */
	const problems = [];
	for (const [name, value] of Object.entries(fields)) {
		const p = checkFieldValue(`${prefix}[${JSON.stringify(name)}]`, value);
		if (p) problems.push(p);
	}
	return problems;
}

/**
 * Task fields. All listed as required; decision: `remember` is a boolean and
 * `reminder_date` may be empty when `remember` is false.
 * @param {Record<string, unknown>} f
 * @param {string} prefix
 * @returns {string[]}
 */
function validateTaskFields(f, prefix) {
	/** @type {string[]} */
	const problems = [];
	for (const key of ['status', 'name', 'name_module', 'id_record', 'wolkvox_owner']) {
		if (!isFilled(f[key])) problems.push(`${prefix}.${key} is required`);
	}
	if (!isFilled(f.priority)) problems.push(`${prefix}.priority is required`);
	else if (!TASK_PRIORITIES.includes(/** @type {string} */ (f.priority))) {
		problems.push(`${prefix}.priority must be one of ${TASK_PRIORITIES.join(', ')} (got ${describe(f.priority)})`);
	}
	if (isEmptyValue(f.completion_date)) problems.push(`${prefix}.completion_date is required`);
	else if (!isYmdHms(f.completion_date)) {
		problems.push(`${prefix}.completion_date must be YYYY-MM-DD HH:mm:ss (got ${describe(f.completion_date)})`);
	}
	if (f.remember === undefined) problems.push(`${prefix}.remember is required`);
	else if (typeof f.remember !== 'boolean') {
		problems.push(`${prefix}.remember must be a boolean true/false (got ${describe(f.remember)})`);
	}
	if (isEmptyValue(f.reminder_date)) {
		if (f.remember === true) problems.push(`${prefix}.reminder_date is required when ${prefix}.remember is true`);
	} else if (!isYmdHms(f.reminder_date)) {
		problems.push(`${prefix}.reminder_date must be YYYY-MM-DD HH:mm:ss (got ${describe(f.reminder_date)})`);
	}
	if (f.description === undefined || f.description === null) problems.push(`${prefix}.description is required`);
	else if (typeof f.description !== 'string') problems.push(`${prefix}.description must be a string`);
	return problems;
}

/**
 * One new record's fields, as custom/insert.php and each element of custom/insertMany.php take them.
 * @param {Record<string, unknown>} body its `module` and `type`
 * @param {unknown} fields
 * @param {string} prefix
 * @returns {string[]}
 */
function validateNewRecord(body, fields, prefix) {
	if (!isPlainObject(fields)) return [`${prefix} is required and must be an object (got ${describe(fields)})`];
	/** @type {string[]} */
	const problems = [];
	if (body.module === 'wolkvox_activities') {
		if (!isFilled(body.type)) problems.push('type is required for module "wolkvox_activities" (e.g. "task")');
		else if (body.type !== 'task') {
			problems.push(`type ${describe(body.type)} is not supported; the sandbox knows only "task"`);
		} else problems.push(...validateTaskFields(fields, prefix));
	} else if (Object.keys(fields).length === 0) {
		problems.push(`${prefix} must contain at least one field`);
	}
	return [...problems, ...checkFieldValues(fields, prefix)];
}

/** @param {Record<string, unknown>} body @returns {string[]} */
function moduleProblems(body) {
	return isFilled(body.module) && typeof body.module === 'string' ? [] : ['module is required (e.g. "contacts")'];
}

/**
 * @param {Record<string, unknown>} body
 * @returns {{ problems: string[], isTask: boolean }}
 */
function validateInsert(body) {
	const problems = [...moduleProblems(body), ...validateNewRecord(body, body.fields, 'fields')];
	return { problems, isTask: body.module === 'wolkvox_activities' && body.type === 'task' };
}

/**
 * custom/insertMany.php: `fields` is a list of new records' fields. Batch limit unknown: none here.
 * @param {Record<string, unknown>} body
 * @returns {string[]}
 */
function validateInsertMany(body) {
	const problems = moduleProblems(body);
	const list = body.fields;
	if (!Array.isArray(list) || list.length === 0) {
		return [...problems, `fields is required and must be a non-empty array of field objects (got ${describe(list)})`];
	}
	list.forEach((fields, i) => problems.push(...validateNewRecord(body, fields, `fields[${i}]`)));
	return problems;
}

/**
 * The fields an update changes: at least one, none of the CRM's own keys.
 * @param {Record<string, unknown>} fields
 * @param {string} prefix
 * @param {string[]} [skip] keys that name the record, not a change
 * @returns {string[]}
 */
function changedFieldsProblems(fields, prefix, skip = []) {
	const changes = Object.keys(fields).filter((k) => !skip.includes(k));
	if (changes.length === 0) return [`${prefix} must contain at least one field to change`];
	/** @type {string[]} */
	const problems = [];
	for (const key of changes) {
		if (SYSTEM_KEYS.includes(key)) problems.push(`${prefix}.${key} is set by the CRM and cannot be changed`);
	}
	/** @type {Record<string, unknown>} */
	const values = {};
	for (const key of changes) values[key] = fields[key];
	return [...problems, ...checkFieldValues(values, prefix)];
}

/**
 * `attachments`: a list of base64 strings (decision: standard base64 with padding, no `data:` prefix).
 * @param {unknown} list
 * @param {string} where
 * @returns {string[]}
 */
function attachmentProblems(list, where) {
	if (!Array.isArray(list)) return [`${where} must be a list of base64 strings (got ${describe(list)})`];
	/** @type {string[]} */
	const problems = [];
	list.forEach((item, i) => {
		if (!isBase64(item)) problems.push(`${where}[${i}] must be a non-empty base64 string (got ${describe(item)})`);
	});
	return problems;
}

/** @param {unknown} id */
function isId(id) {
	return typeof id === 'string' && id.trim() !== '';
}

/**
 * custom/update.php: `module`, `wolkvox-id`, `fields` (the fields to change), optional `attachments`.
 * @param {Record<string, unknown>} body
 * @returns {string[]}
 */
function validateUpdate(body) {
	const problems = moduleProblems(body);
	if (!isId(body[ID])) problems.push(`${ID} is required (the wolkvox_id of the record to update)`);
	if (!isPlainObject(body.fields)) problems.push(`fields is required and must be an object (got ${describe(body.fields)})`);
	else problems.push(...changedFieldsProblems(body.fields, 'fields'));
	if (body.attachments !== undefined) problems.push(...attachmentProblems(body.attachments, 'attachments'));
	return problems;
}

/**
 * custom/updateMany.php: `fields` is a list; decision: each element names its record by `wolkvox-id`.
 * @param {Record<string, unknown>} body
 * @returns {string[]}
 */
function validateUpdateMany(body) {
	const problems = moduleProblems(body);
	const list = body.fields;
	if (!Array.isArray(list) || list.length === 0) {
		return [...problems, `fields is required and must be a non-empty array of field objects, each with its "${ID}" (got ${describe(list)})`];
	}
	list.forEach((fields, i) => {
		const at = `fields[${i}]`;
		if (!isPlainObject(fields)) return problems.push(`${at} must be an object (got ${describe(fields)})`);
		if (!isId(fields[ID])) problems.push(`${at}["${ID}"] is required (the wolkvox_id of the record to update)`);
		problems.push(...changedFieldsProblems(fields, at, [ID]));
	});
	return problems;
}

/**
 * custom/delete.php: `multiple` (boolean) says whether `wolkvox-id` is one id or a list. With `multiple: false` the
 * vendor's page shows both `"id"` and `["id"]`: both are taken.
 * @param {Record<string, unknown>} body
 * @returns {{ problems: string[], ids: string[] }}
 */
function validateDelete(body) {
	const problems = moduleProblems(body);
	const given = body[ID];
	/** @type {string[]} */
	let ids = [];
	if (typeof body.multiple !== 'boolean') {
		problems.push(`multiple is required and must be a boolean true/false (got ${describe(body.multiple)})`);
	} else if (body.multiple) {
		if (!Array.isArray(given) || given.length === 0) {
			problems.push(`${ID} must be a non-empty list of ids when multiple is true (got ${describe(given)})`);
		} else {
			given.forEach((id, i) => {
				if (!isId(id)) problems.push(`${ID}[${i}] must be a non-empty id (got ${describe(id)})`);
			});
			ids = [...new Set(given.map(String))];
		}
	} else {
		const one = Array.isArray(given) && given.length === 1 ? given[0] : given;
		if (!isId(one)) {
			problems.push(`${ID} must be one id ("id" or ["id"]) when multiple is false; send a list with multiple true (got ${describe(given)})`);
		} else ids = [String(one)];
	}
	return { problems, ids };
}

/**
 * custom/queryDates.php: `date: true`, `from` / `to` as `YYYY-MM-DD HH:mm`, optional `limit` as text ("2").
 * @param {Record<string, unknown>} body
 * @returns {string[]}
 */
function validateDateQuery(body) {
	const problems = moduleProblems(body);
	if (body.date !== true) problems.push(`date is required and must be true (got ${describe(body.date)})`);
	for (const key of ['from', 'to']) {
		if (!isYmdHm(body[key])) problems.push(`${key} is required as YYYY-MM-DD HH:mm (got ${describe(body[key])})`);
	}
	if (isYmdHm(body.from) && isYmdHm(body.to) && String(body.from) > String(body.to)) {
		problems.push(`from (${body.from}) is after to (${body.to})`);
	}
	const { limit } = body;
	if (limit !== undefined && (typeof limit !== 'string' || !/^\d+$/.test(limit) || Number(limit) < 1)) {
		problems.push(`limit must be a whole number of at least 1, as text such as "2" (got ${describe(limit)})`);
	}
	return problems;
}

/**
 * A query by one field's value: `field` and `value` (text or a number), plus the keys the endpoint needs.
 * @param {Record<string, unknown>} body
 * @param {string[]} [also] other required keys, e.g. ['module']
 * @returns {string[]}
 */
function validateFieldQuery(body, also = []) {
	/** @type {string[]} */
	const problems = [];
	for (const key of [...also, 'field']) if (!isFilled(body[key])) problems.push(`${key} is required`);
	if (body.value === undefined || body.value === null) problems.push('value is required');
	else if (typeof body.value !== 'string' && typeof body.value !== 'number' && typeof body.value !== 'boolean') {
		problems.push(`value must be text or a number (got ${describe(body.value)})`);
	}
	return problems;
}

module.exports = {
	ID,
	checkFieldValues,
	attachmentProblems,
	validateInsert,
	validateInsertMany,
	validateUpdate,
	validateUpdateMany,
	validateDelete,
	validateDateQuery,
	validateFieldQuery,
};
