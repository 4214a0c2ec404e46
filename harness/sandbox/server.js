'use strict';
/**
 * wolkvox sandbox: a local HTTP server that behaves as the wolkvox CRM API v2 reference
 * (`/work/shared/wolkvox-api.md` + the vendor pages) says. Zero dependencies, plain CommonJS,
 * so the demo, the e2e harness and jest can all start it with plain `node`.
 *
 * Written from the reference, not from the node: where the vendor is silent the decision taken is
 * marked "Decision:" here and listed in README.md.
 */

const http = require('node:http');
const crypto = require('node:crypto');
const faults = require('./faults.js');

const BASE_PATH = '/server/API/v2';
const ADMIN_PREFIX = '/__sandbox';

const DEFAULT_TOKEN = 'sandbox-token-0001';
const DEFAULT_OPERATION = 'demo_operation';
const DEFAULT_QUOTA = 4800;
const DEFAULT_LATENCY_MS = 3;
const DEFAULT_MAX_IN_FLIGHT = 2;
const DEFAULT_BODY_LIMIT = 256 * 1024 * 1024;
const DEFAULT_MAX_LOGGED = 10000;
const DEFAULT_MAX_RECORDED_BODY_BYTES = 16 * 1024 * 1024;

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
	// Vendor success texts (spelling and grammar are the vendor's).
	CREATED: 'Succesfully create record',
	/** @param {number} n */
	FOUND: (n) => `${n} records were are found`,
});

const TYPED_VALUE_TYPES = ['address', 'table', 'search', 'relation', 'telephone', 'currency'];
const TASK_PRIORITIES = ['high', 'normal', 'low'];

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {{ operation: string, quota?: number }} TokenSpec
 *
 * @typedef {Object} SandboxOptions
 * @property {number} [port]            0 (default) = a free port
 * @property {string} [host]            default 127.0.0.1
 * @property {Record<string, TokenSpec>} [tokens] default { 'sandbox-token-0001': { operation: 'demo_operation', quota: 4800 } }
 * @property {number} [latencyMs]       artificial latency of every accepted call, default 3
 * @property {number} [maxInFlightPerToken] default 2 (the vendor's rule)
 * @property {boolean|'summary'} [recordBodies] store request/response bodies in the log: true (default), false, 'summary'
 * @property {number} [maxLoggedRequests] ring size of the request log, default 10000
 * @property {number} [maxRecordedBodyBytes] bodies larger than this are logged as a summary even when recordBodies is true (16 MB)
 * @property {number} [bodyLimitBytes]  default 256 MB
 * @property {MaintenanceSetting} [maintenance]
 * @property {number|null} [hoursToRestart] fixed value for tokenInformation's hours_to_restart_count (default: hours to next UTC midnight)
 * @property {(line: string) => void} [log] called with one line per API request (never contains the token)
 * @property {FaultSetting|null} [fault] a fault to inject from the start (see faults.js and README.md)
 *
 * @typedef {{ mode: string, remaining?: number|null, skip?: number, path?: string|null, [option: string]: unknown }} FaultSetting
 *
 * @typedef {boolean|string|{ message?: string, remaining?: number }} MaintenanceSetting
 *   true / a message: every API call answers 403 until switched off; { remaining: n }: only the next n calls.
 *
 * @typedef {Object} SandboxConfigPatch
 * @property {number} [latencyMs]
 * @property {number} [maxInFlightPerToken]
 * @property {boolean|'summary'} [recordBodies]
 * @property {number} [maxLoggedRequests]
 * @property {number} [maxRecordedBodyBytes]
 * @property {number} [bodyLimitBytes]
 * @property {MaintenanceSetting} [maintenance]
 * @property {number|null} [hoursToRestart]
 * @property {number} [quota]   sets the daily quota of every token
 * @property {Record<string, TokenSpec|null>} [tokens] add / replace tokens (null removes one)
 * @property {Record<string, number>} [tokenUsage] key = raw token or its fingerprint; value = uses spent today
 * @property {FaultSetting|null} [fault] switch a fault on (replacing any other) or off (null)
 *
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
 * @typedef {Object} TokenState
 * @property {string} token
 * @property {string} fingerprint
 * @property {string} operation
 * @property {number} quota
 * @property {number} used
 * @property {number} inFlight
 * @property {number} maxInFlightObserved
 * @property {number} rejectedConcurrency
 * @property {number} requests
 *
 * @typedef {{ status: number, body: Record<string, unknown>, headers?: Record<string, string> }} ApiResult
 *
 * @typedef {Object} TokenStats  per token, keyed by fingerprint in stats().perToken
 * @property {string} operation
 * @property {number} quota
 * @property {number} used                 uses spent today
 * @property {number} remaining
 * @property {number} requests             calls that presented this token (refused ones included)
 * @property {number} inFlight             accepted calls running now
 * @property {number} maxInFlightObserved  peak of accepted simultaneous calls
 * @property {number} rejectedConcurrency  calls refused for exceeding the simultaneous limit
 */

// ---------------------------------------------------------------------------------------------
// Small pure helpers
// ---------------------------------------------------------------------------------------------

/**
 * Non-reversible short fingerprint of a token, safe to show in logs and admin output.
 * @param {string} token
 * @returns {string}
 */
function fingerprint(token) {
	return 'sha256:' + crypto.createHash('sha256').update(String(token)).digest('hex').slice(0, 12);
}

const OBJECT_ID_PROCESS = crypto.randomBytes(5).toString('hex');
let objectIdCounter = crypto.randomBytes(3).readUIntBE(0, 3);
/**
 * A 24-hex id shaped like the vendor's `wolkvox_id` (MongoDB ObjectId layout: time, process, counter).
 * @returns {string}
 */
function newWolkvoxId() {
	objectIdCounter = (objectIdCounter + 1) & 0xffffff;
	const time = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
	return time + OBJECT_ID_PROCESS + objectIdCounter.toString(16).padStart(6, '0');
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isPlainObject(v) {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Non-empty string, or a finite number. @param {unknown} v */
function isFilled(v) {
	if (typeof v === 'string') return v.trim() !== '';
	if (typeof v === 'number') return Number.isFinite(v);
	return false;
}

/** @param {unknown} v */
function isEmptyValue(v) {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** @param {number} y @param {number} m @param {number} d */
function isCalendarDate(y, m, d) {
	const dt = new Date(Date.UTC(y, m - 1, d));
	return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const RE_YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const RE_DMY = /^(\d{2})-(\d{2})-(\d{4})$/;
const RE_YMD_HMS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const RE_NUMERIC = /^-?\d+(\.\d+)?$/;

/** `YYYY-MM-DD`, a real calendar date. @param {unknown} v */
function isYmd(v) {
	const m = typeof v === 'string' ? RE_YMD.exec(v) : null;
	return !!m && isCalendarDate(+m[1], +m[2], +m[3]);
}
/** `DD-MM-YYYY`, a real calendar date. @param {unknown} v */
function isDmy(v) {
	const m = typeof v === 'string' ? RE_DMY.exec(v) : null;
	return !!m && isCalendarDate(+m[3], +m[2], +m[1]);
}
/** `YYYY-MM-DD HH:mm:ss`, a real date and time. @param {unknown} v */
function isYmdHms(v) {
	const m = typeof v === 'string' ? RE_YMD_HMS.exec(v) : null;
	return !!m && isCalendarDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 60;
}
/** A number, or a plain decimal string such as "1000" / "1750.50" (no thousands separators). @param {unknown} v */
function isNumeric(v) {
	if (typeof v === 'number') return Number.isFinite(v);
	return typeof v === 'string' && RE_NUMERIC.test(v.trim());
}

/** @param {unknown} v */
function describe(v) {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'an array';
	if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
	if (typeof v === 'object') return 'an object';
	return String(v);
}

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

/** @param {number} ms */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Hours (rounded up, at least 1) until the next UTC midnight. */
function hoursToUtcMidnight() {
	const now = new Date();
	const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
	return Math.max(1, Math.ceil((next - now.getTime()) / 3600000));
}

// ---------------------------------------------------------------------------------------------
// Validation of the request bodies (pure: body in, list of problems out)
// ---------------------------------------------------------------------------------------------

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
 * Task fields (seed 002). All listed as required; decision: `remember` is a boolean and
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
 * Obligation `fields` (seed 000): id and name required; dates YYYY-MM-DD or DD-MM-YYYY;
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
 * Gestion `fields` (seed 001): tipifycation_code, tipifycation_desc, module ("collections"), wolkvox_idRecord.
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
 * One case file of massiveCollections.php (seed 003).
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

// ---------------------------------------------------------------------------------------------
// Routing table
// ---------------------------------------------------------------------------------------------

/** @typedef {'insert'|'query'|'insertObligation'|'insertGestion'|'massiveCollections'|'tokenInformation'} Handler */

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

// ---------------------------------------------------------------------------------------------
// The sandbox
// ---------------------------------------------------------------------------------------------

/**
 * Starts a sandbox. Resolves once it listens.
 * @param {SandboxOptions} [options]
 */
async function startSandbox(options = {}) {
	const config = {
		latencyMs: numberOr(options.latencyMs, DEFAULT_LATENCY_MS),
		maxInFlightPerToken: numberOr(options.maxInFlightPerToken, DEFAULT_MAX_IN_FLIGHT),
		/** @type {boolean|'summary'} */
		recordBodies: options.recordBodies === undefined ? true : options.recordBodies,
		maxLoggedRequests: numberOr(options.maxLoggedRequests, DEFAULT_MAX_LOGGED),
		maxRecordedBodyBytes: numberOr(options.maxRecordedBodyBytes, DEFAULT_MAX_RECORDED_BODY_BYTES),
		bodyLimitBytes: numberOr(options.bodyLimitBytes, DEFAULT_BODY_LIMIT),
		/** @type {{ message: string, remaining: number|null }|null} */
		maintenance: normaliseMaintenance(options.maintenance),
		/** @type {number|null} */
		hoursToRestart: options.hoursToRestart === undefined ? null : options.hoursToRestart,
	};
	const log = typeof options.log === 'function' ? options.log : null;

	/** @type {Map<string, TokenState>} raw token -> state (raw tokens never leave this map) */
	const tokens = new Map();
	const tokenSpecs = options.tokens || { [DEFAULT_TOKEN]: { operation: DEFAULT_OPERATION, quota: DEFAULT_QUOTA } };
	for (const [token, spec] of Object.entries(tokenSpecs)) addToken(token, spec);

	/** @param {string} token @param {TokenSpec} spec */
	function addToken(token, spec) {
		if (!token || !spec || !isFilled(spec.operation)) throw new Error('sandbox: every token needs an operation');
		const existing = tokens.get(token);
		/** @type {TokenState} */
		const state = existing || {
			token,
			fingerprint: fingerprint(token),
			operation: '',
			quota: DEFAULT_QUOTA,
			used: 0,
			inFlight: 0,
			maxInFlightObserved: 0,
			rejectedConcurrency: 0,
			requests: 0,
		};
		state.operation = String(spec.operation);
		state.quota = numberOr(spec.quota, existing ? existing.quota : DEFAULT_QUOTA);
		tokens.set(token, state);
	}

	/** @param {string} key raw token or fingerprint */
	function findToken(key) {
		const direct = tokens.get(key);
		if (direct) return direct;
		for (const t of tokens.values()) if (t.fingerprint === key) return t;
		return undefined;
	}

	// ---- state that reset() clears ----------------------------------------------------------
	let seq = 0; // monotonic across resets so that `since=` polling never misses a request
	/** @type {ReceivedRequest[]} */
	let requestLog = [];
	let counters = freshCounters();
	/** @type {Map<string, Map<string, Record<string, unknown>>>} module -> wolkvox_id -> record */
	let records = new Map();
	/** @type {Map<string, Record<string, unknown>>} Identification -> case file (without Obligations) */
	let caseFiles = new Map();
	/** @type {Map<string, Map<string, Record<string, unknown>>>} case-file wolkvox_id -> obligation id -> obligation */
	let obligations = new Map();
	/** @type {Record<string, unknown>[]} */
	let gestiones = [];
	/** Bumped by every change to the stored data, so a call can tell whether it stored anything. */
	let storeVersion = 0;

	const injector = faults.createFaultInjector();
	injector.configure(options.fault);
	/** Timers of answers still under way (noReply holds, trickles): close() stops them. @type {Set<NodeJS.Timeout>} */
	const timers = new Set();
	/** Slot releases waiting on a timer (noReply), run by close() so no slot stays taken. @type {Set<() => void>} */
	const pendingReleases = new Set();

	function freshCounters() {
		return {
			totalRequests: 0,
			/** @type {Record<string, number>} */
			byStatus: {},
			/** @type {Record<string, number>} */
			byPath: {},
			rejectedConcurrency: 0,
			rejectedQuota: 0,
			inFlight: 0,
			maxInFlightObserved: 0,
		};
	}

	function reset() {
		const inFlight = counters.inFlight;
		requestLog = [];
		counters = freshCounters();
		counters.inFlight = inFlight; // requests still running will release their slot
		counters.maxInFlightObserved = inFlight;
		records = new Map();
		caseFiles = new Map();
		obligations = new Map();
		gestiones = [];
		storeVersion++;
		injector.resetCounts();
		for (const t of tokens.values()) {
			t.used = 0;
			t.rejectedConcurrency = 0;
			t.requests = 0;
			t.maxInFlightObserved = t.inFlight;
		}
	}

	/** @param {SandboxConfigPatch} patch */
	function configure(patch = {}) {
		if (!isPlainObject(patch)) throw new TypeError('configure() expects an object');
		if (patch.latencyMs !== undefined) config.latencyMs = nonNegative(patch.latencyMs, 'latencyMs');
		if (patch.maxInFlightPerToken !== undefined) {
			config.maxInFlightPerToken = Math.max(1, nonNegative(patch.maxInFlightPerToken, 'maxInFlightPerToken'));
		}
		if (patch.recordBodies !== undefined) {
			if (patch.recordBodies !== true && patch.recordBodies !== false && patch.recordBodies !== 'summary') {
				throw new TypeError('recordBodies must be true, false or "summary"');
			}
			config.recordBodies = patch.recordBodies;
		}
		if (patch.maxLoggedRequests !== undefined) config.maxLoggedRequests = nonNegative(patch.maxLoggedRequests, 'maxLoggedRequests');
		if (patch.maxRecordedBodyBytes !== undefined) {
			config.maxRecordedBodyBytes = nonNegative(patch.maxRecordedBodyBytes, 'maxRecordedBodyBytes');
		}
		if (patch.bodyLimitBytes !== undefined) config.bodyLimitBytes = nonNegative(patch.bodyLimitBytes, 'bodyLimitBytes');
		if (patch.maintenance !== undefined) config.maintenance = normaliseMaintenance(patch.maintenance);
		if (patch.hoursToRestart !== undefined) {
			config.hoursToRestart = patch.hoursToRestart === null ? null : nonNegative(patch.hoursToRestart, 'hoursToRestart');
		}
		if (patch.tokens !== undefined) {
			if (!isPlainObject(patch.tokens)) throw new TypeError('tokens must be an object');
			for (const [token, spec] of Object.entries(patch.tokens)) {
				if (spec === null) tokens.delete(token);
				else addToken(token, /** @type {TokenSpec} */ (spec));
			}
		}
		if (patch.quota !== undefined) {
			const q = nonNegative(patch.quota, 'quota');
			for (const t of tokens.values()) t.quota = q;
		}
		if (patch.tokenUsage !== undefined) {
			if (!isPlainObject(patch.tokenUsage)) throw new TypeError('tokenUsage must be an object');
			for (const [key, used] of Object.entries(patch.tokenUsage)) {
				const t = findToken(key);
				if (!t) throw new TypeError(`tokenUsage: unknown token ${fingerprint(key)}`);
				t.used = nonNegative(used, 'tokenUsage');
			}
		}
		if (patch.fault !== undefined) injector.configure(patch.fault);
		return publicConfig();
	}

	function publicConfig() {
		return {
			latencyMs: config.latencyMs,
			maxInFlightPerToken: config.maxInFlightPerToken,
			recordBodies: config.recordBodies,
			maxLoggedRequests: config.maxLoggedRequests,
			maxRecordedBodyBytes: config.maxRecordedBodyBytes,
			bodyLimitBytes: config.bodyLimitBytes,
			maintenance: config.maintenance ? { ...config.maintenance } : false,
			hoursToRestart: config.hoursToRestart,
			fault: injector.current(),
			tokens: [...tokens.values()].map((t) => ({
				fingerprint: t.fingerprint,
				operation: t.operation,
				quota: t.quota,
				used: t.used,
			})),
		};
	}

	function stats() {
		/** @type {Record<string, TokenStats>} */
		const perToken = {};
		for (const t of tokens.values()) {
			perToken[t.fingerprint] = {
				operation: t.operation,
				quota: t.quota,
				used: t.used,
				remaining: Math.max(0, t.quota - t.used),
				requests: t.requests,
				inFlight: t.inFlight,
				maxInFlightObserved: t.maxInFlightObserved,
				rejectedConcurrency: t.rejectedConcurrency,
			};
		}
		return {
			totalRequests: counters.totalRequests,
			byStatus: { ...counters.byStatus },
			byPath: { ...counters.byPath },
			rejectedConcurrency: counters.rejectedConcurrency,
			rejectedQuota: counters.rejectedQuota,
			inFlight: counters.inFlight,
			maxInFlightObserved: counters.maxInFlightObserved,
			faultsApplied: injector.applied(),
			perToken,
			store: storeCounts(),
		};
	}

	function storeCounts() {
		/** @type {Record<string, number>} */
		const byModule = {};
		for (const [module, m] of records) byModule[module] = m.size;
		let obligationCount = 0;
		for (const m of obligations.values()) obligationCount += m.size;
		return { records: byModule, caseFiles: caseFiles.size, obligations: obligationCount, gestiones: gestiones.length };
	}

	/**
	 * Snapshot of what the sandbox has stored (plain arrays, safe to inspect).
	 * @param {{ module?: string, limit?: number }} [filter]
	 */
	function store(filter = {}) {
		const limit = filter.limit === undefined ? Infinity : filter.limit;
		/** @type {Record<string, Record<string, unknown>[]>} */
		const recordsOut = {};
		for (const [module, m] of records) {
			if (filter.module && filter.module !== module) continue;
			recordsOut[module] = take(m.values(), limit);
		}
		/** @type {Record<string, unknown>[]} */
		const obligationsOut = [];
		for (const m of obligations.values()) {
			for (const o of m.values()) {
				if (obligationsOut.length >= limit) break;
				obligationsOut.push({ ...o });
			}
		}
		return {
			records: recordsOut,
			caseFiles: take(caseFiles.values(), limit),
			obligations: obligationsOut,
			gestiones: gestiones.slice(0, limit === Infinity ? undefined : limit).map((g) => ({ ...g })),
		};
	}

	/**
	 * @param {{ path?: string, since?: number, limit?: number }} [filter]
	 * @returns {ReceivedRequest[]}
	 */
	function requests(filter = {}) {
		let out = requestLog;
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
	}

	// ---- request handling --------------------------------------------------------------------

	const server = http.createServer((req, res) => {
		const url = new URL(req.url || '/', 'http://sandbox.local');
		if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(ADMIN_PREFIX + '/')) {
			handleAdmin(req, res, url).catch((err) => sendJson(res, 500, { error: String(err && err.message) }));
			return;
		}
		handleApi(req, res, url).catch((err) => {
			// A bug in the sandbox, not an API answer: make it loud.
			if (!res.headersSent) sendJson(res, 500, { code: '500', error: String(err && err.stack), msg: 'SANDBOX ERROR', data: null });
		});
	});
	server.keepAliveTimeout = 5000;

	/**
	 * @typedef {{ text: string, bytes: number, tooLarge: boolean }} RawBody
	 * @typedef {{ result: ApiResult, quotaSpent: boolean, stored: boolean }} Outcome
	 */

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {URL} url
	 */
	async function handleApi(req, res, url) {
		const startedAt = Date.now();
		const mySeq = ++seq;
		const method = (req.method || 'GET').toUpperCase();
		const path = url.pathname;
		const rawToken = headerValue(req.headers['wolkvox-token']);
		const tokenFp = rawToken ? fingerprint(rawToken) : null;

		counters.totalRequests++;
		counters.byPath[path] = (counters.byPath[path] || 0) + 1;

		/**
		 * Logs this call once its answer is decided.
		 * @param {{ status: number, response: unknown, msg: unknown, quotaSpent: boolean, stored: boolean, fault: string|null,
		 *   raw: RawBody, parsed: unknown, parseFailed: boolean }} o
		 */
		const logCall = (o) => {
			const endedAt = Date.now();
			if (o.status > 0) counters.byStatus[o.status] = (counters.byStatus[o.status] || 0) + 1;
			recordRequest({
				seq: mySeq,
				method,
				path,
				query: Object.fromEntries(url.searchParams),
				headers: redactHeaders(req.headers),
				tokenPresent: !!rawToken,
				tokenFingerprint: tokenFp,
				body: recordedBody(o.raw, o.parsed, o.parseFailed),
				bodyBytes: o.raw.bytes,
				status: o.status,
				response: o.response,
				quotaSpent: o.quotaSpent,
				fault: o.fault,
				stored: o.stored,
				startedAt,
				endedAt,
				durationMs: endedAt - startedAt,
			});
			if (log) log(`${method} ${path} -> ${o.status} ${o.msg} (${endedAt - startedAt} ms)${o.fault ? ` [fault ${o.fault}]` : ''}`);
		};
		/**
		 * @param {RawBody} raw
		 * @returns {{ parsed: unknown, parseFailed: boolean }}
		 */
		const parse = (raw) => {
			if (!raw.text) return { parsed: undefined, parseFailed: false };
			try {
				return { parsed: JSON.parse(raw.text), parseFailed: false };
			} catch {
				return { parsed: undefined, parseFailed: true };
			}
		};

		// ---- redirect fault: a misconfigured host or proxy answers before the API sees the call ----
		const redirect = injector.take(path, 'early');
		if (redirect) {
			const raw = await readBody(req, config.bodyLimitBytes);
			const answer = faults.redirectAnswer(redirect, req);
			logCall({ ...faultLog(answer, raw), quotaSpent: false, stored: false, fault: redirect.mode, raw, ...parse(raw) });
			faults.writeAnswer(req, res, answer, timers);
			return;
		}

		// ---- header phase: decided before the body is read --------------------------------
		/** @type {ApiResult|null} */
		let early = null;
		/** @type {Handler|null} */
		let handler = null;
		/** @type {TokenState|undefined} */
		let tokenState;
		let holdsSlot = false;

		const route = Object.prototype.hasOwnProperty.call(ROUTES, path) ? ROUTES[path] : undefined;
		if (config.maintenance) {
			early = fail(403, MSG.MAINTENANCE, config.maintenance.message);
			if (config.maintenance.remaining !== null && --config.maintenance.remaining <= 0) config.maintenance = null;
		} else if (!route) {
			early = fail(400, MSG.NO_API, `No API at ${path}`);
		} else if ('notImplemented' in route) {
			early = fail(501, MSG.NOT_IMPLEMENTED, `${path} exists at wolkvox but the sandbox does not implement it`);
		} else {
			const h = route.methods[method];
			if (!h) {
				const allow = Object.keys(route.methods).join(', ');
				early = fail(405, MSG.METHOD, `${method} is not allowed on ${path}; use ${allow}`);
				early.headers = { Allow: allow };
			} else if (h === 'notImplemented') {
				early = fail(501, MSG.NOT_IMPLEMENTED, `${method} ${path} exists at wolkvox but the sandbox does not implement it`);
			} else if (!rawToken) {
				early = fail(401, MSG.NO_TOKEN);
			} else if (!(tokenState = tokens.get(rawToken))) {
				early = fail(403, MSG.BAD_TOKEN);
			} else {
				tokenState.requests++;
				if (tokenState.inFlight >= config.maxInFlightPerToken) {
					// Refused, not processed: spends no quota and takes no slot.
					early = fail(403, MSG.SIMULTANEOUS(config.maxInFlightPerToken));
					tokenState.rejectedConcurrency++;
					counters.rejectedConcurrency++;
				} else {
					holdsSlot = true;
					tokenState.inFlight++;
					counters.inFlight++;
					if (tokenState.inFlight > tokenState.maxInFlightObserved) tokenState.maxInFlightObserved = tokenState.inFlight;
					if (counters.inFlight > counters.maxInFlightObserved) counters.maxInFlightObserved = counters.inFlight;
					handler = h;
				}
			}
		}
		// Every other fault hits a call that passed the token and concurrency checks, in arrival order.
		const fault = holdsSlot ? injector.take(path, 'accepted') : null;

		const held = tokenState;
		let released = false;
		/**
		 * Gives the slot back exactly once, and only if this request took one. Called when the server has
		 * finished working on the call, not when the client goes away: a real server keeps processing a call
		 * whose client disconnected, and its slot stays taken until then.
		 */
		const release = () => {
			if (holdsSlot && !released && held) {
				released = true;
				held.inFlight--;
				counters.inFlight--;
			}
		};
		let deferRelease = false;

		try {
			const raw = await readBody(req, config.bodyLimitBytes);
			const { parsed, parseFailed } = parse(raw);

			if (early || !held || !handler) {
				const result = early || fail(500, 'SANDBOX ERROR', 'unreachable state');
				release();
				logCall({
					status: result.status,
					response: recordedResponse(result.body, raw.bytes),
					msg: result.body.msg,
					quotaSpent: false,
					stored: false,
					fault: null,
					raw,
					parsed,
					parseFailed,
				});
				sendJson(res, result.status, result.body, result.headers);
				return;
			}

			/** @type {Outcome|null} */
			const outcome = !fault || faults.processes(fault) ? await processCall(held, handler, url, raw, parsed, parseFailed) : null;

			if (!fault) {
				const result = /** @type {Outcome} */ (outcome).result;
				release(); // before writing, so a client that calls again on receipt never sees a stale count
				const summary = /** @type {Record<string, unknown>|undefined} */ (result.body.summary);
				logCall({
					status: result.status,
					response: recordedResponse(result.body, raw.bytes),
					msg: summary
						? `success=${result.body.success} received=${summary.total_records_received} failed=${summary.failed_count}`
						: result.body.msg,
					quotaSpent: /** @type {Outcome} */ (outcome).quotaSpent,
					stored: /** @type {Outcome} */ (outcome).stored,
					fault: null,
					raw,
					parsed,
					parseFailed,
				});
				sendJson(res, result.status, result.body, result.headers);
				return;
			}

			if (fault.mode === 'noReply') {
				// "Still working": the slot stays taken until holdMs after the call arrived, client or not.
				deferRelease = true;
				const wait = Math.max(0, startedAt + /** @type {number} */ (fault.holdMs) - Date.now());
				const done = () => {
					clearTimeout(timer);
					timers.delete(timer);
					pendingReleases.delete(done);
					release();
				};
				const timer = setTimeout(done, wait);
				timers.add(timer);
				pendingReleases.add(done);
			} else {
				release();
			}
			const handlerName = handler;
			const answer = faults.faultAnswer(fault, {
				req,
				maxInFlight: config.maxInFlightPerToken,
				result: outcome ? outcome.result : null,
				successShape: () =>
					outcome && outcome.result.status < 300 ? outcome.result : syntheticSuccess(handlerName, held, parsed),
			});
			logCall({
				...faultLog(answer, raw),
				quotaSpent: !!outcome && outcome.quotaSpent,
				stored: !!outcome && outcome.stored,
				fault: fault.mode,
				raw,
				parsed,
				parseFailed,
			});
			faults.writeAnswer(req, res, answer, timers);
		} finally {
			if (!deferRelease) release();
		}
	}

	/**
	 * What the log keeps of a fault's answer (the fault module already removed tokens and megabytes).
	 * @param {ReturnType<typeof faults.faultAnswer>} answer
	 * @param {RawBody} raw
	 */
	function faultLog(answer, raw) {
		const r = answer.logResponse;
		/** @type {unknown} */
		let response = r;
		if (isPlainObject(r)) response = recordedResponse(r, raw.bytes);
		else if (config.recordBodies === false) response = undefined;
		return { status: answer.status, response, msg: answer.logMsg };
	}

	/**
	 * A normal call from the quota check on: 413 / quota refusal, else one use spent, the latency, the handler.
	 * @param {TokenState} held
	 * @param {Handler} handler
	 * @param {URL} url
	 * @param {RawBody} raw
	 * @param {unknown} parsed
	 * @param {boolean} parseFailed
	 * @returns {Promise<Outcome>}
	 */
	async function processCall(held, handler, url, raw, parsed, parseFailed) {
		if (raw.tooLarge) {
			return { result: fail(413, MSG.TOO_LARGE, `The body exceeds the sandbox limit of ${config.bodyLimitBytes} bytes`), quotaSpent: false, stored: false };
		}
		if (held.used >= held.quota) {
			counters.rejectedQuota++;
			const hours = config.hoursToRestart === null ? hoursToUtcMidnight() : config.hoursToRestart;
			return {
				result: fail(403, MSG.LIMIT, `The daily quota of ${held.quota} uses is spent; it restarts in about ${hours} hours`),
				quotaSpent: false,
				stored: false,
			};
		}
		// Every accepted call spends one use, including those then refused by validation.
		held.used++;
		if (config.latencyMs > 0) await sleep(config.latencyMs);
		const before = storeVersion;
		const result = dispatch(handler, held, url, parsed, parseFailed, raw.text);
		return { result, quotaSpent: true, stored: storeVersion !== before };
	}

	/**
	 * The success envelope an endpoint would answer, made up without processing anything: what a fault
	 * that did not process the call (or whose call was refused) dresses as a success.
	 * @param {Handler} handler
	 * @param {TokenState} token
	 * @param {unknown} body
	 * @returns {ApiResult}
	 */
	function syntheticSuccess(handler, token, body) {
		switch (handler) {
			case 'tokenInformation':
				return ok('Token information', tokenInformationData(token));
			case 'query':
				return ok(MSG.FOUND(0), []);
			case 'massiveCollections': {
				const n = isPlainObject(body) && Array.isArray(body.collections) ? body.collections.length : 0;
				return {
					status: 200,
					body: {
						code: '200',
						success: true,
						summary: { total_records_received: n, successful_inserts: n, failed_count: 0, total_processed: n, failed_Sumary: [] },
					},
				};
			}
			default:
				return ok(MSG.CREATED, { wolkvox_id: newWolkvoxId() });
		}
	}

	/** @param {TokenState} token */
	function tokenInformationData(token) {
		return {
			description: `wolkvox sandbox token for operation ${token.operation}`,
			token_limit: token.quota,
			token_use_today: token.used,
			available_consumition_options: Math.max(0, token.quota - token.used),
			hours_to_restart_count: config.hoursToRestart === null ? hoursToUtcMidnight() : config.hoursToRestart,
		};
	}

	/**
	 * @param {Handler} handler
	 * @param {TokenState} token
	 * @param {URL} url
	 * @param {unknown} body
	 * @param {boolean} parseFailed
	 * @param {string} text
	 * @returns {ApiResult}
	 */
	function dispatch(handler, token, url, body, parseFailed, text) {
		if (handler === 'tokenInformation') {
			const op = url.searchParams.get('operation');
			if (!op) return required('operation is required in the query string (?operation=...)');
			if (op !== token.operation) return required('operation does not match the operation of this token');
			return ok('Token information', tokenInformationData(token));
		}
		if (!text) return required('The body is empty; send a raw JSON object');
		if (parseFailed) return required('The body is not valid JSON');
		if (!isPlainObject(body)) return required(`The body must be a JSON object (got ${describe(body)})`);
		if (!isFilled(body.operation)) return required('operation is required');
		if (body.operation !== token.operation) return required('operation does not match the operation of this token');

		switch (handler) {
			case 'insert':
				return handleInsert(body);
			case 'query':
				return handleQuery(body);
			case 'insertObligation':
				return handleInsertObligation(body);
			case 'insertGestion':
				return handleInsertGestion(body);
			case 'massiveCollections':
				return handleMassive(body);
			default:
				return fail(500, 'SANDBOX ERROR', `no handler ${handler}`);
		}
	}

	/** @param {Record<string, unknown>} body */
	function handleInsert(body) {
		const { problems } = validateInsert(body);
		if (problems.length) return required(problems.join('; '));
		const module = /** @type {string} */ (body.module);
		const fields = /** @type {Record<string, unknown>} */ (body.fields);
		const id = newWolkvoxId();
		const now = wolkvoxNow();
		/** @type {Record<string, unknown>} */
		const record = { ...fields, wolkvox_id: id, wolkvox_fecha_creacion: now, wolkvox_fecha_modificacion: now };
		if (body.type !== undefined) record.wolkvox_type = body.type;
		let m = records.get(module);
		if (!m) records.set(module, (m = new Map()));
		m.set(id, record);
		storeVersion++;
		return ok(MSG.CREATED, { wolkvox_id: id });
	}

	/** custom/query.php: records of `module` whose `field` equals `value` (typed values compare their `value`). */
	/** @param {Record<string, unknown>} body */
	function handleQuery(body) {
		/** @type {string[]} */
		const problems = [];
		if (!isFilled(body.module)) problems.push('module is required');
		if (!isFilled(body.field)) problems.push('field is required');
		if (body.value === undefined) problems.push('value is required');
		if (problems.length) return required(problems.join('; '));
		const m = records.get(String(body.module));
		const field = String(body.field);
		const wanted = String(body.value);
		/** @type {Record<string, unknown>[]} */
		const found = [];
		if (m) {
			for (const r of m.values()) {
				const v = r[field];
				const plain = isPlainObject(v) ? v.value : v;
				if (plain !== undefined && plain !== null && String(plain) === wanted) found.push({ ...r });
			}
		}
		return ok(MSG.FOUND(found.length), found);
	}

	/** @param {Record<string, unknown>} body */
	function handleInsertObligation(body) {
		/** @type {string[]} */
		const problems = [];
		if (!isFilled(body.wolkvox_id)) problems.push('wolkvox_id is required (the collections record that receives the obligation)');
		if (!isPlainObject(body.fields)) problems.push(`fields is required and must be an object (got ${describe(body.fields)})`);
		else problems.push(...validateObligationFields(body.fields));
		if (problems.length) return required(problems.join('; '));
		const fields = /** @type {Record<string, unknown>} */ (body.fields);
		const id = upsertObligation(String(body.wolkvox_id), fields, 'insertObligation');
		return ok(MSG.CREATED, { wolkvox_id: id });
	}

	/**
	 * @param {string} caseId
	 * @param {Record<string, unknown>} fields
	 * @param {string} source
	 * @returns {string} the obligation's wolkvox_id
	 */
	function upsertObligation(caseId, fields, source) {
		let m = obligations.get(caseId);
		if (!m) obligations.set(caseId, (m = new Map()));
		const key = String(fields.id);
		const existing = m.get(key);
		const id = existing ? /** @type {string} */ (existing.wolkvox_id) : newWolkvoxId();
		m.set(key, { ...(existing || {}), ...fields, id: key, wolkvox_id: id, wolkvox_idRecord: caseId, source });
		storeVersion++;
		return id;
	}

	/** @param {Record<string, unknown>} body */
	function handleInsertGestion(body) {
		const problems = validateGestion(body.fields);
		if (problems.length) return required(problems.join('; '));
		const id = newWolkvoxId();
		gestiones.push({ ...(/** @type {Record<string, unknown>} */ (body.fields)), wolkvox_id: id, wolkvox_fecha_creacion: wolkvoxNow() });
		storeVersion++;
		return ok(MSG.CREATED, { wolkvox_id: id });
	}

	/**
	 * Bulk load. Valid case files are upserted by Identification (obligations by id within it);
	 * invalid ones are counted and described, never partially stored.
	 * @param {Record<string, unknown>} body
	 * @returns {ApiResult}
	 */
	function handleMassive(body) {
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
			const c = /** @type {Record<string, unknown>} */ (cf);
			const ident = String(c.Identification);
			const { Obligations: obls, ...caseFields } = c;
			const existing = caseFiles.get(ident);
			const caseId = existing ? /** @type {string} */ (existing.wolkvox_id) : newWolkvoxId();
			caseFiles.set(ident, { ...(existing || {}), ...caseFields, Identification: ident, wolkvox_id: caseId });
			storeVersion++;
			if (Array.isArray(obls)) {
				for (const o of obls) upsertObligation(caseId, /** @type {Record<string, unknown>} */ (o), 'massiveCollections');
			}
			inserted++;
		}
		return {
			status: 200,
			body: {
				code: '200',
				success: failed.length === 0,
				summary: {
					total_records_received: list.length,
					successful_inserts: inserted,
					failed_count: failed.length,
					total_processed: list.length,
					failed_Sumary: failed,
				},
			},
		};
	}

	// ---- request log ------------------------------------------------------------------------

	/** @param {ReceivedRequest} entry */
	function recordRequest(entry) {
		if (config.maxLoggedRequests <= 0) return;
		requestLog.push(entry);
		const excess = requestLog.length - config.maxLoggedRequests;
		if (excess > 0) requestLog.splice(0, Math.max(excess, Math.ceil(config.maxLoggedRequests / 10)));
	}

	/**
	 * @param {{ text: string, bytes: number, tooLarge: boolean }} raw
	 * @param {unknown} parsed
	 * @param {boolean} parseFailed
	 */
	function recordedBody(raw, parsed, parseFailed) {
		if (config.recordBodies === false) return undefined;
		if (raw.bytes === 0) return undefined;
		if (config.recordBodies === 'summary' || raw.bytes > config.maxRecordedBodyBytes || raw.tooLarge) {
			return summariseBody(raw, parsed, parseFailed);
		}
		return parseFailed ? raw.text : parsed;
	}

	/**
	 * @param {Record<string, unknown>} body
	 * @param {number} requestBytes
	 */
	function recordedResponse(body, requestBytes) {
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

	// ---- admin routes ------------------------------------------------------------------------

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {URL} url
	 */
	async function handleAdmin(req, res, url) {
		const route = url.pathname.slice(ADMIN_PREFIX.length) || '/';
		const method = (req.method || 'GET').toUpperCase();
		const q = url.searchParams;
		const raw = await readBody(req, 16 * 1024 * 1024);
		const key = `${method} ${route}`;
		switch (key) {
			case 'GET /':
			case 'GET /health':
				return sendJson(res, 200, { ok: true, url: sandbox.url, port: sandbox.port });
			case 'GET /requests':
				return sendJson(res, 200, {
					requests: requests({
						path: q.get('path') || undefined,
						since: q.has('since') ? Number(q.get('since')) : undefined,
						limit: q.has('limit') ? Number(q.get('limit')) : undefined,
					}),
				});
			case 'GET /stats':
				return sendJson(res, 200, stats());
			case 'GET /config':
				return sendJson(res, 200, publicConfig());
			case 'GET /store':
				return sendJson(res, 200, q.has('full') ? store(storeFilter(q)) : storeCounts());
			case 'GET /store/records':
				return sendJson(res, 200, { records: store(storeFilter(q)).records });
			case 'GET /store/caseFiles': {
				const ident = q.get('identification');
				const all = store(ident ? {} : storeFilter(q)).caseFiles;
				return sendJson(res, 200, { caseFiles: ident ? all.filter((c) => c.Identification === ident) : all });
			}
			case 'GET /store/obligations': {
				const caseId = q.get('wolkvox_id');
				const out = caseId ? [...(obligations.get(caseId) || new Map()).values()].map((o) => ({ ...o })) : store(storeFilter(q)).obligations;
				return sendJson(res, 200, { obligations: out });
			}
			case 'GET /store/gestiones':
				return sendJson(res, 200, { gestiones: store(storeFilter(q)).gestiones });
			case 'POST /reset':
				reset();
				return sendJson(res, 200, { ok: true });
			case 'POST /config': {
				let patch;
				try {
					patch = raw.text ? JSON.parse(raw.text) : {};
				} catch {
					return sendJson(res, 400, { error: 'config body must be JSON' });
				}
				try {
					return sendJson(res, 200, configure(patch));
				} catch (err) {
					return sendJson(res, 400, { error: String(err && /** @type {Error} */ (err).message) });
				}
			}
			default:
				return sendJson(res, 404, {
					error: `unknown sandbox admin route ${key}`,
					routes: [
						'GET /__sandbox/health',
						'GET /__sandbox/requests?path=&since=&limit=',
						'GET /__sandbox/stats',
						'GET /__sandbox/config',
						'POST /__sandbox/config',
						'POST /__sandbox/reset',
						'GET /__sandbox/store[?full=1&module=&limit=]',
						'GET /__sandbox/store/records?module=',
						'GET /__sandbox/store/caseFiles?identification=',
						'GET /__sandbox/store/obligations?wolkvox_id=',
						'GET /__sandbox/store/gestiones',
					],
				});
		}
	}

	// ---- lifecycle ---------------------------------------------------------------------------

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, options.host || '127.0.0.1', () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const host = options.host || '127.0.0.1';
	const urlHost = host.includes(':') ? `[${host}]` : host;

	let closing = /** @type {Promise<void>|null} */ (null);
	const sandbox = {
		/** e.g. http://127.0.0.1:43121 (no trailing slash) */
		url: `http://${urlHost}:${address.port}`,
		port: address.port,
		/** Base URL of the API, e.g. http://127.0.0.1:43121/server/API/v2 */
		apiBase: `http://${urlHost}:${address.port}${BASE_PATH}`,
		/** Stops listening, drops open connections (held ones included) and stops pending fault timers. Safe to call twice. */
		close() {
			if (!closing) {
				closing = new Promise((resolve, reject) => {
					// Held calls (noReply, trickle) must not keep close() or the process waiting.
					for (const done of [...pendingReleases]) done();
					for (const t of timers) clearTimeout(t);
					timers.clear();
					server.close((err) => (err ? reject(err) : resolve()));
					server.closeAllConnections();
				});
			}
			return closing;
		},
		requests,
		reset,
		stats,
		configure,
		config: publicConfig,
		store,
	};
	return sandbox;
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing
// ---------------------------------------------------------------------------------------------

/**
 * Reads the whole body. Past `limit` it keeps draining (so the client can read the answer) but stops storing.
 * @param {http.IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<{ text: string, bytes: number, tooLarge: boolean }>}
 */
function readBody(req, limit) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let bytes = 0;
		let tooLarge = false;
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			resolve({ text: tooLarge || bytes === 0 ? '' : Buffer.concat(chunks, bytes).toString('utf8'), bytes, tooLarge });
		};
		req.on('data', (/** @type {Buffer} */ chunk) => {
			bytes += chunk.length;
			if (tooLarge) return;
			if (bytes > limit) {
				tooLarge = true;
				chunks.length = 0;
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', finish);
		req.on('error', finish);
		req.on('close', finish);
	});
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers) {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		...(headers || {}),
	});
	res.end(text);
}

/** @param {string|string[]|undefined} v */
function headerValue(v) {
	const s = Array.isArray(v) ? v.join(', ') : v;
	return s && s.trim() ? s.trim() : '';
}

const SECRET_HEADERS = ['wolkvox-token', 'authorization', 'proxy-authorization', 'cookie'];
/** @param {http.IncomingHttpHeaders} headers */
function redactHeaders(headers) {
	/** @type {Record<string, string|string[]|undefined>} */
	const out = {};
	for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.includes(k) ? '[REDACTED]' : v;
	return out;
}

/**
 * @param {{ text: string, bytes: number, tooLarge: boolean }} raw
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

// ---------------------------------------------------------------------------------------------
// misc
// ---------------------------------------------------------------------------------------------

/** @param {unknown} v @param {number} dflt */
function numberOr(v, dflt) {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : dflt;
}

/** @param {unknown} v @param {string} name */
function nonNegative(v, name) {
	const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new TypeError(`${name} must be a non-negative number`);
	return n;
}

/** @param {MaintenanceSetting|undefined|null} m */
function normaliseMaintenance(m) {
	if (m === undefined || m === null || m === false) return null;
	if (m === true) return { message: MSG.MAINTENANCE, remaining: null };
	if (typeof m === 'string') return { message: m, remaining: null };
	if (isPlainObject(m)) {
		const remaining = m.remaining === undefined || m.remaining === null ? null : nonNegative(m.remaining, 'maintenance.remaining');
		if (remaining === 0) return null;
		return { message: typeof m.message === 'string' && m.message ? m.message : MSG.MAINTENANCE, remaining };
	}
	throw new TypeError('maintenance must be a boolean, a message or { message?, remaining? }');
}

/**
 * @template T
 * @param {Iterable<T>} it
 * @param {number} limit
 * @returns {T[]}
 */
function take(it, limit) {
	/** @type {T[]} */
	const out = [];
	for (const v of it) {
		if (out.length >= limit) break;
		out.push(isPlainObject(v) ? /** @type {T} */ ({ ...v }) : v);
	}
	return out;
}

/** @param {URLSearchParams} q */
function storeFilter(q) {
	return {
		module: q.get('module') || undefined,
		limit: q.has('limit') ? Number(q.get('limit')) : 1000,
	};
}

/** Current time as the vendor's system dates look (`YYYY-MM-DD HH:mm:ss`, UTC). */
function wolkvoxNow() {
	return new Date().toISOString().slice(0, 19).replace('T', ' ');
}

module.exports = {
	startSandbox,
	fingerprint,
	BASE_PATH,
	ADMIN_PREFIX,
	DEFAULT_TOKEN,
	DEFAULT_OPERATION,
	DEFAULT_QUOTA,
	MESSAGES: MSG,
	// pure validators, exported for reuse in tests
	validators: { validateInsert, validateObligationFields, validateGestion, validateCaseFile, isYmd, isDmy, isYmdHms, isNumeric },
};
