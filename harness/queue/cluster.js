'use strict';
/**
 * n8n in queue mode on one machine: redis-server and PostgreSQL on loopback ports of their own, `n8n start` (the
 * main process: editor, REST API, webhooks, which it puts on the queue) and N `n8n worker` processes (which run
 * them). Every process has its own user folder and shares the encryption key, the queue and the database; the
 * packed package is installed in each folder the way n8n installs a community package, since every process that
 * runs a workflow loads its node types itself.
 *
 * The settings are n8n's own (packages/@n8n/config: ScalingModeConfig, DatabaseConfig, ExecutionsConfig).
 */

const crypto = require('crypto');
const { startEditor } = require('../n8n/editor');
const { log, secs } = require('../n8n/processes');
const { createUserFolder } = require('../n8n/userFolder');
const { startPostgres } = require('./postgres');
const { startRedis } = require('./redis');
const { startWorker } = require('./worker');

/**
 * @typedef {import('./worker').Worker} Worker
 * @typedef {import('../n8n/editor').Editor} Editor
 * @typedef {import('./postgres').PostgresServer} PostgresServer
 * @typedef {import('./redis').RedisServer} RedisServer
 */

/**
 * The settings every process of one queue-mode n8n shares.
 * @param {RedisServer} redis
 * @param {PostgresServer} pg
 * @returns {Record<string, string>}
 */
function queueEnv(redis, pg) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		// No health server on the workers: it would need a port each, and readiness is read from their log.
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		// n8n publishes an activated workflow from an outbox it polls (every 15 s by default): poll often, so a test
		// does not wait for its webhook.
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '500',
	};
}

/**
 * @typedef {object} QueueCluster
 * @property {RedisServer} redis
 * @property {PostgresServer} pg
 * @property {Editor} main `n8n start` with an owner logged in (`main.rest`, `main.url`)
 * @property {Worker[]} workers the running workers
 * @property {(o?: {withPackage?: boolean, concurrency?: number}) => Promise<Worker>} addWorker starts one more worker
 * @property {(w: Worker) => Promise<void>} stopWorker
 * @property {() => Promise<void>} stop stops every process (workers, main, then the services)
 */

/**
 * Starts redis-server, PostgreSQL, `n8n start` and `workers` workers (one after another: on 2 cores, n8n processes
 * starting together slow each other down more than they gain).
 * @param {{tarball: string, workers: number, concurrency?: number}} o concurrency: each worker's --concurrency
 *   (n8n's default when left out)
 * @returns {Promise<QueueCluster>}
 */
/** How long a starting worker may take before it is started again. */
const WORKER_READY_MS = 60_000;

async function startQueueCluster(o) {
	const started = Date.now();
	const encryptionKey = crypto.randomBytes(24).toString('base64url');
	const redis = await startRedis();
	const pg = await startPostgres();
	const env = queueEnv(redis, pg);
	/** @type {Worker[]} */
	const workers = [];
	let main = /** @type {Editor|null} */ (null);
	let count = 0;

	/** @param {{withPackage?: boolean, concurrency?: number}} [w] */
	const addWorker = async (w = {}) => {
		const withPackage = w.withPackage !== false;
		const folder = await createUserFolder({ tarball: withPackage ? o.tarball : undefined, encryptionKey });
		const name = `worker-${++count}`;
		const start = (/** @type {number} */ timeoutMs) =>
			startWorker({ name, folder, env, concurrency: w.concurrency ?? o.concurrency, timeoutMs });
		// A worker is ready in a few seconds; once in a while one hangs for minutes on its way up. That one is
		// stopped and started again rather than waited for.
		const worker = await start(WORKER_READY_MS).catch(async (/** @type {Error} */ error) => {
			if (!/not ready after/.test(error.message)) throw error;
			log(`${name} not ready after ${WORKER_READY_MS / 1000} s: started again`);
			return await start(3 * WORKER_READY_MS);
		});
		workers.push(worker);
		return worker;
	};
	/** @param {Worker} w */
	const stopWorker = async (w) => {
		await w.stop();
		const i = workers.indexOf(w);
		if (i >= 0) workers.splice(i, 1);
	};
	const stop = async () => {
		for (const w of [...workers]) await stopWorker(w);
		if (main) await main.stop();
		await pg.stop();
		await redis.stop();
	};
	try {
		const mainFolder = await createUserFolder({ tarball: o.tarball, encryptionKey });
		main = await startEditor({ folder: mainFolder, env });
		for (let i = 0; i < o.workers; i++) await addWorker();
	} catch (e) {
		await stop();
		throw e;
	}
	log(`queue-mode n8n (main + ${o.workers} worker(s)) ready: ${secs(Date.now() - started)}`);
	return { redis, pg, main, workers, addWorker, stopWorker, stop };
}

module.exports = { startQueueCluster, queueEnv };
