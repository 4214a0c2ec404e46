'use strict';
/**
 * Runs a long command (an npm install, a native rebuild) with its output in a log file and a progress line that
 * moves: every 15 s it prints the elapsed time, what npm is doing (resolving manifests, downloading tarballs,
 * writing files, compiling), counts that grow, and the disk space written since the start.
 *
 *   const rc = await runLogged('npm', ['install', '--loglevel=http'], { cwd, logFile, label: 'npm install', log });
 *
 * npm's http log lines ("npm http fetch GET 200 <url> 12ms (cache miss)", "npm http cache <pkg>@<url> 0ms (cache
 * hit)") tell manifests from tarballs; node-gyp's
 * ("CXX(target) …", "CC(target) …") count compiled files. Between two lines of output (npm writes 2 GB of files
 * without logging a line) the disk figure still moves, so the step never looks frozen.
 */

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const HEARTBEAT_MS = 15000;

/** @param {number} ms @returns {string} e.g. 3m05s */
function fmtDuration(ms) {
	const s = Math.round(ms / 1000);
	return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** @param {number} bytes @returns {string} */
function fmtBytes(bytes) {
	if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
	return `${Math.max(0, Math.round(bytes / 1024 ** 2))} MB`;
}

/** Free bytes on the file system holding `dir`, or null when it cannot be read. @param {string} dir */
function freeBytes(dir) {
	try {
		const s = fs.statfsSync(dir);
		return s.bavail * s.bsize;
	} catch {
		return null;
	}
}

/**
 * Packages unpacked so far in a node_modules folder (its top level, scopes opened): a cheap count that grows while
 * npm writes files without logging.
 * @param {string} dir
 * @returns {number|null}
 */
function countPackages(dir) {
	let n = 0;
	try {
		for (const entry of fs.readdirSync(dir)) {
			if (entry.startsWith('.')) continue;
			if (entry.startsWith('@')) n += fs.readdirSync(path.join(dir, entry)).length;
			else n++;
		}
	} catch {
		return null;
	}
	return n;
}

/**
 * Counts what the log shows so far.
 * @param {string} text
 * @returns {{manifests: number, tarballs: number, compiled: number, lines: number, last: string}}
 */
function countLog(text) {
	let manifests = 0;
	let tarballs = 0;
	let compiled = 0;
	const lines = text.split('\n');
	for (const line of lines) {
		if (line.startsWith('npm http fetch ') || line.startsWith('npm http cache ')) {
			if (/\.tgz\b/.test(line)) tarballs++;
			else manifests++;
		} else if (/^\s*(CXX|CC)\(target\)/.test(line)) compiled++;
	}
	const last = (lines.filter((l) => l.trim()).pop() || '').trim();
	return { manifests, tarballs, compiled, lines: lines.length, last };
}

/**
 * Spawns `cmd args` with stdout and stderr appended to `logFile`, printing a progress line every 15 s.
 * On SIGINT/SIGTERM the child is stopped and this process exits (130).
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd: string, env?: NodeJS.ProcessEnv, logFile: string, label: string, log: (s: string) => void, intervalMs?: number, nodeModules?: string}} o
 *   nodeModules: a node_modules folder whose unpacked packages are counted (default `<cwd>/node_modules`)
 * @returns {Promise<number>} the exit code (128 + signal number when killed)
 */
function runLogged(cmd, args, o) {
	return new Promise((resolve, reject) => {
		const fd = fs.openSync(o.logFile, 'a');
		const header = `\n=== ${new Date().toISOString()} ${cmd} ${args.join(' ')} (cwd ${o.cwd})\n`;
		fs.writeSync(fd, header);
		const startOffset = fs.fstatSync(fd).size;
		const started = Date.now();
		const freeAtStart = freeBytes(o.cwd);
		const child = spawn(cmd, args, {
			cwd: o.cwd,
			stdio: ['ignore', fd, fd],
			env: o.env || process.env,
		});
		const kill = () => {
			try {
				child.kill('SIGTERM');
			} catch {
				/* already gone */
			}
		};
		/** @param {NodeJS.Signals} sig */
		const onSignal = (sig) => {
			kill();
			o.log(`[${o.label}] ${sig}: stopped ${cmd}`);
			process.exit(130);
		};
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		process.once('exit', kill);
		const nodeModules = o.nodeModules || path.join(o.cwd, 'node_modules');
		const packagesAtStart = countPackages(nodeModules) || 0;
		let previous = { manifests: 0, tarballs: 0, compiled: 0, lines: 0, last: '' };
		let previousPackages = packagesAtStart;
		const beat = () => {
			let now = previous;
			try {
				const text = fs.readFileSync(o.logFile, 'utf8').slice(startOffset);
				now = countLog(text);
			} catch {
				/* not readable yet */
			}
			const free = freeBytes(o.cwd);
			const written = freeAtStart !== null && free !== null ? freeAtStart - free : null;
			const packages = countPackages(nodeModules);
			let phase = 'working';
			if (now.compiled > previous.compiled) phase = 'compiling';
			else if (packages !== null && packages > previousPackages) phase = 'unpacking';
			else if (now.tarballs > previous.tarballs) phase = 'downloading';
			else if (now.manifests > previous.manifests) phase = 'resolving';
			else if (now.lines === previous.lines) phase = 'writing files';
			const parts = [`${fmtDuration(Date.now() - started)}`, phase];
			if (now.manifests) parts.push(`${now.manifests} manifests`);
			if (now.tarballs) parts.push(`${now.tarballs} tarballs`);
			if (packages !== null && packages !== packagesAtStart)
				parts.push(`${packages} packages unpacked`);
			if (now.compiled) parts.push(`${now.compiled} files compiled`);
			// Free space of the whole file system: other writers count too, but it moves while npm writes silently.
			if (written !== null) parts.push(`disk +${fmtBytes(written)}`);
			if (now.last && now.last !== previous.last) parts.push(`| ${now.last.slice(0, 100)}`);
			o.log(`[${o.label}] ${parts.join(' · ')}`);
			previous = now;
			if (packages !== null) previousPackages = packages;
		};
		const timer = setInterval(beat, o.intervalMs || HEARTBEAT_MS);
		child.on('error', (e) => {
			clearInterval(timer);
			fs.closeSync(fd);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			clearInterval(timer);
			process.removeListener('SIGINT', onSignal);
			process.removeListener('SIGTERM', onSignal);
			process.removeListener('exit', kill);
			fs.closeSync(fd);
			resolve(code === null ? 128 + (signal === 'SIGKILL' ? 9 : 15) : code);
		});
	});
}

/**
 * The last `n` lines of a log file ('' when it cannot be read).
 * @param {string} logFile
 * @param {number} [n]
 * @returns {string}
 */
function logTail(logFile, n = 25) {
	try {
		return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

module.exports = { runLogged, logTail, fmtDuration, fmtBytes, countLog, countPackages };
