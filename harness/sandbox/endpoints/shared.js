'use strict';
/**
 * What the endpoint groups share: the shape of an endpoint, the refusal of a body with problems, how an
 * attachment is kept, and the ids a made-up success answers with.
 */

const crypto = require('node:crypto');
const { MSG, ok, required } = require('../envelopes.js');
const { newWolkvoxId } = require('../values.js');

/**
 * @typedef {import('../envelopes.js').ApiResult} ApiResult
 * @typedef {ReturnType<typeof import('../store.js').createStore>} Store
 * @typedef {import('../formBody.js').FilePart} FilePart
 *
 * What an endpoint is given besides the request.
 * @typedef {Object} EndpointContext
 * @property {Store} store
 * @property {import('../tokens.js').TokenState} token
 * @property {URL} url
 * @property {number|null} hoursToRestart
 *
 * A request that passed the body and operation checks: the JSON body, or a form's text fields, and its files.
 * @typedef {{ params: Record<string, unknown>, files: FilePart[] }} ApiRequest
 *
 * @typedef {Object} Endpoint
 * @property {'json'|'form'|'query'} body how the request comes: a JSON body, a form (multipart/form-data), or
 *   only the query string
 * @property {(ctx: EndpointContext, req: ApiRequest) => ApiResult} run
 * @property {(params: Record<string, unknown>, ctx: EndpointContext) => ApiResult} [madeUp] the success a fault
 *   answers without processing the call (default: a record created with a new id)
 *
 * An attachment as the sandbox keeps it: not the bytes, what proves they arrived whole.
 * @typedef {{ name: string|null, contentType: string|null, bytes: number, sha256: string }} Attachment
 */

/** @param {string[]} problems @returns {ApiResult|null} 400 naming every problem, or null when there is none */
function refusal(problems) {
	return problems.length ? required(problems.join('; ')) : null;
}

/** @param {Buffer} data @param {string|null} name @param {string|null} contentType @returns {Attachment} */
function attachment(data, name, contentType) {
	return { name, contentType, bytes: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex') };
}

/** @param {string} base64 */
function base64Attachment(base64) {
	return attachment(Buffer.from(base64, 'base64'), null, null);
}

/** @param {FilePart} part */
function fileAttachment(part) {
	return attachment(part.data, part.filename, part.contentType);
}

/** The id a request names, or a new one when it names none (for a made-up success). @param {unknown} id */
function idOrNew(id) {
	return typeof id === 'string' && id.trim() !== '' ? id : newWolkvoxId();
}

/**
 * A query (JSON body): its rules, then what it finds, answered as "N records were are found", 0 included. A fault
 * that processed nothing makes up an empty result.
 * @param {(params: Record<string, unknown>) => string[]} rules
 * @param {(store: Store, params: Record<string, unknown>) => Record<string, unknown>[]} find
 * @returns {Endpoint}
 */
function queryEndpoint(rules, find) {
	return {
		body: 'json',
		run({ store }, { params }) {
			const refused = refusal(rules(params));
			if (refused) return refused;
			const found = find(store, params);
			return ok(MSG.FOUND(found.length), found);
		},
		madeUp: () => ok(MSG.FOUND(0), []),
	};
}

module.exports = { refusal, base64Attachment, fileAttachment, idOrNew, queryEndpoint };
