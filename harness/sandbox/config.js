'use strict';
/**
 * The sandbox's settings (latency, the in-flight limit, what the request log keeps, the body limit, maintenance,
 * the hours to the quota's restart): their defaults, and checking a change to them.
 */

const { MSG } = require('./envelopes.js');
const { isPlainObject, numberOr } = require('./values.js');

const DEFAULT_LATENCY_MS = 3;
const DEFAULT_MAX_IN_FLIGHT = 2;
const DEFAULT_BODY_LIMIT = 256 * 1024 * 1024;
const DEFAULT_MAX_LOGGED = 10000;
const DEFAULT_MAX_RECORDED_BODY_BYTES = 16 * 1024 * 1024;

/**
 * @typedef {boolean|string|{ message?: string, remaining?: number }} MaintenanceSetting
 *   true / a message: every API call answers 403 until switched off; { remaining: n }: only the next n calls.
 *
 * @typedef {Object} SandboxConfig
 * @property {number} latencyMs
 * @property {number} maxInFlightPerToken
 * @property {boolean|'summary'} recordBodies
 * @property {number} maxLoggedRequests
 * @property {number} maxRecordedBodyBytes
 * @property {number} bodyLimitBytes
 * @property {{ message: string, remaining: number|null }|null} maintenance
 * @property {number|null} hoursToRestart
 */

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
 * The settings of a new sandbox from its options.
 * @param {import('./server.js').SandboxOptions} options
 * @returns {SandboxConfig}
 */
function createConfig(options) {
	return {
		latencyMs: numberOr(options.latencyMs, DEFAULT_LATENCY_MS),
		maxInFlightPerToken: numberOr(options.maxInFlightPerToken, DEFAULT_MAX_IN_FLIGHT),
		recordBodies: options.recordBodies === undefined ? true : options.recordBodies,
		maxLoggedRequests: numberOr(options.maxLoggedRequests, DEFAULT_MAX_LOGGED),
		maxRecordedBodyBytes: numberOr(options.maxRecordedBodyBytes, DEFAULT_MAX_RECORDED_BODY_BYTES),
		bodyLimitBytes: numberOr(options.bodyLimitBytes, DEFAULT_BODY_LIMIT),
		maintenance: normaliseMaintenance(options.maintenance),
		hoursToRestart: options.hoursToRestart === undefined ? null : options.hoursToRestart,
	};
}

/**
 * Applies the settings a patch changes (its tokens, quota, token usage and fault are the server's), checking each.
 * @param {SandboxConfig} config
 * @param {import('./server.js').SandboxConfigPatch} patch
 */
function patchConfig(config, patch) {
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
}

module.exports = { createConfig, patchConfig, nonNegative };
