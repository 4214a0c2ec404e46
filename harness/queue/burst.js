'use strict';
/**
 * A burst of webhook calls sent at once, and what the sandbox saw of it: calls accepted and refused per endpoint,
 * the most calls in flight at once for the token, uses of the quota spent, and duplicates among what it stored.
 */

const { fingerprint } = require('../sandbox/server.js');

/**
 * @typedef {object} WebhookResult
 * @property {number} status HTTP status (0: no answer)
 * @property {any} body the parsed JSON answer (or its text)
 * @property {string} [error] why no answer came
 */

/**
 * POSTs every body to the webhook at once and waits for every answer.
 * @param {string} url the webhook's full URL
 * @param {any[]} bodies
 * @returns {Promise<{results: WebhookResult[], wallMs: number}>}
 */
async function fireWebhooks(url, bodies) {
	const started = Date.now();
	const results = await Promise.all(
		bodies.map(async (body) => {
			try {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
					signal: AbortSignal.timeout(300000),
				});
				const text = await res.text();
				let parsed = text;
				try {
					parsed = JSON.parse(text);
				} catch {
					/* not JSON */
				}
				return { status: res.status, body: parsed };
			} catch (e) {
				return { status: 0, body: null, error: String(/** @type {Error} */ (e).message) };
			}
		}),
	);
	return { results, wallMs: Date.now() - started };
}

/** The sandbox's answer to a call refused for a third request in flight on its token. */
const isConcurrencyRefusal = (/** @type {import('../sandbox/requestLog.js').ReceivedRequest} */ q) =>
	q.status === 403 && /SIMULTANEOUS REQUESTS/.test(JSON.stringify(q.response || ''));

/**
 * Largest number of intervals [startedAt, endedAt] open at one instant.
 * @param {Array<{startedAt: number, endedAt: number}>} calls
 * @returns {number}
 */
function peakOverlap(calls) {
	let peak = 0;
	for (const c of calls) {
		// Open when c starts: c itself, and each call started no later that ends after c starts (a call that ends in
		// the millisecond c starts freed its slot first). A call may start and end in one millisecond.
		const open = calls.filter((o) => o === c || (o.startedAt <= c.startedAt && o.endedAt > c.startedAt)).length;
		peak = Math.max(peak, open);
	}
	return peak;
}

/**
 * @typedef {object} SandboxFigures
 * @property {Record<string, {accepted: number, refused: number}>} byEndpoint e.g. `custom/insert.php`
 * @property {number} accepted calls the sandbox let through (each spent one use)
 * @property {number} refusals calls refused for a third request in flight (not processed, no use spent)
 * @property {number} maxInFlight the sandbox's own peak of accepted calls in flight for the token
 * @property {number} peakFromLog the same peak worked out from the log's times (a cross-check)
 * @property {number} used uses of the token's quota spent
 */

/**
 * What the sandbox saw since its last reset, for one token.
 * @param {import('../sandbox/server.js').Sandbox} sandbox
 * @param {string} token
 * @returns {SandboxFigures}
 */
function sandboxFigures(sandbox, token) {
	const fp = fingerprint(token);
	const calls = sandbox.requests({}).filter((q) => q.tokenFingerprint === fp);
	/** @type {Record<string, {accepted: number, refused: number}>} */
	const byEndpoint = {};
	for (const q of calls) {
		const key = q.path.replace(/^.*\/v2\//, '');
		byEndpoint[key] ??= { accepted: 0, refused: 0 };
		if (isConcurrencyRefusal(q)) byEndpoint[key].refused++;
		else byEndpoint[key].accepted++;
	}
	const accepted = calls.filter((q) => !isConcurrencyRefusal(q));
	const perToken = sandbox.stats().perToken[fp];
	return {
		byEndpoint,
		accepted: accepted.length,
		refusals: calls.length - accepted.length,
		maxInFlight: perToken ? perToken.maxInFlightObserved : 0,
		peakFromLog: peakOverlap(accepted),
		used: perToken ? perToken.used : 0,
	};
}

/**
 * Keys that occur more than once.
 * @param {unknown[]} keys
 * @returns {unknown[]}
 */
function duplicates(keys) {
	const seen = new Set();
	const dup = new Set();
	for (const k of keys) (seen.has(k) ? dup : seen).add(k);
	return [...dup];
}

/**
 * How many executions each worker started, from the line n8n logs for each ("Worker started execution N").
 * @param {Array<{name: string, readLog: () => string}>} workers
 * @returns {Record<string, number>}
 */
function executionsPerWorker(workers) {
	return Object.fromEntries(workers.map((w) => [w.name, (w.readLog().match(/Worker started execution /g) || []).length]));
}

module.exports = { fireWebhooks, sandboxFigures, duplicates, peakOverlap, executionsPerWorker, isConcurrencyRefusal };
