#!/usr/bin/env node
'use strict';
/**
 * Ensures a pinned, cached n8n install for the end-to-end harness.
 *
 * - Installs `n8n@2.8.4` (newest n8n whose engines accept Node 20) into
 *   `<repo>/.cache/n8n-2.8.4/` (override with env `WOLKVOX_N8N_CACHE`), outside the
 *   package's own node_modules.
 * - The root `overrides: {"xlsx": "0.18.5"}` is mandatory: n8n-nodes-base pins xlsx to a
 *   tarball on cdn.sheetjs.com, which is not reachable, so the install fails without it.
 * - Reused when the marker file exists and `node_modules/.bin/n8n --version` prints 2.8.4.
 *   Without the marker (interrupted / failed install) node_modules is wiped and the install redone.
 * - Verifies that the native `sqlite3` binding loads after the install (rebuilds it once if not).
 * - Prints a heartbeat every 15 s while the one-time install runs; npm's output goes to a log file.
 *
 * CLI:    node scripts/ensure-n8n.js [--force] [--quiet]
 *         prints, as its last stdout line, a JSON object {"n8nBin", "version", "cacheDir", ...}
 * Module: const { ensureN8n } = require('./ensure-n8n'); const { n8nBin } = await ensureN8n();
 */

const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const N8N_VERSION = '2.8.4';
const XLSX_OVERRIDE = '0.18.5';
const REPO_DIR = path.resolve(__dirname, '..');
const MARKER = '.wolkvox-n8n-installed.json';
const LOCK = '.wolkvox-n8n-install.lock';
const HEARTBEAT_MS = 15000;

/** @returns {string} absolute cache folder for the n8n install */
function cacheDir() {
	return path.resolve(process.env.WOLKVOX_N8N_CACHE || path.join(REPO_DIR, '.cache', `n8n-${N8N_VERSION}`));
}

/**
 * @param {string} dir cache folder
 * @returns {string} path of the n8n binary inside the cache folder
 */
function n8nBinPath(dir = cacheDir()) {
	return path.join(dir, 'node_modules', '.bin', 'n8n');
}

/**
 * Runs `n8n --version` from the cache folder.
 * @param {string} dir cache folder
 * @returns {string|null} trimmed version or null
 */
function installedVersion(dir) {
	const bin = n8nBinPath(dir);
	if (!fs.existsSync(bin)) return null;
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60000 });
	if (r.status !== 0) return null;
	const line = String(r.stdout).trim().split('\n').pop();
	return line ? line.trim() : null;
}

/**
 * Checks that the sqlite3 native binding n8n uses can open an in-memory database.
 * @param {string} dir cache folder
 * @returns {{ok: boolean, output: string}}
 */
function checkSqlite(dir) {
	const script =
		"const p=require.resolve('sqlite3',{paths:[process.argv[1]+'/node_modules/n8n',process.argv[1]]});" +
		"const s=require(p);const db=new s.Database(':memory:');" +
		"db.get('select sqlite_version() v',(e,r)=>{if(e){console.error(e);process.exit(1)}console.log('sqlite '+r.v+' via '+p);db.close()})";
	const r = spawnSync(process.execPath, ['-e', script, dir], { encoding: 'utf8', timeout: 60000 });
	return { ok: r.status === 0, output: `${r.stdout || ''}${r.stderr || ''}`.trim() };
}

/** @param {number} ms @returns {string} */
function fmt(ms) {
	const s = Math.round(ms / 1000);
	return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** @param {number} pid @returns {boolean} */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/**
 * The environment for n8n's own install. Under `npm test`, npm hands the project's settings to child processes as
 * npm_config_* variables, among them ignore-scripts=true from the project's .npmrc; n8n needs its install scripts
 * (sqlite3 compiles its native binding), so those settings are dropped here.
 * @returns {NodeJS.ProcessEnv}
 */
function n8nInstallEnv() {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_(config|package|lifecycle)_/i.test(key)) env[key] = value;
	}
	env.npm_config_ignore_scripts = 'false';
	return env;
}

/**
 * Runs npm with output appended to a log file; prints a heartbeat every 15 s.
 * @param {string[]} args npm arguments
 * @param {{cwd: string, logFile: string, label: string, log: (s: string) => void}} opts
 * @returns {Promise<number>} exit code
 */
function runNpmLogged(args, { cwd, logFile, label, log }) {
	return new Promise((resolve, reject) => {
		const fd = fs.openSync(logFile, 'a');
		fs.writeSync(fd, `\n=== ${new Date().toISOString()} npm ${args.join(' ')} (cwd ${cwd})\n`);
		const started = Date.now();
		const child = spawn('npm', args, { cwd, stdio: ['ignore', fd, fd], env: n8nInstallEnv() });
		const kill = () => {
			try {
				child.kill('SIGTERM');
			} catch {
				/* already gone */
			}
		};
		const onSignal = (sig) => {
			kill();
			log(`[ensure-n8n] ${sig}: stopped npm; the install will be redone next time`);
			process.exit(130);
		};
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		process.once('exit', kill);
		const hb = setInterval(() => {
			let size = 0;
			let fetches = 0;
			let last = '';
			try {
				const text = fs.readFileSync(logFile, 'utf8');
				size = text.length;
				fetches = (text.match(/^npm http (fetch|cache) /gm) || []).length;
				last = text.trimEnd().split('\n').pop().slice(0, 110);
			} catch {
				/* log not readable yet */
			}
			log(
				`[ensure-n8n] ${label}: ${fmt(Date.now() - started)} elapsed, log ${(size / 1024).toFixed(0)} KB, ` +
					`${fetches} fetched/cached | ${last}`,
			);
		}, HEARTBEAT_MS);
		child.on('error', (e) => {
			clearInterval(hb);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			clearInterval(hb);
			process.removeListener('SIGINT', onSignal);
			process.removeListener('SIGTERM', onSignal);
			process.removeListener('exit', kill);
			fs.closeSync(fd);
			resolve(code === null ? 128 + (signal === 'SIGKILL' ? 9 : 15) : code);
		});
	});
}

/**
 * Takes a simple lock folder so two concurrent callers don't install at once. Waits for a live holder.
 * @param {string} dir cache folder
 * @param {(s: string) => void} log
 * @returns {Promise<() => void>} release function
 */
async function acquireLock(dir, log) {
	const lock = path.join(dir, LOCK);
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
			if (e.code !== 'EEXIST') throw e;
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
			if (!announced) log(`[ensure-n8n] another install (pid ${pid || '?'}) holds ${lock}; waiting`);
			announced = true;
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
}

/**
 * Makes sure the pinned n8n is installed in the cache folder and returns where it is.
 * @param {{force?: boolean, quiet?: boolean, log?: (s: string) => void}} [opts]
 * @returns {Promise<{n8nBin: string, version: string, cacheDir: string, reused: boolean, installMs: number, logFile: string|null, sqlite: string}>}
 */
async function ensureN8n(opts = {}) {
	const log = opts.log || (opts.quiet ? () => {} : (s) => process.stderr.write(s + '\n'));
	const dir = cacheDir();
	const markerPath = path.join(dir, MARKER);
	fs.mkdirSync(dir, { recursive: true });

	const quickCheck = () => {
		if (!fs.existsSync(markerPath)) return null;
		const v = installedVersion(dir);
		return v === N8N_VERSION ? v : null;
	};

	/** The answer when a finished install is already in the cache. */
	const reusedResult = () => {
		const marker = JSON.parse(fs.readFileSync(markerPath, 'utf8'));
		return {
			n8nBin: n8nBinPath(dir),
			version: N8N_VERSION,
			cacheDir: dir,
			reused: true,
			installMs: 0,
			logFile: null,
			sqlite: marker.sqlite || '',
		};
	};

	if (!opts.force && quickCheck()) return reusedResult();

	const release = await acquireLock(dir, log);
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
					description: 'Cached n8n for the n8n-nodes-wolkvox e2e harness (scripts/ensure-n8n.js)',
					dependencies: { n8n: N8N_VERSION },
					overrides: { xlsx: XLSX_OVERRIDE },
				},
				null,
				2,
			) + '\n',
		);
		const df = spawnSync('df', ['-h', dir], { encoding: 'utf8' });
		log(`[ensure-n8n] installing n8n@${N8N_VERSION} into ${dir} (one-time, ~4-8 min, ~2.3 GB)`);
		if (df.status === 0) log(`[ensure-n8n] disk: ${df.stdout.trim().split('\n').pop()}`);
		log(`[ensure-n8n] npm log: ${logFile}`);
		const rc = await runNpmLogged(['install', '--no-audit', '--no-fund', '--loglevel=http'], {
			cwd: dir,
			logFile,
			label: 'npm install',
			log,
		});
		if (rc !== 0) {
			const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
			throw new Error(`npm install n8n@${N8N_VERSION} failed (rc ${rc}); log ${logFile}; tail:\n${tail}`);
		}
		const version = installedVersion(dir);
		if (version !== N8N_VERSION) throw new Error(`n8n --version printed ${version}, expected ${N8N_VERSION}`);
		let sqlite = checkSqlite(dir);
		if (!sqlite.ok) {
			log(`[ensure-n8n] sqlite3 binding failed (${sqlite.output.split('\n')[0]}); running npm rebuild sqlite3`);
			await runNpmLogged(['rebuild', 'sqlite3'], { cwd: dir, logFile, label: 'npm rebuild sqlite3', log });
			sqlite = checkSqlite(dir);
			if (!sqlite.ok) throw new Error(`sqlite3 does not load after rebuild:\n${sqlite.output}`);
		}
		const installMs = Date.now() - started;
		fs.writeFileSync(
			markerPath,
			JSON.stringify(
				{ version, node: process.version, installedAt: new Date().toISOString(), installMs, sqlite: sqlite.output },
				null,
				2,
			) + '\n',
		);
		log(`[ensure-n8n] n8n ${version} ready in ${fmt(installMs)} (${sqlite.output})`);
		return {
			n8nBin: n8nBinPath(dir),
			version,
			cacheDir: dir,
			reused: false,
			installMs,
			logFile,
			sqlite: sqlite.output,
		};
	} finally {
		release();
	}
}

module.exports = { ensureN8n, cacheDir, n8nBinPath, checkSqlite, N8N_VERSION };

if (require.main === module) {
	const args = process.argv.slice(2);
	const started = Date.now();
	ensureN8n({ force: args.includes('--force'), quiet: args.includes('--quiet') })
		.then((r) => {
			if (r.reused && !args.includes('--quiet')) {
				process.stderr.write(
					`[ensure-n8n] reusing n8n ${r.version} in ${r.cacheDir} (checked in ${Date.now() - started} ms)\n`,
				);
			}
			process.stdout.write(JSON.stringify(r) + '\n');
		})
		.catch((e) => {
			process.stderr.write(`[ensure-n8n] FAILED: ${e.message}\n`);
			process.exit(1);
		});
}
