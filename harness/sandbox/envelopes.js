'use strict';
/**
 * The answers the sandbox gives, in the vendor's envelope: `{ code, error, msg, data }` for single calls, a summary
 * for the bulk load, and the vendor's messages.
 */

/** Vendor messages (CRM catalogue headings), plus sandbox-only texts where the vendor's is unknown. */
const MSG = Object.freeze({
	REQUIRED: 'SOME PARAMETERS ARE REQUIRED',
	NO_API: 'THE API YOU WANT TO CONSULT DOES NOT EXIST',
	NO_TOKEN: 'PLEASE ENTER THE WOLKVOX-TOKEN',
	BAD_TOKEN: 'PLEASE VALIDATE TOKEN',
	LIMIT: 'TOKEN LIMIT EXCEEDED',
	/** @param {number} n */
	SIMULTANEOUS: (n) => `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (${n})`,
	// Sandbox texts: the vendor's wording for these is unknown.
	MAINTENANCE: 'THE SERVICE IS UNDER MAINTENANCE, PLEASE TRY AGAIN LATER',
	METHOD: 'METHOD NOT ALLOWED',
	NOT_IMPLEMENTED: 'THIS API IS NOT IMPLEMENTED IN THE WOLKVOX SANDBOX',
	TOO_LARGE: 'REQUEST BODY TOO LARGE',
	NOT_FOUND: 'THE RECORD DOES NOT EXIST',
	// Vendor success texts (spelling and grammar are the vendor's).
	CREATED: 'Succesfully create record',
	/** @param {number} n */
	FOUND: (n) => `${n} records were are found`,
	// Sandbox success texts in the vendor's style: its wording for updates and deletions is unknown.
	UPDATED: 'Succesfully update record',
	DELETED: 'Succesfully delete record',
});

/** @typedef {{ status: number, body: Record<string, unknown>, headers?: Record<string, string> }} ApiResult */

/**
 * @param {string} msg
 * @param {unknown} data
 * @returns {ApiResult}
 */
function ok(msg, data) {
	return { status: 200, body: { code: '200', error: 'null', msg, data } };
}

/**
 * Error envelope. Decision: `msg` carries the vendor's message, `error` the detail a user can act on
 * (which field, what was wrong); when there is no detail `error` repeats `msg`.
 * @param {number} status
 * @param {string} msg
 * @param {string} [error]
 * @returns {ApiResult}
 */
function fail(status, msg, error) {
	return { status, body: { code: String(status), error: error || msg, msg, data: null } };
}

/** @param {string} detail */
function required(detail) {
	return fail(400, MSG.REQUIRED, detail);
}

/**
 * An id the call names does not exist (decision: 404, a status the vendor lists without its message).
 * @param {string} detail
 */
function notFound(detail) {
	return fail(404, MSG.NOT_FOUND, detail);
}

/**
 * The bulk load's answer: always HTTP 200, `success` only when no case file failed.
 * @param {number} received
 * @param {number} inserted
 * @param {Array<{ index: number, Identification: string|null, error: string }>} failed
 * @returns {ApiResult}
 */
function bulkSummary(received, inserted, failed) {
	return {
		status: 200,
		body: {
			code: '200',
			success: failed.length === 0,
			summary: {
				total_records_received: received,
				successful_inserts: inserted,
				failed_count: failed.length,
				total_processed: received,
				failed_Sumary: failed,
			},
		},
	};
}

module.exports = { MSG, ok, fail, required, notFound, bulkSummary };
