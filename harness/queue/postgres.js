'use strict';
/**
 * PostgreSQL 15 (Debian's binaries) as a plain child process on a loopback port of its own, with a throw-away
 * cluster in a temp folder: the database n8n's main process and its workers share in queue mode.
 *
 * PostgreSQL refuses to run as root, so when this runs as root its commands run as the `postgres` user
 * (`runuser -u postgres --`), in a folder that user owns.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { log, secs, freePort, makeTempDir, track, killGroup, run, tail } = require('../n8n/processes');

/**
 * Where PostgreSQL's binaries are: WOLKVOX_PG_BIN_DIR, else Debian's PostgreSQL 15, else the newest version
 * installed the Debian way (a CI image may carry another).
 * @returns {string}
 */
function pgBinDir() {
	if (process.env.WOLKVOX_PG_BIN_DIR) return process.env.WOLKVOX_PG_BIN_DIR;
	const root = '/usr/lib/postgresql';
	if (fs.existsSync(path.join(root, '15', 'bin', 'initdb'))) return path.join(root, '15', 'bin');
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return path.join(root, versions[0] || '15', 'bin');
}
const DB_USER = 'n8n';
const DB_NAME = 'n8n';
// Only reachable on loopback, and trust authentication ignores it; n8n still wants one to send.
const DB_PASSWORD = 'n8n-queue-test';

/**
 * @typedef {object} PostgresServer
 * @property {number} port
 * @property {string} user
 * @property {string} password
 * @property {string} database
 * @property {string} logFile
 * @property {(sql: string) => Promise<string>} query runs SQL with psql, returns its unaligned output
 * @property {() => Promise<void>} stop
 */

/** @param {string} name @returns {string} */
function pgBinary(name) {
	const p = path.join(pgBinDir(), name);
	if (!fs.existsSync(p)) {
		throw new Error(
			`PostgreSQL's ${name} is not at ${p}; the queue-mode suite needs PostgreSQL 15 (Debian: apt-get install -y postgresql-15, or set WOLKVOX_PG_BIN_DIR)`,
		);
	}
	return p;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * The command line that runs a PostgreSQL binary as a user it accepts.
 * @param {string} bin
 * @param {string[]} args
 * @returns {[string, string[]]}
 */
function asPostgresUser(bin, args) {
	return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/**
 * A folder the `postgres` user may write (when running as root).
 * @param {string} dir
 */
function handToPostgres(dir) {
	if (!asRoot) return;
	const { uid, gid } = postgresIds();
	fs.chownSync(dir, uid, gid);
}

/** @returns {{uid: number, gid: number}} */
function postgresIds() {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Creates a cluster, starts it on 127.0.0.1:<port>, waits until it accepts connections and creates n8n's database.
 * @param {{port?: number, timeoutMs?: number}} [o]
 * @returns {Promise<PostgresServer>}
 */
async function startPostgres(o = {}) {
	const started = Date.now();
	const initdb = pgBinary('initdb');
	const postgres = pgBinary('postgres');
	const psql = pgBinary('psql');
	const port = o.port || (await freePort());
	const root = makeTempDir('pg');
	fs.chmodSync(root, 0o755); // mkdtemp makes it 0700: the postgres user must reach the folders below
	const dataDir = path.join(root, 'data');
	const socketDir = path.join(root, 'socket');
	for (const d of [dataDir, socketDir]) {
		fs.mkdirSync(d);
		handToPostgres(d);
	}
	const [initCmd, initArgs] = asPostgresUser(initdb, [
		'-D',
		dataDir,
		'-U',
		DB_USER,
		'--auth=trust',
		'-E',
		'UTF8',
		'--locale=C',
		'--no-sync',
	]);
	const init = await run(initCmd, initArgs, { cwd: os.tmpdir(), timeoutMs: 120000 });
	if (init.rc !== 0) throw new Error(`initdb failed (rc ${init.rc}):\n${tail(init.stderr || init.stdout)}`);

	const logFile = path.join(root, 'postgres.log');
	fs.writeFileSync(logFile, '');
	handToPostgres(logFile);
	const fd = fs.openSync(logFile, 'a');
	// fsync off: the cluster is thrown away after the test, and the 2-core machine has other work.
	const [cmd, args] = asPostgresUser(postgres, [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${socketDir}`,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=100',
	]);
	const child = spawn(cmd, args, { cwd: os.tmpdir(), stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	track(child);
	/** @type {Promise<void>} */
	const exited = new Promise((resolve) => child.on('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		// SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for n8n's pooled connections to close).
		killGroup(child, 'SIGINT');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10000);
		await exited;
		clearTimeout(timer);
	};

	/** @param {string} sql @param {string} [database] */
	const query = async (sql, database = DB_NAME) => {
		const r = await run(
			psql,
			['-h', '127.0.0.1', '-p', String(port), '-U', DB_USER, '-d', database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql],
			{ timeoutMs: 60000 },
		);
		if (r.rc !== 0) throw new Error(`psql failed (rc ${r.rc}): ${tail(r.stderr || r.stdout)}`);
		return r.stdout;
	};

	const deadline = Date.now() + (o.timeoutMs || 60000);
	for (;;) {
		if (child.exitCode !== null) {
			throw new Error(`postgres exited (rc ${child.exitCode}); log ${logFile}:\n${tail(fs.readFileSync(logFile, 'utf8'))}`);
		}
		try {
			await query('SELECT 1', 'postgres');
			break;
		} catch (e) {
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`postgres did not accept connections on port ${port}: ${/** @type {Error} */ (e).message}`);
			}
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	await query(`CREATE DATABASE ${DB_NAME}`, 'postgres');
	log(`postgres on 127.0.0.1:${port} (database ${DB_NAME}): ${secs(Date.now() - started)}`);
	return { port, user: DB_USER, password: DB_PASSWORD, database: DB_NAME, logFile, query, stop };
}

module.exports = { startPostgres, pgBinDir };
