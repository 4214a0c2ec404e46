'use strict';
/**
 * Fault injector of the wolkvox sandbox: makes API calls fail the way a faulty gateway, a proxy or a
 * hostile server would, so tests can prove the client stays correct (what a failed call means for the
 * data). api.js decides *when* a call reaches the injector; this module holds the fault's state (skip /
 * remaining / path), validates its options and builds the wire answers.
 *
 * Switched on with `configure({ fault: { mode, remaining?, skip?, path?, ...options } })`, off with
 * `configure({ fault: null })`. Kept across reset(), like the rest of the config.
 */

const http = require('node:http');
const { isPlainObject } = require('./values.js');

/**
 * Modes and the options each accepts (beyond mode, remaining, skip, path). `processes` says whether the
 * call is handled as a normal call first (handler runs, quota spent, data stored) before the fault answer.
 * @type {Record<string, { options: string[], processes: (f: Fault) => boolean }>}
 */
const MODE_SPECS = {
	redirect: { options: ['status', 'location'], processes: () => false },
	simultaneous: { options: [], processes: () => false },
	status: { options: ['status', 'store', 'body'], processes: (f) => f.store === true },
	resetBeforeStore: { options: [], processes: () => false },
	resetAfterStore: { options: [], processes: () => true },
	noReply: { options: ['holdMs', 'store'], processes: (f) => f.store === true },
	trickle: { options: ['intervalMs', 'store'], processes: (f) => f.store === true },
	malformedJson: { options: ['store'], processes: (f) => f.store === true },
	empty2xx: { options: ['status', 'store'], processes: (f) => f.store === true },
	errorCode2xx: { options: ['code', 'msg', 'store'], processes: (f) => f.store === true },
	echoHeaders: { options: ['status'], processes: () => false },
	huge: { options: ['bytes', 'status', 'field', 'store'], processes: (f) => f.store === true },
};
const MODES = Object.freeze(Object.keys(MODE_SPECS));
const COMMON_KEYS = ['mode', 'remaining', 'skip', 'path'];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const HUGE_FIELDS = ['msg', 'error', 'failed_Sumary'];
// Sandbox texts: the vendor's wording for an internal error is unknown.
const ERROR_2XX_MSG = 'AN ERROR OCCURRED WHILE PROCESSING THE REQUEST, PLEASE TRY AGAIN';
const SERVER_ERROR_MSG = 'INTERNAL SERVER ERROR';

/**
 * A fault as configured, with its defaults filled in. `remaining` null = unlimited.
 * @typedef {Object} Fault
 * @property {string} mode
 * @property {number|null} remaining
 * @property {number} skip
 * @property {string|null} path
 * @property {number} [status]
 * @property {string} [location]
 * @property {boolean} [store]
 * @property {unknown} [body]
 * @property {number} [holdMs]
 * @property {number} [intervalMs]
 * @property {string|number} [code]
 * @property {string} [msg]
 * @property {number} [bytes]
 * @property {'msg'|'error'|'failed_Sumary'} [field]
 *
 * What api.js gives the injector to build an answer.
 * @typedef {Object} FaultContext
 * @property {http.IncomingMessage} req
 * @property {number} maxInFlight                     the concurrency limit, for the vendor message
 * @property {{ status: number, body: Record<string, unknown>, headers?: Record<string, string> }|null} result
 *   the normal answer when the call was processed, else null
 * @property {() => { status: number, body: Record<string, unknown> }} successShape
 *   a success envelope of this endpoint (the real one when processing succeeded, a made-up one otherwise)
 *
 * A planned wire answer. `send`: status, headers and a body; `reset`: drop the socket; `silent`: never
 * answer; `trickle`: like send, one byte at a time. `logResponse` is what the request log keeps (never the
 * token, never megabytes).
 * @typedef {{ kind: 'send'|'trickle', status: number, headers: Record<string, string>, body: string, logResponse: unknown, logMsg: string, intervalMs?: number }} BodyAnswer
 * @typedef {{ kind: 'reset'|'silent', status: 0, logResponse: null, logMsg: string }} NoAnswer
 * @typedef {BodyAnswer|NoAnswer} FaultAnswer
 */

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/** @param {unknown} v @param {string} name */
function count(v, name) {
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new TypeError(`fault.${name} must be a non-negative integer`);
	return v;
}

/** @param {unknown} v @param {string} name @param {boolean} dflt */
function bool(v, name, dflt) {
	if (v === undefined) return dflt;
	if (typeof v !== 'boolean') throw new TypeError(`fault.${name} must be true or false`);
	return v;
}

/** @param {unknown} v @param {number} dflt @param {number} min @param {number} max @param {string} name */
function statusIn(v, dflt, min, max, name) {
	if (v === undefined) return dflt;
	if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
		throw new TypeError(`fault.${name} must be an HTTP status from ${min} to ${max}`);
	}
	return v;
}

/**
 * Validates a fault setting and fills in its defaults. Unknown keys are refused so that a typo
 * (`hold` for `holdMs`) fails loudly instead of silently testing the default.
 * @param {unknown} input
 * @returns {Fault|null} null when the fault is switched off (null, false, or remaining 0)
 */
function normaliseFault(input) {
	if (input === null || input === undefined || input === false) return null;
	if (!isPlainObject(input)) throw new TypeError('fault must be an object { mode, ... } or null');
	const mode = input.mode;
	if (typeof mode !== 'string' || !MODES.includes(mode)) {
		throw new TypeError(`fault.mode must be one of ${MODES.join(', ')} (got ${JSON.stringify(mode)})`);
	}
	const spec = MODE_SPECS[mode];
	for (const key of Object.keys(input)) {
		if (!COMMON_KEYS.includes(key) && !spec.options.includes(key)) {
			throw new TypeError(`fault mode ${mode} has no option ${key}; it takes ${[...COMMON_KEYS, ...spec.options].join(', ')}`);
		}
	}
	const remaining = input.remaining === undefined || input.remaining === null ? null : count(input.remaining, 'remaining');
	if (remaining === 0) return null;
	if (input.path !== undefined && input.path !== null && (typeof input.path !== 'string' || input.path === '')) {
		throw new TypeError('fault.path must be a non-empty string (the end of the API path, e.g. "insert.php")');
	}
	/** @type {Fault} */
	const f = {
		mode,
		remaining,
		skip: input.skip === undefined ? 0 : count(input.skip, 'skip'),
		path: typeof input.path === 'string' ? input.path : null,
	};
	switch (mode) {
		case 'redirect':
			f.status = input.status === undefined ? 301 : /** @type {number} */ (input.status);
			if (!REDIRECT_STATUSES.includes(f.status)) throw new TypeError(`fault.status of redirect must be one of ${REDIRECT_STATUSES.join(', ')}`);
			if (input.location !== undefined && (typeof input.location !== 'string' || !input.location)) {
				throw new TypeError('fault.location must be a non-empty string');
			}
			// Default: where a retired wolkvox host would send the client.
			if (typeof input.location === 'string') f.location = input.location;
			break;
		case 'status':
			f.status = statusIn(input.status, 500, 400, 599, 'status');
			f.store = bool(input.store, 'store', false);
			if (input.body !== undefined && typeof input.body !== 'string' && !isPlainObject(input.body)) {
				throw new TypeError('fault.body must be a string or an object');
			}
			if (input.body !== undefined) f.body = input.body;
			break;
		case 'noReply':
			f.holdMs = input.holdMs === undefined ? 30000 : count(input.holdMs, 'holdMs');
			f.store = bool(input.store, 'store', true);
			break;
		case 'trickle':
			f.intervalMs = input.intervalMs === undefined ? 1000 : count(input.intervalMs, 'intervalMs');
			f.store = bool(input.store, 'store', true);
			break;
		case 'malformedJson':
			f.store = bool(input.store, 'store', true);
			break;
		case 'empty2xx':
			f.status = statusIn(input.status, 200, 200, 299, 'status');
			f.store = bool(input.store, 'store', true);
			break;
		case 'errorCode2xx':
			if (input.code !== undefined && typeof input.code !== 'string' && typeof input.code !== 'number') {
				throw new TypeError('fault.code must be a string or a number');
			}
			f.code = input.code === undefined ? '500' : /** @type {string|number} */ (input.code);
			if (input.msg !== undefined && typeof input.msg !== 'string') throw new TypeError('fault.msg must be a string');
			f.msg = typeof input.msg === 'string' ? input.msg : ERROR_2XX_MSG;
			f.store = bool(input.store, 'store', false);
			break;
		case 'echoHeaders':
			f.status = statusIn(input.status, 400, 200, 599, 'status');
			break;
		case 'huge': {
			f.bytes = input.bytes === undefined ? 50 * 1024 * 1024 : count(input.bytes, 'bytes');
			f.status = statusIn(input.status, 200, 200, 599, 'status');
			const field = input.field === undefined ? 'msg' : input.field;
			if (typeof field !== 'string' || !HUGE_FIELDS.includes(field)) throw new TypeError(`fault.field must be one of ${HUGE_FIELDS.join(', ')}`);
			f.field = /** @type {'msg'|'error'|'failed_Sumary'} */ (field);
			f.store = bool(input.store, 'store', f.status < 300);
			break;
		}
		default:
			break;
	}
	return f;
}

/**
 * Same matching as `requests({ path })`: the whole path, or its end at a `/` boundary.
 * @param {string} path
 * @param {string} suffix
 */
function pathMatches(path, suffix) {
	return path === suffix || path.endsWith(suffix.startsWith('/') ? suffix : '/' + suffix);
}

/**
 * Holds the active fault and counts the faults applied.
 */
function createFaultInjector() {
	/** @type {Fault|null} */
	let active = null;
	/** @type {Record<string, number>} */
	let applied = {};

	return {
		/** @param {unknown} input */
		configure(input) {
			active = normaliseFault(input);
		},
		/** @returns {Fault|null} a copy, for publicConfig() */
		current() {
			return active ? { ...active } : null;
		},
		/**
		 * Called once per API call at the point where a fault of this phase could apply. Returns the fault
		 * for this call (a snapshot, so switching it off later does not change a call under way) or null.
		 * `early` is the redirect phase (before every check); `accepted` is a call that passed the token and
		 * concurrency checks.
		 * @param {string} path
		 * @param {'early'|'accepted'} phase
		 * @returns {Fault|null}
		 */
		take(path, phase) {
			const f = active;
			if (!f) return null;
			if ((f.mode === 'redirect') !== (phase === 'early')) return null;
			if (f.path && !pathMatches(path, f.path)) return null;
			if (f.skip > 0) {
				f.skip--;
				return null;
			}
			const snapshot = { ...f };
			if (f.remaining !== null && --f.remaining <= 0) active = null;
			applied[f.mode] = (applied[f.mode] || 0) + 1;
			return snapshot;
		},
		/** @returns {Record<string, number>} */
		applied() {
			return { ...applied };
		},
		resetCounts() {
			applied = {};
		},
	};
}

/** @param {Fault} f */
function processes(f) {
	return MODE_SPECS[f.mode].processes(f);
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

/** @param {number} status */
function reason(status) {
	return http.STATUS_CODES[status] || 'Error';
}

/** @param {number} status @param {string} msg @param {string} [error] */
function envelope(status, msg, error) {
	return { code: String(status), error: error || msg, msg, data: null };
}

/**
 * The HTML a gateway in front of the API serves when the backend is down or slow: not JSON, and
 * not the vendor's envelope, which is the point of this fault.
 * @param {number} status
 */
function gatewayPage(status) {
	const title = `${status} ${reason(status)}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>|null} [extraHeaders]
 * @returns {BodyAnswer}
 */
function sendJsonAnswer(status, body, extraHeaders) {
	const text = JSON.stringify(body);
	return {
		kind: 'send',
		status,
		headers: { 'Content-Type': 'application/json', ...(extraHeaders || {}) },
		body: text,
		logResponse: body,
		logMsg: isPlainObject(body) && typeof body.msg === 'string' ? body.msg : '',
	};
}

/**
 * @param {number} status
 * @param {string} text
 * @returns {BodyAnswer}
 */
function sendTextAnswer(status, text) {
	const html = text.trimStart().startsWith('<');
	return {
		kind: 'send',
		status,
		headers: { 'Content-Type': html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8' },
		body: text,
		logResponse: text.length > 2000 ? text.slice(0, 2000) + '…' : text,
		logMsg: html ? `(${status} page)` : text.slice(0, 80),
	};
}

/**
 * The redirect answer: a misconfigured host or proxy, decided before any check.
 * @param {Fault} f
 * @param {http.IncomingMessage} req
 * @returns {BodyAnswer}
 */
function redirectAnswer(f, req) {
	const status = /** @type {number} */ (f.status);
	const location = f.location || `https://crm0000.wolkvox.com${req.url || '/'}`;
	const page = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>${status} ${reason(status)}</title></head><body>\n<h1>${reason(status)}</h1>\n<p>The document has moved <a href="${location}">here</a>.</p>\n</body></html>\n`;
	const a = sendTextAnswer(status, page);
	a.headers.Location = location;
	a.logMsg = `${status} -> ${location}`;
	return a;
}

/**
 * Text of exactly `bytes` bytes (ASCII), starting with `start`, padded with something that reads like
 * a vendor error list so a client that shows it shows text, not garbage.
 * @param {number} bytes
 * @param {string} start
 */
function hugeText(bytes, start) {
	const filler = ' Missing required field: Email;';
	const head = start.slice(0, bytes);
	const rest = bytes - head.length;
	if (rest <= 0) return head;
	return head + filler.repeat(Math.ceil(rest / filler.length)).slice(0, rest);
}

/**
 * The headers as the server received them, raw (names in their original case, token included).
 * @param {http.IncomingMessage} req
 * @param {boolean} redact  true for the sandbox's own log
 */
function headerLines(req, redact) {
	/** @type {string[]} */
	const lines = [];
	const raw = req.rawHeaders;
	for (let i = 0; i + 1 < raw.length; i += 2) {
		const secret = ['wolkvox-token', 'authorization', 'proxy-authorization', 'cookie'].includes(raw[i].toLowerCase());
		lines.push(`${raw[i]}: ${redact && secret ? '[REDACTED]' : raw[i + 1]}`);
	}
	return lines;
}

/**
 * A hostile (or badly debugged) server that echoes the request headers into its error, token included.
 * @param {Fault} f
 * @param {http.IncomingMessage} req
 * @returns {FaultAnswer}
 */
function echoHeadersAnswer(f, req) {
	const status = /** @type {number} */ (f.status);
	/** @param {boolean} redact */
	const build = (redact) => {
		const lines = headerLines(req, redact);
		/** @type {Record<string, string>} */
		const data = {};
		for (const line of lines) {
			const i = line.indexOf(': ');
			data[line.slice(0, i)] = line.slice(i + 2);
		}
		return {
			code: String(status),
			error: `Request headers:\r\n${lines.join('\r\n')}`,
			msg: `INVALID REQUEST, HEADERS RECEIVED: ${lines.join('; ')}`,
			data: { headers: data },
		};
	};
	const a = sendJsonAnswer(status, build(false));
	a.logResponse = build(true);
	a.logMsg = 'INVALID REQUEST, HEADERS RECEIVED: [echoed, redacted here]';
	return a;
}

/**
 * A success envelope whose `msg` / `error` / failed_Sumary entry error is `bytes` long, or for an error
 * status an error envelope with the same. The log keeps the envelope with the long text replaced by its size.
 * @param {Fault} f
 * @param {FaultContext} ctx
 * @returns {FaultAnswer}
 */
function hugeAnswer(f, ctx) {
	const status = /** @type {number} */ (f.status);
	const bytes = /** @type {number} */ (f.bytes);
	const field = /** @type {string} */ (f.field);
	const marker = `[${bytes} bytes]`;
	/** @type {Record<string, unknown>} */
	let body;
	if (status < 300) {
		body = { ...ctx.successShape().body };
	} else {
		const msg = status >= 500 ? SERVER_ERROR_MSG : reason(status).toUpperCase();
		body = envelope(status, msg);
	}
	/** @param {string} text */
	const fill = (text) => {
		if (field === 'msg') return { ...body, msg: text };
		if (field === 'error') return { ...body, error: text };
		// failed_Sumary: the first entry's error (or a made-up entry when the call had none).
		const summary = isPlainObject(body.summary) ? body.summary : { total_records_received: 1, successful_inserts: 0, failed_count: 1, total_processed: 1 };
		const entries = Array.isArray(summary.failed_Sumary) ? summary.failed_Sumary.slice() : [];
		if (entries.length === 0) {
			entries.push({ index: 0, Identification: null, error: text });
			return { ...body, success: false, summary: { ...summary, failed_count: Math.max(1, Number(summary.failed_count) || 0), failed_Sumary: entries } };
		}
		entries[0] = { ...(isPlainObject(entries[0]) ? entries[0] : {}), error: text };
		return { ...body, success: false, summary: { ...summary, failed_Sumary: entries } };
	};
	const start = field === 'msg' && typeof body.msg === 'string' ? body.msg + ' ' : '';
	const a = sendJsonAnswer(status, fill(hugeText(bytes, start)));
	a.logResponse = fill(marker);
	a.logMsg = field === 'msg' ? `${start}${marker}` : String(body.msg || '');
	return a;
}

/**
 * The success envelope cut short, mid-`msg` when it has one: what a proxy that dropped the end of a
 * response, or a PHP fatal error half-way through the output, delivers.
 * @param {Record<string, unknown>} body
 */
function truncatedJson(body) {
	const text = JSON.stringify(body);
	const at = text.indexOf('"msg":"');
	const cut = at >= 0 ? Math.min(text.length - 1, at + 7 + 14) : Math.max(1, Math.floor(text.length / 2));
	return text.slice(0, cut);
}

/**
 * The answer of a fault whose call reached the injector (every mode but redirect).
 * @param {Fault} f
 * @param {FaultContext} ctx
 * @returns {FaultAnswer}
 */
function faultAnswer(f, ctx) {
	switch (f.mode) {
		case 'simultaneous': {
			const msg = `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (${ctx.maxInFlight})`;
			return sendJsonAnswer(403, envelope(403, msg));
		}
		case 'status': {
			const status = /** @type {number} */ (f.status);
			if (typeof f.body === 'string') return sendTextAnswer(status, f.body);
			if (f.body !== undefined) return sendJsonAnswer(status, f.body);
			if (status === 502 || status === 503 || status === 504) return sendTextAnswer(status, gatewayPage(status));
			return sendJsonAnswer(status, envelope(status, status === 500 ? SERVER_ERROR_MSG : reason(status).toUpperCase()));
		}
		case 'resetBeforeStore':
		case 'resetAfterStore':
			return { kind: 'reset', status: 0, logResponse: null, logMsg: '(connection reset)' };
		case 'noReply':
			return { kind: 'silent', status: 0, logResponse: null, logMsg: '(no reply)' };
		case 'trickle': {
			// The call's own answer, whatever it was, just slow; a made-up success when not processed.
			const r = ctx.result || ctx.successShape();
			const a = sendJsonAnswer(r.status, r.body, ctx.result && ctx.result.headers);
			/** @type {BodyAnswer} */
			const slow = { ...a, kind: 'trickle', intervalMs: f.intervalMs };
			return slow;
		}
		case 'malformedJson': {
			const text = truncatedJson(ctx.successShape().body);
			return {
				kind: 'send',
				status: 200,
				headers: { 'Content-Type': 'application/json' },
				body: text,
				logResponse: text,
				logMsg: '(truncated JSON)',
			};
		}
		case 'empty2xx':
			return {
				kind: 'send',
				status: /** @type {number} */ (f.status),
				headers: { 'Content-Type': 'application/json' },
				body: '',
				logResponse: '',
				logMsg: '(empty body)',
			};
		case 'errorCode2xx':
			return sendJsonAnswer(200, { code: f.code, error: f.msg, msg: f.msg, data: null });
		case 'echoHeaders':
			return echoHeadersAnswer(f, ctx.req);
		case 'huge':
			return hugeAnswer(f, ctx);
		default:
			throw new Error(`fault mode ${f.mode} has no answer here`);
	}
}

/**
 * Writes a planned answer. Timers it starts (trickle) are added to `timers` so that close() can stop them.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {FaultAnswer} a
 * @param {Set<NodeJS.Timeout>} timers
 */
function writeAnswer(req, res, a, timers) {
	if (!('body' in a)) {
		if (a.kind === 'silent') return; // the connection stays open until the client (or close()) ends it
		// A real TCP reset (RST) where the platform allows it; a plain destroy otherwise.
		const socket = /** @type {import('node:net').Socket & { resetAndDestroy?: () => void }} */ (req.socket);
		if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
		else socket.destroy();
		return;
	}
	if (res.headersSent || res.destroyed) return;
	const buf = Buffer.from(a.body, 'utf8');
	res.writeHead(a.status, { ...a.headers, 'Content-Length': String(buf.length) });
	if (a.kind === 'send' || buf.length === 0) {
		res.end(buf);
		return;
	}
	// trickle: headers now, then one byte per interval; stop when the client goes away.
	res.flushHeaders();
	let i = 0;
	const timer = setInterval(() => {
		if (res.destroyed || res.writableEnded) {
			clearInterval(timer);
			timers.delete(timer);
			return;
		}
		res.write(buf.subarray(i, i + 1));
		i++;
		if (i >= buf.length) {
			clearInterval(timer);
			timers.delete(timer);
			res.end();
		}
	}, Math.max(1, a.intervalMs || 1));
	timers.add(timer);
	res.on('close', () => {
		clearInterval(timer);
		timers.delete(timer);
	});
}

module.exports = {
	MODES,
	normaliseFault,
	createFaultInjector,
	processes,
	pathMatches,
	redirectAnswer,
	faultAnswer,
	writeAnswer,
};
