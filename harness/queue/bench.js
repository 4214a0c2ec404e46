'use strict';
/**
 * The queue-mode measurement (`npm run bench:queue`): one queue-mode n8n, first with 1 worker, then 2, then 3
 * (a worker is added between rounds; every worker at n8n's default concurrency), and for each a burst of webhook
 * executions at once with one token, against the sandbox's 2-in-flight rule. Per round: wall time of the burst,
 * executions that succeeded, the most calls in flight the sandbox saw, the refusals it gave (each one a call the
 * node waited out and sent again), uses of the quota spent, duplicates and losses in what it stored, and how the
 * executions spread over the workers.
 */

const { startQueueScenario, contactBodies } = require('./scenario');
const { fireWebhooks, sandboxFigures, duplicates, executionsPerWorker } = require('./burst');

const HEX24 = /^[0-9a-f]{24}$/;

/**
 * @typedef {object} RoundFigures
 * @property {number} workers
 * @property {number} burst
 * @property {number} wallMs from the first request sent to the last answer
 * @property {number} succeeded executions that answered 200 with the id of a created contact
 * @property {number} maxInFlight the sandbox's peak of accepted calls in flight for the token
 * @property {number} refusals calls refused for a third one in flight (waited out by the node)
 * @property {number} quotaUsed
 * @property {number} duplicates contacts stored more than once
 * @property {number} lost contacts of the burst not stored
 * @property {Record<string, number>} perWorker executions each worker ran in this round
 */

/**
 * @param {{repo: string, maxWorkers: number, burst: number, latencyMs: number, tarball?: string, log: (line: string) => void}} o
 *   tarball: the package to install (default: dist/ packed)
 * @returns {Promise<RoundFigures[]>}
 */
async function benchQueueMode(o) {
	const t0 = Date.now();
	const s = await startQueueScenario({ repo: o.repo, workers: 1, latencyMs: o.latencyMs, tarball: o.tarball });
	o.log(`queue-mode n8n with 1 worker ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	/** @type {RoundFigures[]} */
	const rounds = [];
	try {
		for (let n = 1; n <= o.maxWorkers; n++) {
			if (n > 1) await s.cluster.addWorker();
			s.sandbox.reset();
			const label = `W${n}`;
			const bodies = contactBodies(label, o.burst);
			const before = executionsPerWorker(s.cluster.workers);
			const { results, wallMs } = await fireWebhooks(s.itemUrl, bodies);
			const seen = sandboxFigures(s.sandbox, s.token);
			const after = executionsPerWorker(s.cluster.workers);
			const stored = (s.sandbox.store({ module: 'contacts', limit: 100000 }).records.contacts || [])
				.map((r) => String(r.idcontact))
				.filter((id) => id.startsWith(`${label}-`));
			const round = {
				workers: n,
				burst: o.burst,
				wallMs,
				succeeded: results.filter((r) => r.status === 200 && HEX24.test(String(r.body && r.body.wolkvox_id))).length,
				maxInFlight: seen.maxInFlight,
				refusals: seen.refusals,
				quotaUsed: seen.used,
				duplicates: duplicates(stored).length,
				lost: bodies.filter((b) => !stored.includes(b.id)).length,
				perWorker: Object.fromEntries(Object.keys(after).map((w) => [w, after[w] - (before[w] || 0)])),
			};
			rounds.push(round);
			o.log(`${n} worker(s): ${JSON.stringify(round)}`);
		}
	} finally {
		await s.stop();
	}
	return rounds;
}

/**
 * The rounds as a Markdown table.
 * @param {RoundFigures[]} rounds
 * @returns {string}
 */
function roundsTable(rounds) {
	const lines = [
		'| workers | burst | wall time | succeeded | max in flight at the sandbox | refusals waited out | quota used | duplicates | lost | executions per worker |',
		'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
	];
	for (const r of rounds) {
		lines.push(
			`| ${r.workers} | ${r.burst} | ${(r.wallMs / 1000).toFixed(1)} s | ${r.succeeded} of ${r.burst} | ${r.maxInFlight} | ${r.refusals} | ${r.quotaUsed} | ${r.duplicates} | ${r.lost} | ${Object.values(r.perWorker).join(' / ')} |`,
		);
	}
	return lines.join('\n');
}

module.exports = { benchQueueMode, roundsTable };
