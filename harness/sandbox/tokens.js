'use strict';
/**
 * The tokens the sandbox accepts, each with its operation, daily quota and counters: uses spent today, calls that
 * presented it, calls in flight (at most `maxInFlightPerToken`, the vendor's rule) and calls refused for that.
 * Raw tokens never leave this registry; everything it shows is keyed by fingerprint.
 */

const { fingerprint, isFilled, numberOr } = require('./values.js');

const DEFAULT_QUOTA = 4800;

/**
 * @typedef {{ operation: string, quota?: number }} TokenSpec
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

/** @param {Record<string, TokenSpec>} specs */
function createTokens(specs) {
	/** @type {Map<string, TokenState>} raw token -> state */
	const tokens = new Map();

	const registry = {
		/** Adds a token, or changes the operation and quota of a known one (its counters stay). @param {string} token @param {TokenSpec} spec */
		add(token, spec) {
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
		},

		/** @param {string} token */
		remove(token) {
			tokens.delete(token);
		},

		/** @param {string} token the raw token of a call @returns {TokenState|undefined} */
		get(token) {
			return tokens.get(token);
		},

		/** @param {string} key raw token or fingerprint @returns {TokenState|undefined} */
		find(key) {
			const direct = tokens.get(key);
			if (direct) return direct;
			for (const t of tokens.values()) if (t.fingerprint === key) return t;
			return undefined;
		},

		/** @param {number} quota the daily quota of every token */
		setQuota(quota) {
			for (const t of tokens.values()) t.quota = quota;
		},

		/** A new day: uses and counters back to zero (calls in flight keep their slot). */
		resetCounts() {
			for (const t of tokens.values()) {
				t.used = 0;
				t.rejectedConcurrency = 0;
				t.requests = 0;
				t.maxInFlightObserved = t.inFlight;
			}
		},

		/** @returns {Record<string, TokenStats>} keyed by fingerprint */
		stats() {
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
			return perToken;
		},

		/** What the configuration shows of each token. */
		list() {
			return [...tokens.values()].map((t) => ({
				fingerprint: t.fingerprint,
				operation: t.operation,
				quota: t.quota,
				used: t.used,
			}));
		},
	};
	for (const [token, spec] of Object.entries(specs)) registry.add(token, spec);
	return registry;
}

module.exports = { createTokens, DEFAULT_QUOTA };
