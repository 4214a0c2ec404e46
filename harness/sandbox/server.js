'use strict';
/**
 * wolkvox sandbox: a local HTTP server that behaves as the wolkvox CRM API v2 reference and the vendor's pages
 * say. Zero dependencies, plain CommonJS, so the demo, the e2e harness and jest can all start it with plain `node`.
 *
 * Written from the reference, not from the node: where the vendor is silent the decision taken is said beside
 * the rule and listed in README.md.
 *
 * This file holds a sandbox's state and its lifecycle; one call goes through api.js (the checks, the endpoint in
 * endpoints.js, the answer or a fault from faults.js), /__sandbox routes through admin.js.
 */

const http = require('node:http');
const faults = require('./faults.js');
const { handleAdmin, isAdminPath, ADMIN_PREFIX } = require('./admin.js');
const { handleApi } = require('./api.js');
const { createConfig, patchConfig, nonNegative } = require('./config.js');
const { BASE_PATH } = require('./endpoints.js');
const { MSG } = require('./envelopes.js');
const { sendJson } = require('./httpIo.js');
const { createRequestLog } = require('./requestLog.js');
const { createStore } = require('./store.js');
const { createTokens, DEFAULT_QUOTA } = require('./tokens.js');
const validators = require('./validators.js');
const { fingerprint, isPlainObject, isYmd, isDmy, isYmdHms, isNumeric } = require('./values.js');

const DEFAULT_TOKEN = 'sandbox-token-0001';
const DEFAULT_OPERATION = 'demo_operation';

/**
 * @typedef {import('./tokens.js').TokenSpec} TokenSpec
 * @typedef {import('./tokens.js').TokenStats} TokenStats
 * @typedef {import('./config.js').MaintenanceSetting} MaintenanceSetting
 * @typedef {import('./requestLog.js').ReceivedRequest} ReceivedRequest
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
 * Everything a running sandbox holds; api.js and admin.js work on it.
 * @typedef {Object} SandboxState
 * @property {import('./config.js').SandboxConfig} config
 * @property {ReturnType<typeof createTokens>} tokens
 * @property {ReturnType<typeof createStore>} store
 * @property {ReturnType<typeof createRequestLog>} requestLog
 * @property {ReturnType<typeof freshCounters>} counters  replaced by reset()
 * @property {ReturnType<typeof faults.createFaultInjector>} injector
 * @property {Set<NodeJS.Timeout>} timers  timers of answers still under way (noReply holds, trickles): close() stops them
 * @property {Set<() => void>} pendingReleases  slot releases waiting on a timer (noReply), run by close() so no slot stays taken
 * @property {((line: string) => void)|null} log
 *
 * @typedef {Awaited<ReturnType<typeof startSandbox>>} Sandbox
 */

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

/** @param {SandboxOptions} options @returns {SandboxState} */
function createState(options) {
	const config = createConfig(options);
	const injector = faults.createFaultInjector();
	injector.configure(options.fault);
	return {
		config,
		tokens: createTokens(options.tokens || { [DEFAULT_TOKEN]: { operation: DEFAULT_OPERATION, quota: DEFAULT_QUOTA } }),
		store: createStore(),
		requestLog: createRequestLog(config),
		counters: freshCounters(),
		injector,
		timers: new Set(),
		pendingReleases: new Set(),
		log: typeof options.log === 'function' ? options.log : null,
	};
}

/**
 * A new day: the log, counters, stored data and token uses cleared; the settings (fault included) kept.
 * @param {SandboxState} state
 */
function reset(state) {
	const inFlight = state.counters.inFlight;
	state.requestLog.clear();
	state.counters = freshCounters();
	state.counters.inFlight = inFlight; // requests still running will release their slot
	state.counters.maxInFlightObserved = inFlight;
	state.store.clear();
	state.injector.resetCounts();
	state.tokens.resetCounts();
}

/** @param {SandboxState} state */
function publicConfig(state) {
	const { config } = state;
	return {
		latencyMs: config.latencyMs,
		maxInFlightPerToken: config.maxInFlightPerToken,
		recordBodies: config.recordBodies,
		maxLoggedRequests: config.maxLoggedRequests,
		maxRecordedBodyBytes: config.maxRecordedBodyBytes,
		bodyLimitBytes: config.bodyLimitBytes,
		maintenance: config.maintenance ? { ...config.maintenance } : false,
		hoursToRestart: config.hoursToRestart,
		fault: state.injector.current(),
		tokens: state.tokens.list(),
	};
}

/**
 * @param {SandboxState} state
 * @param {SandboxConfigPatch} patch
 */
function configure(state, patch = {}) {
	if (!isPlainObject(patch)) throw new TypeError('configure() expects an object');
	patchConfig(state.config, patch);
	if (patch.tokens !== undefined) {
		if (!isPlainObject(patch.tokens)) throw new TypeError('tokens must be an object');
		for (const [token, spec] of Object.entries(patch.tokens)) {
			if (spec === null) state.tokens.remove(token);
			else state.tokens.add(token, /** @type {TokenSpec} */ (spec));
		}
	}
	if (patch.quota !== undefined) state.tokens.setQuota(nonNegative(patch.quota, 'quota'));
	if (patch.tokenUsage !== undefined) {
		if (!isPlainObject(patch.tokenUsage)) throw new TypeError('tokenUsage must be an object');
		for (const [key, used] of Object.entries(patch.tokenUsage)) {
			const t = state.tokens.find(key);
			if (!t) throw new TypeError(`tokenUsage: unknown token ${fingerprint(key)}`);
			t.used = nonNegative(used, 'tokenUsage');
		}
	}
	if (patch.fault !== undefined) state.injector.configure(patch.fault);
	return publicConfig(state);
}

/** @param {SandboxState} state */
function stats(state) {
	const { counters } = state;
	return {
		totalRequests: counters.totalRequests,
		byStatus: { ...counters.byStatus },
		byPath: { ...counters.byPath },
		rejectedConcurrency: counters.rejectedConcurrency,
		rejectedQuota: counters.rejectedQuota,
		inFlight: counters.inFlight,
		maxInFlightObserved: counters.maxInFlightObserved,
		faultsApplied: state.injector.applied(),
		/** @type {Record<string, TokenStats>} */
		perToken: state.tokens.stats(),
		store: state.store.counts(),
	};
}

/**
 * Listens on `host:port` (0: a free port).
 * @param {http.Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<number>} the port
 */
async function listen(server, port, host) {
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	return /** @type {import('node:net').AddressInfo} */ (server.address()).port;
}

/**
 * Stops listening, drops open connections (held ones included) and stops pending fault timers.
 * @param {SandboxState} state
 * @param {http.Server} server
 * @returns {Promise<void>}
 */
function closeServer(state, server) {
	return new Promise((resolve, reject) => {
		// Held calls (noReply, trickle) must not keep close() or the process waiting.
		for (const done of [...state.pendingReleases]) done();
		for (const t of state.timers) clearTimeout(t);
		state.timers.clear();
		server.close((err) => (err ? reject(err) : resolve()));
		server.closeAllConnections();
	});
}

/**
 * Starts a sandbox. Resolves once it listens.
 * @param {SandboxOptions} [options]
 */
async function startSandbox(options = {}) {
	const state = createState(options);
	/** @type {http.Server} */
	const server = http.createServer((req, res) => {
		const url = new URL(req.url || '/', 'http://sandbox.local');
		if (isAdminPath(url.pathname)) {
			handleAdmin(sandbox, state, req, res, url).catch((err) => sendJson(res, 500, { error: String(err && err.message) }));
			return;
		}
		handleApi(state, req, res, url).catch((err) => {
			// A bug in the sandbox, not an API answer: make it loud.
			if (!res.headersSent) sendJson(res, 500, { code: '500', error: String(err && err.stack), msg: 'SANDBOX ERROR', data: null });
		});
	});
	server.keepAliveTimeout = 5000;
	const host = options.host || '127.0.0.1';
	const port = await listen(server, options.port || 0, host);
	const urlHost = host.includes(':') ? `[${host}]` : host;

	let closing = /** @type {Promise<void>|null} */ (null);
	const sandbox = {
		/** e.g. http://127.0.0.1:43121 (no trailing slash) */
		url: `http://${urlHost}:${port}`,
		port,
		/** Base URL of the API, e.g. http://127.0.0.1:43121/server/API/v2 */
		apiBase: `http://${urlHost}:${port}${BASE_PATH}`,
		/** Stops listening, drops open connections (held ones included) and stops pending fault timers. Safe to call twice. */
		close() {
			closing = closing || closeServer(state, server);
			return closing;
		},
		/**
		 * @param {{ path?: string, since?: number, limit?: number }} [filter]
		 * @returns {ReceivedRequest[]}
		 */
		requests: (filter) => state.requestLog.list(filter),
		reset: () => reset(state),
		stats: () => stats(state),
		/** @param {SandboxConfigPatch} [patch] */
		configure: (patch) => configure(state, patch),
		config: () => publicConfig(state),
		/**
		 * Snapshot of what the sandbox has stored (plain arrays, safe to inspect).
		 * @param {{ module?: string, limit?: number }} [filter]
		 */
		store: (filter) => state.store.snapshot(filter),
	};
	return sandbox;
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
	validators: { ...validators, isYmd, isDmy, isYmdHms, isNumeric },
};
