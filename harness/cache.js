'use strict';
/**
 * Shared by the installers that fill `.cache/` (harness/n8n/ensureNode.js, harness/n8n/ensureN8n.js): the repository's
 * cache folder, and a lock folder so two callers (two terminals, the demo and the tests) never install into the
 * same place at once. A lock whose holder died is taken over.
 */

const fs = require('fs');
const path = require('path');

const REPO_DIR = path.resolve(__dirname, '..');

/** @returns {string} `<repo>/.cache` */
function cacheRoot() {
	return path.join(REPO_DIR, '.cache');
}

/** @param {number} pid @returns {boolean} */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
	}
}

/**
 * Takes `<dir>/<name>` as a lock (a folder holding the owner's pid). Waits while a live process holds it.
 * @param {string} dir
 * @param {string} name
 * @param {(s: string) => void} log
 * @param {string} label prefix of the waiting message
 * @returns {Promise<() => void>} release
 */
async function acquireLock(dir, name, log, label) {
	const lock = path.join(dir, name);
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			const release = () => fs.rmSync(lock, { recursive: true, force: true });
			process.once('exit', release);
			return () => {
				process.removeListener('exit', release);
				release();
			};
		} catch (e) {
			if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				/* being written */
			}
			if (pid && !alive(pid)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) log(`[${label}] another install (pid ${pid || '?'}) holds ${lock}; waiting`);
			announced = true;
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
}

/**
 * The environment for an install outside the project. Under `npm test`, npm hands the project's settings to child
 * processes as npm_config_* variables (among them ignore-scripts=true from the project's .npmrc); they are dropped
 * so the install in `.cache/` gets npm's defaults and the user's own configuration.
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function cleanNpmEnv(extra = {}) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_(config|package|lifecycle)_/i.test(key)) env[key] = value;
	}
	return { ...env, ...extra };
}

module.exports = { REPO_DIR, cacheRoot, acquireLock, alive, cleanNpmEnv };
