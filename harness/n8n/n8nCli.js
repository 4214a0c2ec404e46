'use strict';
/**
 * One n8n CLI command against a user folder, under the cached n8n's Node.js, with an environment that keeps the
 * caller's n8n settings out and a fresh free task-broker port.
 */

const fs = require('fs');
const path = require('path');
const { runtimeFor, N8N_VERSION } = require('./ensureN8n');
const { run, freePort } = require('./processes');

/** @typedef {import('./processes').RunResult} RunResult */

/** @type {import('./ensureN8n').N8nRuntime|null} */
let runtimeCache = null;

/**
 * The cached n8n of the selected target and the Node.js it runs under; throws with a hint when missing.
 * @returns {import('./ensureN8n').N8nRuntime}
 */
function runtime() {
	runtimeCache ??= runtimeFor(N8N_VERSION);
	return runtimeCache;
}

/** Env vars from the parent that must not leak into the n8n under test. */
const LEAKY_ENV = /^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL$|NODE_FUNCTION_ALLOW|CREDENTIALS_)/;

/**
 * Builds the environment for one n8n process.
 * @param {{folder: string, encryptionKey: string, brokerPort: number, extra?: Record<string, string>}} o
 * @returns {NodeJS.ProcessEnv}
 */
function buildEnv({ folder, encryptionKey, brokerPort, extra = {} }) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!LEAKY_ENV.test(k)) env[k] = v;
	Object.assign(env, {
		N8N_USER_FOLDER: folder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_LOG_LEVEL: 'info', // execute --rawOutput prints the run through logger.info: must stay info
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		NODE_ENV: 'production',
		// The task runner n8n starts is `process.execPath`, but `npm` (a community-package install) and anything
		// started by name resolve `node` from PATH: make that the target's Node.js as well.
		PATH: `${runtime().nodeBinDir}${path.delimiter}${process.env.PATH || ''}`,
		...extra,
	});
	return env;
}

/**
 * @typedef {object} UserFolder
 * @property {string} folder N8N_USER_FOLDER (n8n's data lives in `<folder>/.n8n`)
 * @property {string} encryptionKey
 * @property {string} nodesDir `<folder>/.n8n/nodes` (community packages)
 * @property {string[]} packages names of the packages installed there
 */

/**
 * Accepts a UserFolder or a plain path (key then read from `<folder>/.n8n/config` or the harness file).
 * @param {UserFolder|string} f
 * @returns {UserFolder}
 */
function asFolder(f) {
	if (typeof f !== 'string') return f;
	const folder = path.resolve(f);
	let encryptionKey = '';
	for (const p of [path.join(folder, '.wolkvox-e2e.json'), path.join(folder, '.n8n', 'config')]) {
		try {
			encryptionKey = JSON.parse(fs.readFileSync(p, 'utf8')).encryptionKey || '';
		} catch {
			/* try next */
		}
		if (encryptionKey) break;
	}
	if (!encryptionKey) throw new Error(`no encryption key known for ${folder} (create it with createUserFolder)`);
	return { folder, encryptionKey, nodesDir: path.join(folder, '.n8n', 'nodes'), packages: [] };
}

/**
 * Runs one n8n CLI command against a user folder with a fresh free broker port.
 * @param {UserFolder|string} f
 * @param {string[]} args
 * @param {{timeoutMs?: number, env?: Record<string, string>}} [opts]
 * @returns {Promise<RunResult>}
 */
async function n8nCli(f, args, opts = {}) {
	const uf = asFolder(f);
	const brokerPort = await freePort();
	const env = buildEnv({ folder: uf.folder, encryptionKey: uf.encryptionKey, brokerPort, extra: opts.env });
	const rt = runtime();
	return run(rt.nodeBin, [rt.n8nEntry, ...args], { cwd: uf.folder, env, timeoutMs: opts.timeoutMs || 180000 });
}

module.exports = { runtime, buildEnv, asFolder, n8nCli };
