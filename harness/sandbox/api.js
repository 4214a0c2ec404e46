'use strict';
/**
 * One API call through the sandbox, in the vendor's order: a redirect fault answers before anything else; then the
 * checks decided from the headers (maintenance, route, method, token, two calls in flight per token); the body;
 * the quota, the latency and the endpoint; the answer, or the fault that replaces it. Every call is logged once
 * its answer is decided.
 */

const faults = require('./faults.js');
const { MSG, fail } = require('./envelopes.js');
const { routeOf, dispatch, syntheticSuccess } = require('./endpoints.js');
const { parseForm, formLogView } = require('./formBody.js');
const { readBody, sendJson, headerValue } = require('./httpIo.js');
const { redactHeaders } = require('./requestLog.js');
const { fingerprint, hoursToUtcMidnight } = require('./values.js');

/**
 * @typedef {import('./server.js').SandboxState} SandboxState
 * @typedef {import('./envelopes.js').ApiResult} ApiResult
 * @typedef {import('./endpoints.js').Endpoint} Endpoint
 * @typedef {import('./endpoints.js').EndpointContext} EndpointContext
 * @typedef {import('./tokens.js').TokenState} TokenState
 * @typedef {import('./requestLog.js').RawBody} RawBody
 * @typedef {{ result: ApiResult, quotaSpent: boolean, stored: boolean }} Outcome
 *
 * The call under way: what the log needs of it.
 * @typedef {Object} Call
 * @property {number} seq
 * @property {number} startedAt
 * @property {string} method
 * @property {string} path
 * @property {URL} url
 * @property {import('node:http').IncomingMessage} req
 * @property {string} token the raw token, '' when none was sent
 *
 * A call refused from its headers, or admitted with a slot taken.
 * @typedef {{ refusal: ApiResult, token?: undefined, endpoint?: undefined }
 *   | { refusal?: undefined, token: TokenState, endpoint: Endpoint }} Admission
 *
 * The body as read and parsed: JSON, or a form for the endpoints that take one (`parsed` is then what the log
 * keeps of it, `form` the fields and files, `formError` why it is not one).
 * @typedef {{ raw: RawBody, parsed: unknown, parseFailed: boolean, form?: import('./formBody.js').Form, formError?: string }} Body
 */

/**
 * @param {SandboxState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
async function handleApi(state, req, res, url) {
	const call = openCall(state, req, url);
	const redirect = state.injector.take(call.path, 'early');
	if (redirect) return answerRedirect(state, call, res, redirect);

	const admission = admit(state, call);
	// Every other fault hits a call that passed the token and concurrency checks, in arrival order.
	const fault = admission.endpoint ? state.injector.take(call.path, 'accepted') : null;
	const release = slotRelease(state, admission.token);
	let slotHeld = false;
	try {
		const body = await readCallBody(state, req, admission.endpoint);
		if (!admission.endpoint) {
			release();
			return answerResult(state, call, res, body, { result: admission.refusal, quotaSpent: false, stored: false }, false);
		}
		const { token, endpoint } = admission;
		const ctx = endpointContext(state, token, url);
		const outcome = !fault || faults.processes(fault) ? await processCall(state, token, endpoint, ctx, body) : null;
		if (!fault) {
			release(); // before writing, so a client that calls again on receipt never sees a stale count
			return answerResult(state, call, res, body, /** @type {Outcome} */ (outcome), true);
		}
		slotHeld = holdSlotForFault(state, call, fault, release);
		answerFault(state, call, res, body, fault, outcome, () =>
			outcome && outcome.result.status < 300
				? outcome.result
				: syntheticSuccess(endpoint, ctx, body.parsed),
		);
	} finally {
		if (!slotHeld) release();
	}
}

/**
 * Numbers the call and counts it.
 * @param {SandboxState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {URL} url
 * @returns {Call}
 */
function openCall(state, req, url) {
	const call = {
		seq: state.requestLog.nextSeq(),
		startedAt: Date.now(),
		method: (req.method || 'GET').toUpperCase(),
		path: url.pathname,
		url,
		req,
		token: headerValue(req.headers['wolkvox-token']),
	};
	state.counters.totalRequests++;
	state.counters.byPath[call.path] = (state.counters.byPath[call.path] || 0) + 1;
	return call;
}

/**
 * The checks decided from the headers, before the body is read: maintenance, route, method, token, and the
 * vendor's limit of calls in flight per token. An admitted call takes a slot.
 * @param {SandboxState} state
 * @param {Call} call
 * @returns {Admission}
 */
function admit(state, call) {
	const { config } = state;
	if (config.maintenance) {
		const refusal = fail(403, MSG.MAINTENANCE, config.maintenance.message);
		if (config.maintenance.remaining !== null && --config.maintenance.remaining <= 0) config.maintenance = null;
		return { refusal };
	}
	const route = routeOf(call.path);
	if (!route) return { refusal: fail(400, MSG.NO_API, `No API at ${call.path}`) };
	if ('notImplemented' in route) {
		return { refusal: fail(501, MSG.NOT_IMPLEMENTED, `${call.path} exists at wolkvox but the sandbox does not implement it`) };
	}
	const endpoint = Object.prototype.hasOwnProperty.call(route.methods, call.method) ? route.methods[call.method] : undefined;
	if (!endpoint) {
		const allow = Object.keys(route.methods).join(', ');
		const refusal = fail(405, MSG.METHOD, `${call.method} is not allowed on ${call.path}; use ${allow}`);
		refusal.headers = { Allow: allow };
		return { refusal };
	}
	if (!call.token) return { refusal: fail(401, MSG.NO_TOKEN) };
	const token = state.tokens.get(call.token);
	if (!token) return { refusal: fail(403, MSG.BAD_TOKEN) };
	token.requests++;
	if (token.inFlight >= config.maxInFlightPerToken) {
		// Refused, not processed: spends no quota and takes no slot.
		token.rejectedConcurrency++;
		state.counters.rejectedConcurrency++;
		return { refusal: fail(403, MSG.SIMULTANEOUS(config.maxInFlightPerToken)) };
	}
	takeSlot(state, token);
	return { token, endpoint };
}

/** @param {SandboxState} state @param {TokenState} token */
function takeSlot(state, token) {
	const { counters } = state;
	token.inFlight++;
	counters.inFlight++;
	if (token.inFlight > token.maxInFlightObserved) token.maxInFlightObserved = token.inFlight;
	if (counters.inFlight > counters.maxInFlightObserved) counters.maxInFlightObserved = counters.inFlight;
}

/**
 * Gives the slot back exactly once, and only if the call took one. Called when the server has finished working
 * on the call, not when the client goes away: a real server keeps processing a call whose client disconnected,
 * and its slot stays taken until then.
 * @param {SandboxState} state
 * @param {TokenState|undefined} token the admitted call's token (undefined when it took no slot)
 * @returns {() => void}
 */
function slotRelease(state, token) {
	let released = !token;
	return () => {
		if (released || !token) return;
		released = true;
		token.inFlight--;
		state.counters.inFlight--;
	};
}

/**
 * Reads the body and parses it as the endpoint takes it: a form for the form endpoints, else JSON whatever the
 * Content-Type (refused calls included, so their log shows the body).
 * @param {SandboxState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {Endpoint} [endpoint]
 * @returns {Promise<Body>}
 */
async function readCallBody(state, req, endpoint) {
	const raw = await readBody(req, state.config.bodyLimitBytes);
	if (!raw.text) return { raw, parsed: undefined, parseFailed: false };
	if (endpoint && endpoint.body === 'form') {
		const read = parseForm(raw.buffer, headerValue(req.headers['content-type']));
		if ('error' in read) return { raw, parsed: undefined, parseFailed: true, formError: read.error };
		return { raw, parsed: formLogView(read.form), parseFailed: false, form: read.form };
	}
	try {
		return { raw, parsed: JSON.parse(raw.text), parseFailed: false };
	} catch {
		return { raw, parsed: undefined, parseFailed: true };
	}
}

/**
 * What an endpoint is given besides the request.
 * @param {SandboxState} state
 * @param {TokenState} token
 * @param {URL} url
 * @returns {EndpointContext}
 */
function endpointContext(state, token, url) {
	return { store: state.store, token, url, hoursToRestart: state.config.hoursToRestart };
}

/**
 * A normal call from the quota check on: 413 / quota refusal, else one use spent, the latency, the endpoint.
 * @param {SandboxState} state
 * @param {TokenState} token
 * @param {Endpoint} endpoint
 * @param {EndpointContext} ctx
 * @param {Body} body
 * @returns {Promise<Outcome>}
 */
async function processCall(state, token, endpoint, ctx, body) {
	const { config, counters, store } = state;
	if (body.raw.tooLarge) {
		return { result: fail(413, MSG.TOO_LARGE, `The body exceeds the sandbox limit of ${config.bodyLimitBytes} bytes`), quotaSpent: false, stored: false };
	}
	if (token.used >= token.quota) {
		counters.rejectedQuota++;
		const hours = config.hoursToRestart === null ? hoursToUtcMidnight() : config.hoursToRestart;
		return {
			result: fail(403, MSG.LIMIT, `The daily quota of ${token.quota} uses is spent; it restarts in about ${hours} hours`),
			quotaSpent: false,
			stored: false,
		};
	}
	// Every accepted call spends one use, including those then refused by validation.
	token.used++;
	if (config.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, config.latencyMs));
	const before = store.version();
	const result = dispatch(endpoint, ctx, body);
	return { result, quotaSpent: true, stored: store.version() !== before };
}

/**
 * Sends an answer in the vendor's envelope (a refusal, or what the endpoint answered) and logs it.
 * @param {SandboxState} state
 * @param {Call} call
 * @param {import('node:http').ServerResponse} res
 * @param {Body} body
 * @param {Outcome} outcome
 * @param {boolean} processed whether the call reached its endpoint (its log line then sums up a bulk answer)
 */
function answerResult(state, call, res, body, outcome, processed) {
	const { result } = outcome;
	const summary = processed ? /** @type {Record<string, unknown>|undefined} */ (result.body.summary) : undefined;
	logCall(state, call, body, {
		status: result.status,
		response: state.requestLog.response(result.body, body.raw.bytes),
		msg: summary
			? `success=${result.body.success} received=${summary.total_records_received} failed=${summary.failed_count}`
			: result.body.msg,
		quotaSpent: outcome.quotaSpent,
		stored: outcome.stored,
		fault: null,
	});
	sendJson(res, result.status, result.body, result.headers);
}

/**
 * A misconfigured host or proxy answers before the API sees the call.
 * @param {SandboxState} state
 * @param {Call} call
 * @param {import('node:http').ServerResponse} res
 * @param {import('./faults.js').Fault} redirect
 */
async function answerRedirect(state, call, res, redirect) {
	const body = await readCallBody(state, call.req);
	const answer = faults.redirectAnswer(redirect, call.req);
	logCall(state, call, body, {
		status: answer.status,
		response: state.requestLog.faultResponse(answer, body.raw),
		msg: answer.logMsg,
		quotaSpent: false,
		stored: false,
		fault: redirect.mode,
	});
	faults.writeAnswer(call.req, res, answer, state.timers);
}

/**
 * A "still working" fault (noReply) keeps the call's slot until holdMs after the call arrived, client or not.
 * @param {SandboxState} state
 * @param {Call} call
 * @param {import('./faults.js').Fault} fault
 * @param {() => void} release
 * @returns {boolean} whether the slot is held (released later, or by close())
 */
function holdSlotForFault(state, call, fault, release) {
	if (fault.mode !== 'noReply') {
		release();
		return false;
	}
	const wait = Math.max(0, call.startedAt + /** @type {number} */ (fault.holdMs) - Date.now());
	const done = () => {
		clearTimeout(timer);
		state.timers.delete(timer);
		state.pendingReleases.delete(done);
		release();
	};
	const timer = setTimeout(done, wait);
	state.timers.add(timer);
	state.pendingReleases.add(done);
	return true;
}

/**
 * The fault's answer in place of the call's own, logged with what the call did (quota, storage).
 * @param {SandboxState} state
 * @param {Call} call
 * @param {import('node:http').ServerResponse} res
 * @param {Body} body
 * @param {import('./faults.js').Fault} fault
 * @param {Outcome|null} outcome the call's own outcome when the fault let it be processed
 * @param {() => ApiResult} successShape
 */
function answerFault(state, call, res, body, fault, outcome, successShape) {
	const answer = faults.faultAnswer(fault, {
		req: call.req,
		maxInFlight: state.config.maxInFlightPerToken,
		result: outcome ? outcome.result : null,
		successShape,
	});
	logCall(state, call, body, {
		status: answer.status,
		response: state.requestLog.faultResponse(answer, body.raw),
		msg: answer.logMsg,
		quotaSpent: !!outcome && outcome.quotaSpent,
		stored: !!outcome && outcome.stored,
		fault: fault.mode,
	});
	faults.writeAnswer(call.req, res, answer, state.timers);
}

/**
 * Logs a call once its answer is decided.
 * @param {SandboxState} state
 * @param {Call} call
 * @param {Body} body
 * @param {{ status: number, response: unknown, msg: unknown, quotaSpent: boolean, stored: boolean, fault: string|null }} o
 */
function logCall(state, call, body, o) {
	const endedAt = Date.now();
	if (o.status > 0) state.counters.byStatus[o.status] = (state.counters.byStatus[o.status] || 0) + 1;
	state.requestLog.record({
		seq: call.seq,
		method: call.method,
		path: call.path,
		query: Object.fromEntries(call.url.searchParams),
		headers: redactHeaders(call.req.headers),
		tokenPresent: !!call.token,
		tokenFingerprint: call.token ? fingerprint(call.token) : null,
		body: state.requestLog.body(body.raw, body.parsed, body.parseFailed),
		bodyBytes: body.raw.bytes,
		status: o.status,
		response: o.response,
		quotaSpent: o.quotaSpent,
		fault: o.fault,
		stored: o.stored,
		startedAt: call.startedAt,
		endedAt,
		durationMs: endedAt - call.startedAt,
	});
	if (state.log) {
		state.log(`${call.method} ${call.path} -> ${o.status} ${o.msg} (${endedAt - call.startedAt} ms)${o.fault ? ` [fault ${o.fault}]` : ''}`);
	}
}

module.exports = { handleApi };
