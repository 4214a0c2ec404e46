'use strict';
/**
 * The API the sandbox implements: the routing table (path and method → endpoint, in endpoints/ by group), and
 * what every endpoint shares once a call passed the token, concurrency and quota checks: the body read as the
 * endpoint takes it, the `operation` of the token, then the endpoint's own rules and answer.
 */

const custom = require('./endpoints/custom.js');
const collections = require('./endpoints/collections.js');
const cases = require('./endpoints/cases.js');
const { tokenInformation } = require('./endpoints/token.js');
const { MSG, ok, required } = require('./envelopes.js');
const { isPlainObject, isFilled, describe, newWolkvoxId } = require('./values.js');

const BASE_PATH = '/server/API/v2';

/**
 * @typedef {import('./endpoints/shared.js').Endpoint} Endpoint
 * @typedef {import('./endpoints/shared.js').EndpointContext} EndpointContext
 * @typedef {import('./endpoints/shared.js').ApiRequest} ApiRequest
 * @typedef {import('./envelopes.js').ApiResult} ApiResult
 *
 * The body as api.js read it: JSON parsed, or a form parsed (`form`, or `formError` saying why not).
 * @typedef {Object} ReadBody
 * @property {{ text: string }} raw
 * @property {unknown} parsed
 * @property {boolean} parseFailed
 * @property {import('./formBody.js').Form} [form]
 * @property {string} [formError]
 */

/** @type {Record<string, { methods: Record<string, Endpoint> }|{ notImplemented: true }>} */
const ROUTES = {
	[`${BASE_PATH}/custom/insert.php`]: { methods: { POST: custom.insert } },
	[`${BASE_PATH}/custom/insertMany.php`]: { methods: { POST: custom.insertMany } },
	[`${BASE_PATH}/custom/update.php`]: { methods: { POST: custom.update } },
	[`${BASE_PATH}/custom/updateMany.php`]: { methods: { PUT: custom.updateMany } },
	[`${BASE_PATH}/custom/delete.php`]: { methods: { POST: custom.remove } },
	[`${BASE_PATH}/custom/query.php`]: { methods: { POST: custom.query } },
	[`${BASE_PATH}/custom/queryDates.php`]: { methods: { POST: custom.queryDates } },
	// PUT on the same URL is the vendor's "update obligation".
	[`${BASE_PATH}/collections/insertObligation.php`]: {
		methods: { POST: collections.insertObligation, PUT: collections.updateObligation },
	},
	[`${BASE_PATH}/collections/queryObligation.php`]: { methods: { POST: collections.queryObligation } },
	[`${BASE_PATH}/collections/insertGestion.php`]: { methods: { POST: collections.insertGestion } },
	[`${BASE_PATH}/collections/queryGestion.php`]: { methods: { POST: collections.queryGestion } },
	[`${BASE_PATH}/collections/massiveCollections.php`]: { methods: { POST: collections.massiveCollections } },
	[`${BASE_PATH}/cases/insert.php`]: { methods: { POST: cases.insert } },
	[`${BASE_PATH}/cases/insertAttach.php`]: { methods: { POST: cases.insertAttach } },
	[`${BASE_PATH}/cases/update.php`]: { methods: { POST: cases.update } },
	[`${BASE_PATH}/cases/queryCases.php`]: { methods: { POST: cases.queryCases } },
	[`${BASE_PATH}/token/tokenInformation.php`]: { methods: { GET: tokenInformation } },
	// Documented vendor endpoints beyond the CRM v2 set the sandbox implements (501, see README).
	[`${BASE_PATH}/cases/updateCaseAttachment.php`]: { notImplemented: true },
	[`${BASE_PATH}/cases/listHistoryNote.php`]: { notImplemented: true },
};

/** @param {string} path */
function routeOf(path) {
	return Object.prototype.hasOwnProperty.call(ROUTES, path) ? ROUTES[path] : undefined;
}

/**
 * The request an endpoint gets, or the refusal of a body it cannot take: empty, not JSON / not a form, not an
 * object, or without the token's `operation`.
 * @param {Endpoint} endpoint
 * @param {EndpointContext} ctx
 * @param {ReadBody} body
 * @returns {{ request: ApiRequest, refused?: undefined } | { refused: ApiResult }}
 */
function requestOf(endpoint, ctx, body) {
	if (endpoint.body === 'query') return { request: { params: {}, files: [] } };
	const isForm = endpoint.body === 'form';
	if (!body.raw.text) return { refused: required(`The body is empty; send ${isForm ? 'multipart/form-data' : 'a raw JSON object'}`) };
	/** @type {ApiRequest} */
	let request;
	if (isForm) {
		if (!body.form) return { refused: required(body.formError || 'The body is not a form') };
		request = { params: body.form.fields, files: body.form.files };
	} else {
		if (body.parseFailed) return { refused: required('The body is not valid JSON') };
		if (!isPlainObject(body.parsed)) return { refused: required(`The body must be a JSON object (got ${describe(body.parsed)})`) };
		request = { params: body.parsed, files: [] };
	}
	if (!isFilled(request.params.operation)) return { refused: required('operation is required') };
	if (request.params.operation !== ctx.token.operation) return { refused: required('operation does not match the operation of this token') };
	return { request };
}

/**
 * What an endpoint answers a call that passed the token, concurrency and quota checks.
 * @param {Endpoint} endpoint
 * @param {EndpointContext} ctx
 * @param {ReadBody} body
 * @returns {ApiResult}
 */
function dispatch(endpoint, ctx, body) {
	const { request, refused } = requestOf(endpoint, ctx, body);
	return refused || endpoint.run(ctx, /** @type {ApiRequest} */ (request));
}

/**
 * The success envelope an endpoint would answer, made up without processing anything: what a fault
 * that did not process the call (or whose call was refused) dresses as a success.
 * @param {Endpoint} endpoint
 * @param {EndpointContext} ctx
 * @param {unknown} parsed the body as logged (JSON, or a form's fields)
 * @returns {ApiResult}
 */
function syntheticSuccess(endpoint, ctx, parsed) {
	const params = isPlainObject(parsed) ? parsed : {};
	return endpoint.madeUp ? endpoint.madeUp(params, ctx) : ok(MSG.CREATED, { wolkvox_id: newWolkvoxId() });
}

module.exports = { BASE_PATH, ROUTES, routeOf, dispatch, syntheticSuccess };
