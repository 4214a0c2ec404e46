'use strict';
/**
 * The demo's processes: the real-n8n runner tracks and kills n8n; the demo stops the editor gracefully and the
 * sandbox (in this process) on the way out, on Ctrl-C too, and never hangs there.
 */

const net = require('net');
const { spawn } = require('child_process');
const h = require('../n8n/runner');
const { say } = require('./output');
const { REPO } = require('./demoWorkflow');

/** @type {Array<() => Promise<void>|void>} run in reverse order on the way out */
const cleanups = [];
let exiting = false;

/** @param {() => Promise<void>|void} fn */
function onExit(fn) {
	cleanups.push(fn);
}

/** Runs the clean-ups (each given at most 15 s), kills what is left and exits. @param {number} code */
async function shutdown(code) {
	if (exiting) return;
	exiting = true;
	for (const fn of cleanups.reverse()) {
		try {
			// Never hang on the way out: the editor's own stop escalates to SIGKILL after 10 s.
			await Promise.race([fn(), new Promise((r) => setTimeout(r, 15000).unref())]);
		} catch (e) {
			console.error(`cleanup: ${e && e.message}`);
		}
	}
	h.killAll();
	process.exit(code);
}

/** Takes SIGINT / SIGTERM / SIGHUP over from the runner: the first stops everything gracefully, a later one at once. */
function installSignalHandlers() {
	h.setSignalHandling(false);
	let firstAt = 0;
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, () => {
			// One Ctrl-C under `npm run` arrives twice (from the terminal and forwarded by npm): only a second
			// Ctrl-C pressed later means "now".
			if (firstAt) {
				if (Date.now() - firstAt < 1500) return;
				say(`\n${sig} again: killing everything now`);
				h.killAll();
				process.exit(130);
			}
			firstAt = Date.now();
			say(`\n${sig}: stopping n8n and the sandbox… (press Ctrl-C again to kill them at once)`);
			shutdown(sig === 'SIGINT' ? 130 : 143);
		});
	}
}

/** @param {string} cmd @param {string[]} args @returns {Promise<{rc: number, out: string, ms: number}>} */
function runQuiet(cmd, args) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
		onExit(() => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		});
		let out = '';
		child.stdout.on('data', (b) => (out += b));
		child.stderr.on('data', (b) => (out += b));
		child.on('error', reject);
		child.on('close', (code) => resolve({ rc: code === null ? 1 : code, out, ms: Date.now() - started }));
	});
}

/** @param {number} port @returns {Promise<boolean>} */
function portFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

module.exports = { onExit, shutdown, installSignalHandlers, runQuiet, portFree };
