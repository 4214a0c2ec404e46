'use strict';
/**
 * The API the sandbox implements: the routing table, and what each endpoint does with a call that passed the
 * token, concurrency and quota checks (validate the body, store, answer in the vendor's envelope).
 */

const { MSG, ok, fail, required, bulkSummary } = require('./envelopes.js');
const { validateInsert, validateObligationFields, validateGestion, validateCaseFile } = require('./validators.js');
const { isPlainObject, isFilled, describe, hoursToUtcMidnight, newWolkvoxId } = require('./values.js');

const BASE_PATH = '/server/API/v2';

/** @typedef {'insert'|'query'|'insertObligation'|'insertGestion'|'massiveCollections'|'tokenInformation'} Handler */
/** @typedef {import('./envelopes.js').ApiResult} ApiResult */
/** @typedef {import('./tokens.js').TokenState} TokenState */
/** @typedef {ReturnType<typeof import('./store.js').createStore>} Store */

/** @type {Record<string, { methods: Record<string, Handler|'notImplemented'> }|{ notImplemented: true }>} */
const ROUTES = {
	[`${BASE_PATH}/custom/insert.php`]: { methods: { POST: 'insert' } },
	[`${BASE_PATH}/custom/query.php`]: { methods: { POST: 'query' } },
	// PUT on the same URL is the vendor's "update obligation": recognised, not implemented.
	[`${BASE_PATH}/collections/insertObligation.php`]: { methods: { POST: 'insertObligation', PUT: 'notImplemented' } },
	[`${BASE_PATH}/collections/insertGestion.php`]: { methods: { POST: 'insertGestion' } },
	[`${BASE_PATH}/collections/massiveCollections.php`]: { methods: { POST: 'massiveCollections' } },
	[`${BASE_PATH}/token/tokenInformation.php`]: { methods: { GET: 'tokenInformation' } },
	// Documented vendor endpoints the sandbox does not implement (501, see README).
	[`${BASE_PATH}/custom/insertMany.php`]: { notImplemented: true },
	[`${BASE_PATH}/custom/update.php`]: { notImplemented: true },
	[`${BASE_PATH}/custom/updateMany.php`]: { notImplemented: true },
	[`${BASE_PATH}/custom/delete.php`]: { notImplemented: true },
	[`${BASE_PATH}/custom/queryDates.php`]: { notImplemented: true },
	[`${BASE_PATH}/collections/queryObligation.php`]: { notImplemented: true },
	[`${BASE_PATH}/collections/queryGestion.php`]: { notImplemented: true },
};

/** @param {string} path */
function routeOf(path) {
	return Object.prototype.hasOwnProperty.call(ROUTES, path) ? ROUTES[path] : undefined;
}

/**
 * @param {TokenState} token
 * @param {number|null} hoursToRestart a fixed value, or null for the hours to the next UTC midnight
 */
function tokenInformationData(token, hoursToRestart) {
	return {
		description: `wolkvox sandbox token for operation ${token.operation}`,
		token_limit: token.quota,
		token_use_today: token.used,
		available_consumition_options: Math.max(0, token.quota - token.used),
		hours_to_restart_count: hoursToRestart === null ? hoursToUtcMidnight() : hoursToRestart,
	};
}

/** @param {Store} store @param {Record<string, unknown>} body */
function insert(store, body) {
	const { problems } = validateInsert(body);
	if (problems.length) return required(problems.join('; '));
	const fields = /** @type {Record<string, unknown>} */ (body.fields);
	const id = store.insertRecord(/** @type {string} */ (body.module), fields, body.type);
	return ok(MSG.CREATED, { wolkvox_id: id });
}

/** custom/query.php: records of `module` whose `field` equals `value`. @param {Store} store @param {Record<string, unknown>} body */
function query(store, body) {
	/** @type {string[]} */
	const problems = [];
	if (!isFilled(body.module)) problems.push('module is required');
	if (!isFilled(body.field)) problems.push('field is required');
	if (body.value === undefined) problems.push('value is required');
	if (problems.length) return required(problems.join('; '));
	const found = store.queryRecords(String(body.module), String(body.field), String(body.value));
	return ok(MSG.FOUND(found.length), found);
}

/** @param {Store} store @param {Record<string, unknown>} body */
function insertObligation(store, body) {
	/** @type {string[]} */
	const problems = [];
	if (!isFilled(body.wolkvox_id)) problems.push('wolkvox_id is required (the collections record that receives the obligation)');
	if (!isPlainObject(body.fields)) problems.push(`fields is required and must be an object (got ${describe(body.fields)})`);
	else problems.push(...validateObligationFields(body.fields));
	if (problems.length) return required(problems.join('; '));
	const fields = /** @type {Record<string, unknown>} */ (body.fields);
	const id = store.upsertObligation(String(body.wolkvox_id), fields, 'insertObligation');
	return ok(MSG.CREATED, { wolkvox_id: id });
}

/** @param {Store} store @param {Record<string, unknown>} body */
function insertGestion(store, body) {
	const problems = validateGestion(body.fields);
	if (problems.length) return required(problems.join('; '));
	const id = store.addGestion(/** @type {Record<string, unknown>} */ (body.fields));
	return ok(MSG.CREATED, { wolkvox_id: id });
}

/**
 * Bulk load. Valid case files are upserted by Identification (obligations by id within it);
 * invalid ones are counted and described, never partially stored.
 * @param {Store} store
 * @param {Record<string, unknown>} body
 * @returns {ApiResult}
 */
function massiveCollections(store, body) {
	const list = body.collections;
	if (!Array.isArray(list) || list.length === 0) {
		return required(`collections is required and must be a non-empty array of case files (got ${describe(list)})`);
	}
	/** @type {{ index: number, Identification: string|null, error: string }[]} */
	const failed = [];
	let inserted = 0;
	for (let i = 0; i < list.length; i++) {
		const cf = list[i];
		const problems = validateCaseFile(cf);
		if (problems.length) {
			const ident = isPlainObject(cf) && isFilled(cf.Identification) ? String(cf.Identification) : null;
			failed.push({ index: i, Identification: ident, error: problems.join('; ') });
			continue;
		}
		store.upsertCaseFile(/** @type {Record<string, unknown>} */ (cf));
		inserted++;
	}
	return bulkSummary(list.length, inserted, failed);
}

/**
 * What an endpoint answers a call that passed the token, concurrency and quota checks.
 * @param {{ store: Store, hoursToRestart: number|null }} ctx
 * @param {Handler} handler
 * @param {TokenState} token
 * @param {URL} url
 * @param {unknown} body
 * @param {boolean} parseFailed
 * @param {string} text
 * @returns {ApiResult}
 */
function dispatch(ctx, handler, token, url, body, parseFailed, text) {
	if (handler === 'tokenInformation') {
		const op = url.searchParams.get('operation');
		if (!op) return required('operation is required in the query string (?operation=...)');
		if (op !== token.operation) return required('operation does not match the operation of this token');
		return ok('Token information', tokenInformationData(token, ctx.hoursToRestart));
	}
	if (!text) return required('The body is empty; send a raw JSON object');
	if (parseFailed) return required('The body is not valid JSON');
	if (!isPlainObject(body)) return required(`The body must be a JSON object (got ${describe(body)})`);
	if (!isFilled(body.operation)) return required('operation is required');
	if (body.operation !== token.operation) return required('operation does not match the operation of this token');

	switch (handler) {
		case 'insert':
			return insert(ctx.store, body);
		case 'query':
			return query(ctx.store, body);
		case 'insertObligation':
			return insertObligation(ctx.store, body);
		case 'insertGestion':
			return insertGestion(ctx.store, body);
		case 'massiveCollections':
			return massiveCollections(ctx.store, body);
		default:
			return fail(500, 'SANDBOX ERROR', `no handler ${handler}`);
	}
}

/**
 * The success envelope an endpoint would answer, made up without processing anything: what a fault
 * that did not process the call (or whose call was refused) dresses as a success.
 * @param {Handler} handler
 * @param {TokenState} token
 * @param {unknown} body
 * @param {number|null} hoursToRestart
 * @returns {ApiResult}
 */
function syntheticSuccess(handler, token, body, hoursToRestart) {
	switch (handler) {
		case 'tokenInformation':
			return ok('Token information', tokenInformationData(token, hoursToRestart));
		case 'query':
			return ok(MSG.FOUND(0), []);
		case 'massiveCollections': {
			const n = isPlainObject(body) && Array.isArray(body.collections) ? body.collections.length : 0;
			return bulkSummary(n, n, []);
		}
		default:
			return ok(MSG.CREATED, { wolkvox_id: newWolkvoxId() });
	}
}

module.exports = { BASE_PATH, ROUTES, routeOf, dispatch, syntheticSuccess };
