'use strict';
/**
 * Debian's `redis-server` as a plain child process on a loopback port of its own, nothing written to disk: the
 * queue n8n's main process puts executions on and its workers take them from.
 */

const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');
const { log, secs, freePort, makeTempDir, track, killGroup, tail } = require('../n8n/processes');

/**
 * @typedef {object} RedisServer
 * @property {number} port
 * @property {string} logFile
 * @property {() => Promise<void>} stop
 */

/**
 * The `redis-server` binary, or an error that says how to install it.
 * @returns {string}
 */
function redisServerBinary() {
	for (const dir of (process.env.PATH || '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin'])) {
		const candidate = path.join(dir, 'redis-server');
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			/* next */
		}
	}
	throw new Error(
		'redis-server is not installed; the queue-mode suite needs it (Debian: apt-get install -y redis-server)',
	);
}

/**
 * Sends PING and resolves with whatever the server answered first ('' on any error).
 * @param {number} port
 * @returns {Promise<string>}
 */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		const done = () => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(1000, done);
		socket.on('error', done);
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (b) => {
			answer += b.toString('utf8');
			if (answer.includes('\r\n')) done();
		});
	});
}

/**
 * Starts redis-server on 127.0.0.1 (no persistence) and waits until it answers PING.
 * @param {{port?: number, dir?: string, timeoutMs?: number}} [o]
 * @returns {Promise<RedisServer>}
 */
async function startRedis(o = {}) {
	const bin = redisServerBinary();
	const started = Date.now();
	const port = o.port || (await freePort());
	const dir = o.dir || makeTempDir('redis');
	const logFile = path.join(dir, 'redis.log');
	const fd = fs.openSync(logFile, 'a');
	// No snapshots or append-only file: the queue only lives as long as the test.
	const child = spawn(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
		{ cwd: dir, stdio: ['ignore', fd, fd], detached: true },
	);
	fs.closeSync(fd);
	track(child);
	/** @type {Promise<void>} */
	const exited = new Promise((resolve) => child.on('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
	};
	const deadline = Date.now() + (o.timeoutMs || 20000);
	for (;;) {
		if (child.exitCode !== null) {
			throw new Error(`redis-server exited (rc ${child.exitCode}); log ${logFile}:\n${tail(fs.readFileSync(logFile, 'utf8'))}`);
		}
		if ((await ping(port)).startsWith('+PONG')) break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`redis-server did not answer PING on port ${port}; log ${logFile}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	log(`redis-server on 127.0.0.1:${port}: ${secs(Date.now() - started)}`);
	return { port, logFile, stop };
}

module.exports = { startRedis, redisServerBinary };
