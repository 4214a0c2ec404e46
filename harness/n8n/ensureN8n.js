'use strict';
/**
 * Ensures a pinned, cached n8n install (and the Node.js it runs under) for the real-n8n harness.
 *
 * - The versions come from harness/n8n/matrix.js: the newest (n8n 2.41.1 on Node.js 24.22.3, the default) or the
 *   oldest claimed (n8n 2.8.4 on Node.js 20.20.2). Pick one with `--n8n <version|newest|oldest>` or
 *   WOLKVOX_N8N_VERSION.
 * - The Node.js comes from harness/n8n/ensureNode.js (the running one when it is that exact version, otherwise the
 *   `node-<os>-<arch>` package from the npm registry, into `.cache/node-v<version>/`). npm and node-gyp run under
 *   it, with npm_config_nodedir at its headers, so native modules are built for it.
 * - n8n goes to `<repo>/.cache/n8n-<version>/`, outside the package's own node_modules. The root
 *   `overrides: {"xlsx": "0.18.5"}` is mandatory: n8n-nodes-base pins xlsx to a tarball on cdn.sheetjs.com,
 *   which is not reachable, so the install fails without it.
 * - n8n 2.41.x: `npm install --ignore-scripts`, then `npm rebuild sqlite3` (the only native module n8n needs for
 *   its sqlite database): with install scripts on, @confluentinc/kafka-javascript's script downloads from the
 *   internet and fails the install.
 * - Reused when the marker file exists and `n8n --version` (under its Node.js) prints the version. Without the
 *   marker (interrupted / failed install) node_modules is wiped and the install redone.
 * - Checks that the native `sqlite3` binding loads (rebuilds it once if not).
 * - While installing, prints a progress line every 15 s (harness/progress.js); npm's output goes to a log file.
 *
 *   const { ensureN8n, runtimeFor } = require('./ensureN8n'); const { n8nBin, nodeBin } = await ensureN8n();
 * From the command line: scripts/ensure-n8n.js.
 */

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { cacheRoot, cleanNpmEnv } = require('../cache');
const { acquireLock } = require('../lock');
const { runLogged, logTail, fmtDuration } = require('../progress');
const { targetFor } = require('./matrix');
const { ensureNode, nodeBinFor } = require('./ensureNode');

const XLSX_OVERRIDE = '0.18.5';
const MARKER = '.wolkvox-n8n-installed.json';
const LOCK = '.wolkvox-n8n-install.lock';

/** The n8n version of the selected target (WOLKVOX_N8N_VERSION, default the newest). */
const N8N_VERSION = targetFor().n8n;

/**
 * @param {string} [version] n8n version (default: the selected target's)
 * @returns {string} absolute cache folder for that n8n install
 */
function cacheDir(version = targetFor().n8n) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

/**
 * @param {string} dir cache folder
 * @returns {string} path of the n8n binary inside the cache folder
 */
function n8nBinPath(dir = cacheDir()) {
	return path.join(dir, 'node_modules', '.bin', 'n8n');
}

/**
 * Runs `n8n --version` from the cache folder under the given Node.js.
 * @param {string} dir cache folder
 * @param {string} nodeBin
 * @returns {string|null} trimmed version or null
 */
function installedVersion(dir, nodeBin) {
	const bin = n8nBinPath(dir);
	if (!fs.existsSync(bin)) return null;
	const r = spawnSync(nodeBin, [fs.realpathSync(bin), '--version'], {
		encoding: 'utf8',
		timeout: 60000,
	});
	if (r.status !== 0) return null;
	const line = String(r.stdout).trim().split('\n').pop();
	return line ? line.trim() : null;
}

/**
 * Checks that the sqlite3 native binding n8n uses can open an in-memory database.
 * @param {string} dir cache folder
 * @param {string} nodeBin
 * @returns {{ok: boolean, output: string}}
 */
function checkSqlite(dir, nodeBin) {
	const script =
		"const p=require.resolve('sqlite3',{paths:[process.argv[1]+'/node_modules/n8n',process.argv[1]]});" +
		"const s=require(p);const db=new s.Database(':memory:');" +
		"db.get('select sqlite_version() v',(e,r)=>{if(e){console.error(e);process.exit(1)}console.log('sqlite '+r.v+' via '+p);db.close()})";
	const r = spawnSync(nodeBin, ['-e', script, dir], { encoding: 'utf8', timeout: 60000 });
	return { ok: r.status === 0, output: `${r.stdout || ''}${r.stderr || ''}`.trim() };
}

/**
 * @typedef {object} N8nRuntime
 * @property {string} n8nBin the `.bin/n8n` link in the cache
 * @property {string} n8nEntry the real path of n8n's CLI script (run it as `nodeBin n8nEntry …`)
 * @property {string} version n8n version
 * @property {string} cacheDir
 * @property {string} nodeBin the Node.js n8n runs under
 * @property {string} nodeBinDir its folder (first on PATH for child processes)
 * @property {string} nodeVersion e.g. 24.22.3
 */

/**
 * Where an installed n8n and its Node.js are, without installing anything. Throws with the command to run when
 * either is missing.
 * @param {string} [version] n8n version (default: the selected target's)
 * @returns {N8nRuntime}
 */
function runtimeFor(version = targetFor().n8n) {
	const target = targetFor(version);
	const dir = cacheDir(target.n8n);
	const node = nodeBinFor(target.node);
	const bin = n8nBinPath(dir);
	if (!node || !fs.existsSync(bin) || !fs.existsSync(path.join(dir, MARKER))) {
		throw new Error(
			`n8n ${target.n8n} (Node.js ${target.node}) is not installed in ${dir}; run: node scripts/ensure-n8n.js --n8n ${target.n8n}`,
		);
	}
	return {
		n8nBin: bin,
		n8nEntry: fs.realpathSync(bin),
		version: target.n8n,
		cacheDir: dir,
		nodeBin: node.nodeBin,
		nodeBinDir: node.binDir,
		nodeVersion: node.version,
	};
}

/**
 * Makes sure the pinned n8n (and its Node.js) is installed in the cache folder and returns where it is.
 * @param {{version?: string, force?: boolean, quiet?: boolean, log?: (s: string) => void}} [opts]
 * @returns {Promise<N8nRuntime & {reused: boolean, installMs: number, logFile: string|null, sqlite: string, nodeFetched: boolean}>}
 */
async function ensureN8n(opts = {}) {
	const log = opts.log || (opts.quiet ? () => {} : (s) => process.stderr.write(s + '\n'));
	const target = targetFor(opts.version);
	const node = await ensureNode(target.node, { log });
	const dir = cacheDir(target.n8n);
	const markerPath = path.join(dir, MARKER);
	fs.mkdirSync(dir, { recursive: true });

	const quickCheck = () =>
		fs.existsSync(markerPath) && installedVersion(dir, node.nodeBin) === target.n8n
			? target.n8n
			: null;

	/** The answer when a finished install is already in the cache. */
	const reusedResult = () => {
		const marker = JSON.parse(fs.readFileSync(markerPath, 'utf8'));
		return {
			...runtimeFor(target.n8n),
			reused: true,
			installMs: 0,
			logFile: null,
			sqlite: marker.sqlite || '',
			nodeFetched: node.fetched,
		};
	};

	if (!opts.force && quickCheck()) return reusedResult();

	const release = await acquireLock(path.join(dir, LOCK), { log, label: 'ensure-n8n' });
	try {
		// Someone else may have finished while we waited for the lock.
		if (!opts.force && quickCheck()) return reusedResult();
		const started = Date.now();
		const logFile = path.join(dir, 'install.log');
		fs.rmSync(markerPath, { force: true });
		if (fs.existsSync(path.join(dir, 'node_modules'))) {
			log(`[ensure-n8n] no completion marker: removing the partial install in ${dir}/node_modules`);
			fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
		}
		fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: 'wolkvox-n8n-e2e-cache',
					private: true,
					description: `Cached n8n ${target.n8n} (Node.js ${target.node}) for the n8n-nodes-wolkvox tests (harness/n8n/ensureN8n.js)`,
					dependencies: { n8n: target.n8n },
					overrides: { xlsx: XLSX_OVERRIDE },
				},
				null,
				2,
			) + '\n',
		);
		// npm, node-gyp and install scripts run under the target's Node.js, building native modules against its headers.
		const env = cleanNpmEnv({
			PATH: `${node.binDir}${path.delimiter}${process.env.PATH || ''}`,
			npm_config_ignore_scripts: 'false',
			...(node.headersDir ? { npm_config_nodedir: node.headersDir } : {}),
		});
		const df = spawnSync('df', ['-h', dir], { encoding: 'utf8' });
		log(
			`[ensure-n8n] installing n8n@${target.n8n} for Node.js ${node.version} into ${dir} ` +
				`(one-time, ~5-15 min, ~2.5-3 GB)`,
		);
		if (df.status === 0) log(`[ensure-n8n] disk: ${df.stdout.trim().split('\n').pop()}`);
		log(`[ensure-n8n] npm log: ${logFile}`);
		const installArgs = ['install', '--no-audit', '--no-fund', '--loglevel=http'];
		if (target.ignoreScripts) installArgs.push('--ignore-scripts');
		const rc = await runLogged('npm', installArgs, {
			cwd: dir,
			env,
			logFile,
			label: 'ensure-n8n: npm install',
			log,
		});
		if (rc !== 0) {
			throw new Error(
				`npm install n8n@${target.n8n} failed (rc ${rc}); log ${logFile}; tail:\n${logTail(logFile)}`,
			);
		}
		for (const pkg of target.rebuild) {
			log(
				`[ensure-n8n] building ${pkg}'s native module for Node.js ${node.version} (about 1-2 min)`,
			);
			const rrc = await runLogged('npm', ['rebuild', pkg, '--foreground-scripts'], {
				cwd: dir,
				env,
				logFile,
				label: `ensure-n8n: npm rebuild ${pkg}`,
				log,
			});
			if (rrc !== 0)
				throw new Error(
					`npm rebuild ${pkg} failed (rc ${rrc}); log ${logFile}; tail:\n${logTail(logFile)}`,
				);
		}
		const version = installedVersion(dir, node.nodeBin);
		if (version !== target.n8n)
			throw new Error(`n8n --version printed ${version}, expected ${target.n8n}`);
		let sqlite = checkSqlite(dir, node.nodeBin);
		if (!sqlite.ok) {
			log(
				`[ensure-n8n] sqlite3 binding failed (${sqlite.output.split('\n')[0]}); running npm rebuild sqlite3`,
			);
			await runLogged('npm', ['rebuild', 'sqlite3', '--foreground-scripts'], {
				cwd: dir,
				env,
				logFile,
				label: 'ensure-n8n: npm rebuild sqlite3',
				log,
			});
			sqlite = checkSqlite(dir, node.nodeBin);
			if (!sqlite.ok) throw new Error(`sqlite3 does not load after rebuild:\n${sqlite.output}`);
		}
		const installMs = Date.now() - started;
		fs.writeFileSync(
			markerPath,
			JSON.stringify(
				{
					version,
					node: `v${node.version}`,
					installedAt: new Date().toISOString(),
					installMs,
					sqlite: sqlite.output,
				},
				null,
				2,
			) + '\n',
		);
		log(
			`[ensure-n8n] n8n ${version} on Node.js ${node.version} ready in ${fmtDuration(installMs)} (${sqlite.output})`,
		);
		return {
			...runtimeFor(target.n8n),
			reused: false,
			installMs,
			logFile,
			sqlite: sqlite.output,
			nodeFetched: node.fetched,
		};
	} finally {
		release();
	}
}

module.exports = { ensureN8n, runtimeFor, cacheDir, n8nBinPath, checkSqlite, N8N_VERSION };
