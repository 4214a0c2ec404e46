'use strict';
/**
 * The log of the API calls the sandbox received: one entry per call, its headers with every secret redacted, its
 * body and answer kept whole, as a summary or not at all (`recordBodies`), in a ring of `maxLoggedRequests`.
 */

const faults = require('./faults.js');
const { isPlainObject } = require('./values.js');

/**
 * @typedef {Object} ReceivedRequest
 * @property {number} seq              monotonic, never reset
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} query
 * @property {Record<string, string|string[]|undefined>} headers  the token header is '[REDACTED]'
 * @property {boolean} tokenPresent
 * @property {string|null} tokenFingerprint  'sha256:' + 12 hex chars of the token's SHA-256, or null
 * @property {unknown} body            parsed JSON, raw text when not JSON, a summary object, or undefined
 * @property {number} bodyBytes
 * @property {number} status          0 when no HTTP answer was written (fault: socket reset, no reply)
 * @property {unknown} response        the JSON sent back (or its summary; the text for a non-JSON fault answer)
 * @property {boolean} quotaSpent      whether this call spent one use of the token's daily quota
 * @property {string|null} fault       the fault mode applied to this call, or null
 * @property {boolean} stored          whether this call changed stored data
 * @property {number} startedAt        epoch ms
 * @property {number} endedAt          epoch ms
 * @property {number} durationMs
 *
 * @typedef {{ text: string, buffer: Buffer, bytes: number, tooLarge: boolean }} RawBody
 */

const SECRET_HEADERS = ['wolkvox-token', 'authorization', 'proxy-authorization', 'cookie'];

/** @param {import('node:http').IncomingHttpHeaders} headers */
function redactHeaders(headers) {
	/** @type {Record<string, string|string[]|undefined>} */
	const out = {};
	for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.includes(k) ? '[REDACTED]' : v;
	return out;
}

/**
 * @param {RawBody} raw
 * @param {unknown} parsed
 * @param {boolean} parseFailed
 */
function summariseBody(raw, parsed, parseFailed) {
	/** @type {Record<string, unknown>} */
	const s = { summary: true, bytes: raw.bytes, json: !parseFailed && !raw.tooLarge };
	if (isPlainObject(parsed)) {
		s.keys = Object.keys(parsed);
		if (typeof parsed.operation === 'string') s.operation = parsed.operation;
		if (typeof parsed.module === 'string') s.module = parsed.module;
		if (Array.isArray(parsed.collections)) {
			s.collections = parsed.collections.length;
			let obl = 0;
			for (const c of parsed.collections) if (isPlainObject(c) && Array.isArray(c.Obligations)) obl += c.Obligations.length;
			s.obligations = obl;
		}
	}
	return s;
}

/** @param {import('./config.js').SandboxConfig} config */
function createRequestLog(config) {
	let seq = 0; // monotonic across resets so that `since=` polling never misses a request
	/** @type {ReceivedRequest[]} */
	let entries = [];

	/**
	 * What the log keeps of a JSON answer.
	 * @param {Record<string, unknown>} body
	 * @param {number} requestBytes
	 */
	function response(body, requestBytes) {
		if (config.recordBodies === false) return { code: body.code, msg: body.msg };
		const summarise = config.recordBodies === 'summary' || requestBytes > config.maxRecordedBodyBytes;
		const summary = /** @type {Record<string, unknown>|undefined} */ (body.summary);
		if (summarise && summary && Array.isArray(summary.failed_Sumary) && summary.failed_Sumary.length > 10) {
			return {
				...body,
				summary: { ...summary, failed_Sumary: summary.failed_Sumary.slice(0, 10), failed_Sumary_truncated: true },
			};
		}
		return body;
	}

	return {
		/** The next call's number. */
		nextSeq: () => ++seq,

		clear() {
			entries = [];
		},

		/** @param {ReceivedRequest} entry */
		record(entry) {
			if (config.maxLoggedRequests <= 0) return;
			entries.push(entry);
			const excess = entries.length - config.maxLoggedRequests;
			if (excess > 0) entries.splice(0, Math.max(excess, Math.ceil(config.maxLoggedRequests / 10)));
		},

		/**
		 * @param {{ path?: string, since?: number, limit?: number }} [filter]
		 * @returns {ReceivedRequest[]}
		 */
		list(filter = {}) {
			let out = entries;
			if (filter.since !== undefined) {
				const since = filter.since;
				out = out.filter((r) => r.seq > since);
			}
			if (filter.path) {
				const p = filter.path;
				out = out.filter((r) => faults.pathMatches(r.path, p));
			}
			if (filter.limit !== undefined && out.length > filter.limit) out = out.slice(out.length - filter.limit);
			return out.slice();
		},

		/**
		 * What the log keeps of a request body.
		 * @param {RawBody} raw
		 * @param {unknown} parsed
		 * @param {boolean} parseFailed
		 */
		body(raw, parsed, parseFailed) {
			if (config.recordBodies === false) return undefined;
			if (raw.bytes === 0) return undefined;
			if (config.recordBodies === 'summary' || raw.bytes > config.maxRecordedBodyBytes || raw.tooLarge) {
				return summariseBody(raw, parsed, parseFailed);
			}
			return parseFailed ? raw.text : parsed;
		},

		response,

		/**
		 * What the log keeps of a fault's answer (the fault module already removed tokens and megabytes).
		 * @param {ReturnType<typeof faults.faultAnswer>} answer
		 * @param {RawBody} raw
		 */
		faultResponse(answer, raw) {
			const r = answer.logResponse;
			if (isPlainObject(r)) return response(r, raw.bytes);
			return config.recordBodies === false ? undefined : r;
		},
	};
}

module.exports = { createRequestLog, redactHeaders };
