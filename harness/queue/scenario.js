'use strict';
/**
 * What the queue-mode suite and `npm run bench:queue` both run on: the wolkvox sandbox with its 2-in-flight rule,
 * the packed package, a queue-mode n8n (main + workers), one credential (one token) and the two webhook
 * workflows, published; and the request bodies they are sent.
 */

const { packPackage } = require('../n8n/userFolder');
const { startSandbox } = require('../sandbox/server.js');
const { startQueueCluster } = require('./cluster');
const wf = require('./workflows');

const TOKEN = 'queue-mode-token-not-secret';
const OPERATION = 'queue_op';

/**
 * @typedef {object} QueueScenario
 * @property {import('../sandbox/server.js').Sandbox} sandbox
 * @property {import('./cluster').QueueCluster} cluster
 * @property {string} itemUrl the per-item workflow's webhook
 * @property {string} bulkUrl the bulk workflow's webhook
 * @property {string} itemWorkflowId
 * @property {string} bulkWorkflowId
 * @property {string} token the one token every execution uses (the sandbox's; fake)
 * @property {() => Promise<void>} stop
 */

/**
 * @param {{repo: string, workers: number, latencyMs: number, bulkBatchSize?: number, tarball?: string}} o
 *   latencyMs: how long the sandbox takes to answer each accepted call
 * @returns {Promise<QueueScenario>}
 */
async function startQueueScenario(o) {
	const sandbox = await startSandbox({
		latencyMs: o.latencyMs,
		maxInFlightPerToken: 2,
		recordBodies: 'summary',
		tokens: { [TOKEN]: { operation: OPERATION, quota: 4800 } },
	});
	let cluster = /** @type {import('./cluster').QueueCluster|null} */ (null);
	const stop = async () => {
		if (cluster) await cluster.stop();
		await sandbox.close();
	};
	try {
		const tarball = o.tarball || (await packPackage(o.repo));
		cluster = await startQueueCluster({ tarball, workers: o.workers });
		const credential = await wf.createCredential(cluster.main, { sandboxUrl: sandbox.url, token: TOKEN, operation: OPERATION });
		const itemWorkflowId = await wf.createActiveWorkflow(cluster.main, cluster.pg, wf.perItemWorkflow(credential));
		const bulkWorkflowId = await wf.createActiveWorkflow(
			cluster.main,
			cluster.pg,
			wf.bulkWorkflow(credential, o.bulkBatchSize || 25),
		);
		return {
			sandbox,
			cluster,
			itemUrl: `${cluster.main.url}/webhook/${wf.ITEM_PATH}`,
			bulkUrl: `${cluster.main.url}/webhook/${wf.BULK_PATH}`,
			itemWorkflowId,
			bulkWorkflowId,
			token: TOKEN,
			stop,
		};
	} catch (e) {
		await stop();
		throw e;
	}
}

/**
 * One body per per-item execution: a contact with an id unique to this burst.
 * @param {string} label tells bursts apart
 * @param {number} n
 * @returns {Array<{id: string, name: string}>}
 */
function contactBodies(label, n) {
	return Array.from({ length: n }, (_, i) => ({ id: `${label}-${String(i + 1).padStart(3, '0')}`, name: `Contact ${label} ${i + 1}` }));
}

/**
 * A portfolio of flat rows: `caseFiles` customers with `obligationsEach` obligation rows each.
 * @param {string} label
 * @param {number} caseFiles
 * @param {number} obligationsEach
 */
function portfolioBody(label, caseFiles, obligationsEach) {
	const rows = [];
	for (let c = 1; c <= caseFiles; c++) {
		for (let k = 1; k <= obligationsEach; k++) {
			rows.push({
				cedula: `${label}${String(c).padStart(5, '0')}`,
				nombre: `Cliente ${c}`,
				email: `cliente${c}@example.com`,
				telefono: `300${String(c).padStart(7, '0')}`,
				obligacion: `${label}-${c}-${k}`,
				producto: `Loan ${k}`,
				saldo: `${c * 1000 + k}`,
			});
		}
	}
	return { rows };
}

module.exports = { startQueueScenario, contactBodies, portfolioBody, TOKEN, OPERATION };
