'use strict';
/**
 * The child processes and temp folders of the real-n8n harness: every child is spawned in its own process group,
 * tracked, and killed (whole group) on exit / SIGINT / SIGTERM (a caller that wants to stop n8n gracefully itself,
 * like the demo, calls setSignalHandling(false) and installs its own handlers). Temp folders made here are removed
 * on exit unless WOLKVOX_E2E_KEEP=1. Also the harness's step log (stderr; WOLKVOX_E2E_QUIET=1 or setLogger()).
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const { spawn } = require('child_process');

/** @type {(line: string) => void} */
let logger = process.env.WOLKVOX_E2E_QUIET === '1' ? () => {} : (line) => process.stderr.write(line + '\n');

/**
 * Replaces the step logger (e.g. `() => {}` in jest, or console.log in a demo).
 * @param {(line: string) => void} fn
 */
function setLogger(fn) {
	logger = fn;
}

/** @param {string} msg */
function log(msg) {
	logger(`[n8n-e2e] ${msg}`);
}

/** @param {number} ms @returns {string} */
function secs(ms) {
	return `${(ms / 1000).toFixed(2)} s`;
}

/** @type {Set<import('child_process').ChildProcess>} */
const children = new Set();
/** @type {Set<string>} */
const tempDirs = new Set();
let hooksInstalled = false;
/** Whether the harness's own SIGINT/SIGTERM/SIGHUP handlers act (see setSignalHandling). */
let handleSignals = true;

/**
 * Lets a caller take over SIGINT / SIGTERM / SIGHUP, e.g. to stop `n8n start` gracefully (SIGTERM, wait)
 * instead of the harness's immediate SIGKILL + exit. With `false`, the caller MUST install its own signal
 * handlers and call `killAll()` before exiting; the harness's 'exit' hook (kill every tracked child, remove
 * temp folders) stays in place either way.
 * @param {boolean} enabled
 */
function setSignalHandling(enabled) {
	handleSignals = enabled;
}

/** Kills one tracked child's whole process group. @param {import('child_process').ChildProcess} child @param {NodeJS.Signals} [sig] */
function killGroup(child, sig = 'SIGTERM') {
	if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, sig);
	} catch {
		try {
			child.kill(sig);
		} catch {
			/* gone */
		}
	}
}

/** Synchronously kills every tracked child (SIGKILL) and removes temp folders. Safe to call twice. */
function killAll() {
	for (const c of children) killGroup(c, 'SIGKILL');
	children.clear();
	if (process.env.WOLKVOX_E2E_KEEP !== '1') {
		for (const d of tempDirs) {
			try {
				fs.rmSync(d, { recursive: true, force: true });
			} catch {
				/* best effort */
			}
		}
		tempDirs.clear();
	}
}

function installHooks() {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.on('exit', killAll);
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, () => {
			if (!handleSignals) return;
			log(`${sig}: stopping ${children.size} child process(es)`);
			killAll();
			process.exit(sig === 'SIGINT' ? 130 : 143);
		});
	}
}

/**
 * Makes a temp folder that is removed on exit (unless WOLKVOX_E2E_KEEP=1).
 * @param {string} prefix
 * @returns {string}
 */
function makeTempDir(prefix) {
	installHooks();
	const d = fs.mkdtempSync(path.join(os.tmpdir(), `wolkvox-e2e-${prefix}-`));
	tempDirs.add(d);
	return d;
}

/**
 * @typedef {object} RunResult
 * @property {number} rc exit code (128+n when killed by a signal, 124 on timeout)
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} ms wall time
 * @property {boolean} timedOut
 */

/**
 * Spawns a tracked child in its own process group and collects its output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, maxBuffer?: number}} [opts]
 * @returns {Promise<RunResult>}
 */
function run(cmd, args, opts = {}) {
	installHooks();
	const started = Date.now();
	const maxBuffer = opts.maxBuffer || 64 * 1024 * 1024;
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env || process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		children.add(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		// Decode as a stream: a multibyte character split across two chunks must not turn into two U+FFFD.
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (b) => {
			if (stdout.length < maxBuffer) stdout += b;
		});
		child.stderr.on('data', (b) => {
			if (stderr.length < maxBuffer) stderr += b;
		});
		const timer = opts.timeoutMs
			? setTimeout(() => {
					timedOut = true;
					killGroup(child, 'SIGKILL');
				}, opts.timeoutMs)
			: null;
		child.on('error', (e) => {
			if (timer) clearTimeout(timer);
			children.delete(child);
			reject(e);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			children.delete(child);
			// The task runner is a grandchild in the same group; make sure nothing survives.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* group already empty */
			}
			const rc = timedOut ? 124 : code !== null ? code : 128 + (os.constants.signals[signal] || 0);
			resolve({ rc, stdout, stderr, ms: Date.now() - started, timedOut });
		});
	});
}

/**
 * A free TCP port on 127.0.0.1 (listen on 0, read, close).
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
	});
}

/**
 * Tracks a child started elsewhere (its own process group), so killAll() kills it too.
 * @param {import('child_process').ChildProcess} child
 */
function track(child) {
	installHooks();
	children.add(child);
	child.on('exit', () => children.delete(child));
}

/** @param {string} s @param {number} n @returns {string} */
function tail(s, n = 30) {
	return compactLines(s).slice(-n).join('\n');
}

/**
 * Splits output into lines, collapsing runs of identical lines ("aborted" × 4000) into one.
 * @param {string} s
 * @returns {string[]}
 */
function compactLines(s) {
	/** @type {string[]} */
	const out = [];
	let prev = null;
	let count = 0;
	const flush = () => {
		if (prev !== null) out.push(count > 1 ? `${prev}   [×${count}]` : prev);
	};
	for (const line of String(s).split('\n')) {
		if (line === prev) {
			count++;
			continue;
		}
		flush();
		prev = line;
		count = 1;
	}
	flush();
	while (out.length && out[out.length - 1] === '') out.pop();
	return out;
}

module.exports = {
	setLogger,
	log,
	secs,
	setSignalHandling,
	killGroup,
	killAll,
	installHooks,
	makeTempDir,
	run,
	freePort,
	track,
	tail,
};
