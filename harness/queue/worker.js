'use strict';
/** One `n8n worker` process: its own user folder, the shared queue and database, a log file, a way to stop it. */

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { buildEnv, runtime } = require('../n8n/n8nCli');
const { log, secs, freePort, track, killGroup, tail } = require('../n8n/processes');

/** @typedef {import('../n8n/n8nCli').UserFolder} UserFolder */

/**
 * @typedef {object} Worker
 * @property {string} name e.g. worker-2
 * @property {number} pid
 * @property {string} folder its N8N_USER_FOLDER
 * @property {boolean} hasPackage whether the package is installed in its user folder
 * @property {string} logFile
 * @property {() => string} readLog
 * @property {() => Promise<void>} stop SIGTERM (n8n waits for its running jobs), SIGKILL after 30 s
 */

/** What n8n prints once a worker takes jobs from the queue. */
const READY_LINE = 'n8n worker is now ready';

/**
 * Starts `n8n worker` and waits until it takes jobs.
 * @param {{name: string, folder: UserFolder, env: Record<string, string>, concurrency?: number, timeoutMs?: number}} o
 *   concurrency: the worker's --concurrency flag (n8n's default when left out)
 * @returns {Promise<Worker>}
 */
async function startWorker(o) {
	const started = Date.now();
	const env = buildEnv({
		folder: o.folder.folder,
		encryptionKey: o.folder.encryptionKey,
		brokerPort: await freePort(),
		extra: o.env,
	});
	const logFile = path.join(o.folder.folder, `${o.name}.log`);
	const fd = fs.openSync(logFile, 'a');
	const rt = runtime();
	const args = [rt.n8nEntry, 'worker', ...(o.concurrency ? [`--concurrency=${o.concurrency}`] : [])];
	const child = spawn(rt.nodeBin, args, { cwd: o.folder.folder, env, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	track(child);
	/** @type {Promise<void>} */
	const exited = new Promise((resolve) => child.on('exit', () => resolve()));
	const readLog = () => fs.readFileSync(logFile, 'utf8');
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 30000);
		await exited;
		clearTimeout(timer);
		try {
			process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL'); // its task runner, if still there
		} catch {
			/* none */
		}
	};
	const deadline = Date.now() + (o.timeoutMs || 180000);
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${o.name} exited (rc ${child.exitCode}); log ${logFile}:\n${tail(readLog())}`);
		if (readLog().includes(READY_LINE)) break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`${o.name} not ready after ${o.timeoutMs || 180000} ms; log ${logFile}:\n${tail(readLog())}`);
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	const hasPackage = o.folder.packages.length > 0;
	log(`${o.name} ready (${hasPackage ? 'package installed' : 'no package'}): ${secs(Date.now() - started)}; log ${logFile}`);
	return {
		name: o.name,
		pid: /** @type {number} */ (child.pid),
		folder: o.folder.folder,
		hasPackage,
		logFile,
		readLog,
		stop,
	};
}

module.exports = { startWorker };
