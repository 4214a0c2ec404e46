'use strict';
/**
 * Real-n8n end-to-end harness: a pinned n8n from the cache made by ensureN8n.js, run under the Node.js
 * it needs (matrix.js: n8n 2.41.1 on Node.js 24 by default; WOLKVOX_N8N_VERSION=2.8.4 for the oldest).
 * Whatever Node.js runs this module, n8n and the helpers that load its native sqlite3 run under the target's.
 *
 * Flow: packPackage(repo) → createUserFolder({tarball}) → importCredentials / importWorkflows →
 * execute(folder, workflowId) → itemsOf(run, 'Node Name').
 * Or startEditor({folder}) for a real `n8n start` on 127.0.0.1 with an owner account.
 * queryDb(folder, sql) reads n8n's sqlite directly (no n8n start-up), e.g. to check a credential is still there.
 *
 * Every child process is spawned in its own process group, tracked, and killed (whole group)
 * on exit / SIGINT / SIGTERM (a caller that wants to stop n8n gracefully itself, like the demo, calls
 * setSignalHandling(false) and installs its own handlers). Temp folders made here are removed on exit unless
 * WOLKVOX_E2E_KEEP=1. Under jest, process 'exit' hooks of a test file do not run: call
 * `cleanup()` in afterAll. Step timings go to stderr (silence with WOLKVOX_E2E_QUIET=1, or pass
 * `log` to setLogger()).
 *
 * Plain CommonJS, runs with plain `node` (Node >= 20).
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const crypto = require('crypto');
const { spawn } = require('child_process');
const { runtimeFor, N8N_VERSION } = require('./ensureN8n');

// ---------------------------------------------------------------------------------------------
// logging and timing

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

// ---------------------------------------------------------------------------------------------
// process hygiene

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

// ---------------------------------------------------------------------------------------------
// n8n binary and environment

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

// ---------------------------------------------------------------------------------------------
// package → tarball → user folder

/**
 * `npm pack` the package (already built: run `npm run build` first) into a temp folder.
 * @param {string} repoDir package root
 * @param {{outDir?: string, ignoreScripts?: boolean}} [opts] ignoreScripts defaults to true (no prepack rebuild)
 * @returns {Promise<string>} absolute tarball path
 */
async function packPackage(repoDir, opts = {}) {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoDir, 'package.json'), 'utf8'));
	const missing = ((pkg.n8n && [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])]) || []).filter(
		(p) => !fs.existsSync(path.join(repoDir, p)),
	);
	if (missing.length) throw new Error(`${pkg.name}: not built, missing ${missing.join(', ')} (run npm run build)`);
	const outDir = opts.outDir || makeTempDir('pack');
	fs.mkdirSync(outDir, { recursive: true });
	const args = ['pack', '--json', '--pack-destination', outDir];
	if (opts.ignoreScripts !== false) args.push('--ignore-scripts');
	const r = await run('npm', args, { cwd: repoDir, timeoutMs: 300000 });
	if (r.rc !== 0) throw new Error(`npm pack failed (rc ${r.rc}):\n${tail(r.stderr || r.stdout)}`);
	let filename = '';
	try {
		filename = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')))[0].filename;
	} catch {
		filename = fs.readdirSync(outDir).find((n) => n.endsWith('.tgz')) || '';
	}
	const tarball = path.join(outDir, path.basename(filename.replace(/^@/, '').replace(/\//, '-')));
	if (!filename || !fs.existsSync(tarball))
		throw new Error(`npm pack: no tarball found in ${outDir}\n${tail(r.stdout)}`);
	log(
		`pack ${pkg.name}@${pkg.version}: ${secs(r.ms)} → ${tarball} (${(fs.statSync(tarball).size / 1024).toFixed(1)} KB)`,
	);
	return tarball;
}

/**
 * Reads `package/package.json` out of a tarball made by `npm pack`.
 * @param {string} tarball
 * @returns {Promise<any>}
 */
async function tarballManifest(tarball) {
	const r = await run('tar', ['-xzOf', path.resolve(tarball), 'package/package.json'], { timeoutMs: 60000 });
	if (r.rc !== 0) throw new Error(`cannot read package.json from ${tarball}: ${r.stderr}`);
	return JSON.parse(r.stdout);
}

/**
 * Installs one tarball into `<nodesDir>/node_modules/<name>` exactly like n8n's
 * CommunityPackagesService.downloadPackage (the same in 2.8.4 and 2.41.1): extract with --strip-components=1, drop
 * devDependencies/peerDependencies/optionalDependencies from its package.json, run
 * `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 * --ignore-scripts=true --package-lock=false` inside the package folder, then record the
 * dependency in `<nodesDir>/package.json`.
 * @param {string} nodesDir
 * @param {string} tarball
 * @returns {Promise<string>} package name
 */
async function installLikeN8n(nodesDir, tarball) {
	const manifest = await tarballManifest(tarball);
	const pkgDir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(pkgDir, { recursive: true });
	const x = await run('tar', ['-xzf', path.resolve(tarball), '-C', pkgDir, '--strip-components=1'], {
		timeoutMs: 120000,
	});
	if (x.rc !== 0) throw new Error(`tar -xzf ${tarball} failed: ${x.stderr}`);
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = manifest; // eslint-disable-line no-unused-vars
	fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(kept, null, 2), 'utf-8');
	const r = await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: pkgDir, timeoutMs: 600000 },
	);
	if (r.rc !== 0) throw new Error(`npm install in ${pkgDir} failed (rc ${r.rc}):\n${tail(r.stderr || r.stdout)}`);
	const rootPj = path.join(nodesDir, 'package.json');
	const root = JSON.parse(fs.readFileSync(rootPj, 'utf8'));
	root.dependencies = { ...(root.dependencies || {}), [manifest.name]: manifest.version };
	fs.writeFileSync(rootPj, JSON.stringify(root, null, 2), 'utf-8');
	return manifest.name;
}

/**
 * Creates an N8N_USER_FOLDER and installs the package tarball(s) as community packages into
 * `<folder>/.n8n/nodes/node_modules`, so the node type is `<package-name>.<node name>`.
 *
 * installMode:
 * - `'n8n'` (default): what n8n's own installer does (see installLikeN8n): dev, peer and
 *   optional dependencies are dropped, so `n8n-workflow` and `zod` resolve to n8n's own copies.
 * - `'npm'`: `npm install --omit=dev --omit=peer --no-audit --no-fund <tgz...>` in `.n8n/nodes`
 *   (the route verified in n8n-e2e.md; same resolution result).
 * @param {{tarball?: string|string[], encryptionKey?: string, folder?: string, installMode?: 'n8n'|'npm'}} [o]
 * @returns {Promise<UserFolder>}
 */
async function createUserFolder(o = {}) {
	const started = Date.now();
	const folder = o.folder ? path.resolve(o.folder) : makeTempDir('user');
	const encryptionKey = o.encryptionKey || crypto.randomBytes(24).toString('base64url');
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(folder, '.wolkvox-e2e.json'), JSON.stringify({ encryptionKey }, null, 2) + '\n');
	const pj = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ private: true, dependencies: {} }, null, 2) + '\n');
	const tarballs = o.tarball ? (Array.isArray(o.tarball) ? o.tarball : [o.tarball]) : [];
	const mode = o.installMode || 'n8n';
	/** @type {string[]} */
	const packages = [];
	if (tarballs.length && mode === 'npm') {
		const r = await run(
			'npm',
			['install', '--omit=dev', '--omit=peer', '--no-audit', '--no-fund', ...tarballs.map((t) => path.resolve(t))],
			{ cwd: nodesDir, timeoutMs: 600000 },
		);
		if (r.rc !== 0)
			throw new Error(`npm install of ${tarballs.join(', ')} failed (rc ${r.rc}):\n${tail(r.stderr || r.stdout)}`);
		for (const t of tarballs) packages.push((await tarballManifest(t)).name);
	} else {
		for (const t of tarballs) packages.push(await installLikeN8n(nodesDir, t));
	}
	if (tarballs.length)
		log(`install ${packages.join(', ')} into ${nodesDir} (${mode} mode): ${secs(Date.now() - started)}`);
	return { folder, encryptionKey, nodesDir, packages };
}

// ---------------------------------------------------------------------------------------------
// import and execute

/**
 * @typedef {object} CredentialFixture
 * @property {string} id fixed id the workflows reference
 * @property {string} name
 * @property {string} type credential type name, e.g. 'wolkvoxApi'
 * @property {Record<string, unknown>} data plain fields (n8n encrypts them on import)
 */

/**
 * Imports credentials (upsert by id) with `n8n import:credentials --input=<file>`.
 * @param {UserFolder|string} f
 * @param {CredentialFixture[]} creds
 * @returns {Promise<{ms: number}>}
 */
async function importCredentials(f, creds) {
	const uf = asFolder(f);
	const dir = makeTempDir('creds');
	const file = path.join(dir, 'credentials.json');
	fs.writeFileSync(file, JSON.stringify(creds, null, 2));
	const r = await n8nCli(uf, ['import:credentials', `--input=${file}`]);
	fs.rmSync(dir, { recursive: true, force: true });
	if (r.rc !== 0) throw new Error(`import:credentials failed (rc ${r.rc}):\n${tail(r.stdout + r.stderr)}`);
	log(`import ${creds.length} credential(s): ${secs(r.ms)}`);
	return { ms: r.ms };
}

/**
 * Imports workflows (upsert by id) in one `n8n import:workflow --separate --input=<dir>` call.
 * Each entry is a workflow object or a path to a workflow JSON file; every workflow needs a fixed `id`.
 * @param {UserFolder|string} f
 * @param {Array<object|string>} workflows
 * @returns {Promise<{ms: number, ids: string[]}>}
 */
async function importWorkflows(f, workflows) {
	const uf = asFolder(f);
	const dir = makeTempDir('wf');
	/** @type {string[]} */
	const ids = [];
	workflows.forEach((w, i) => {
		const wf = typeof w === 'string' ? JSON.parse(fs.readFileSync(w, 'utf8')) : w;
		if (!wf.id) throw new Error(`workflow #${i} (${wf.name || w}) has no fixed id`);
		ids.push(wf.id);
		fs.writeFileSync(
			path.join(dir, `${String(i).padStart(3, '0')}-${wf.id}.json`),
			JSON.stringify({ active: false, settings: {}, ...wf }),
		);
	});
	const r = await n8nCli(uf, ['import:workflow', '--separate', `--input=${dir}`]);
	fs.rmSync(dir, { recursive: true, force: true });
	if (r.rc !== 0) throw new Error(`import:workflow failed (rc ${r.rc}):\n${tail(r.stdout + r.stderr)}`);
	log(`import ${ids.length} workflow(s): ${secs(r.ms)}`);
	return { ms: r.ms, ids };
}

/**
 * Extracts the IRun JSON from `n8n execute --rawOutput` stdout: from the first line starting with
 * `{` to the first following line starting with `}` (log lines precede it; "aborted" lines may follow).
 * @param {string} stdout
 * @returns {any|null}
 */
function parseRawOutput(stdout) {
	const lines = String(stdout).split('\n');
	const start = lines.findIndex((l) => l.startsWith('{'));
	if (start < 0) return null;
	try {
		return JSON.parse(lines[start]); // single-line JSON
	} catch {
		/* multi-line */
	}
	for (let end = start + 1; end < lines.length; end++) {
		if (!lines[end].startsWith('}')) continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			/* keep looking: a nested line may start with '}' only in odd output */
		}
	}
	return null;
}

/**
 * Child-process script for readExecutions: reads the newest execution of each workflow id from the
 * user folder's sqlite DB with n8n's own sqlite3 + flatted, and prints `{ [workflowId]: IRun|null }`
 * as cycle-free JSON (errors reduced to plain fields).
 */
const READ_EXECUTION_SCRIPT = `
const [dbPath, idsCsv, notBefore] = process.argv.slice(1);
const ids = idsCsv.split(',');
const from = { paths: [process.cwd() + '/node_modules/n8n', process.cwd()] };
const sqlite3 = require(require.resolve('sqlite3', from));
const flatted = require(require.resolve('flatted', from));
const pickError = (e) => {
  if (!e || typeof e !== 'object') return e;
  const out = {};
  for (const k of ['name', 'message', 'description', 'httpCode', 'level', 'messages', 'timestamp', 'stack']) if (e[k] !== undefined) out[k] = e[k];
  if (e.node && typeof e.node === 'object') out.node = { name: e.node.name, type: e.node.type };
  if (e.cause && typeof e.cause === 'object') out.cause = { name: e.cause.name, message: e.cause.message, code: e.cause.code };
  if (e.context && typeof e.context === 'object' && e.context.itemIndex !== undefined) out.context = { itemIndex: e.context.itemIndex };
  return out;
};
// flatted restores shared references (an input item reused in an error item): copy those, and cut
// only true cycles (ancestor references).
const decycle = (v, ancestors) => {
  if (!v || typeof v !== 'object') return v;
  if (ancestors.has(v)) return '[Circular]';
  ancestors.add(v);
  const out = Array.isArray(v) ? v.map((x) => decycle(x, ancestors)) : {};
  if (!Array.isArray(v)) for (const k of Object.keys(v)) out[k] = decycle(v[k], ancestors);
  ancestors.delete(v);
  return out;
};
const db = new sqlite3.Database(dbPath);
const result = {};
let pending = ids.length;
for (const workflowId of ids) {
  db.get(
    'select e.id, e.status, e.finished, e.mode, e.startedAt, e.stoppedAt, d.data from execution_entity e ' +
      'join execution_data d on d.executionId = e.id where e.workflowId = ? and e.createdAt >= ? order by e.id desc limit 1',
    [workflowId, notBefore || '0000'],
    (err, row) => {
      if (err) { console.error(err.message); process.exit(2); }
      if (row) {
        const data = flatted.parse(row.data);
        const rd = (data && data.resultData) || {};
        if (rd.error) rd.error = pickError(rd.error);
        for (const tasks of Object.values(rd.runData || {})) for (const t of tasks || []) if (t && t.error) t.error = pickError(t.error);
        result[workflowId] = { id: row.id, data, status: row.status, finished: !!row.finished, mode: row.mode,
          startedAt: row.startedAt, stoppedAt: row.stoppedAt, storedAt: 'db' };
      } else result[workflowId] = null;
      if (--pending === 0) {
        db.close();
        process.stdout.write(JSON.stringify(decycle(result, new Set())) + '\\n');
      }
    },
  );
}
`;

/** @param {number} ms epoch ms @returns {string} sqlite's createdAt format (UTC 'YYYY-MM-DD HH:MM:SS.SSS') */
function sqliteTime(ms) {
	return new Date(Math.max(0, ms)).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Reads the newest stored execution of each workflow straight from `<folder>/.n8n/database.sqlite`
 * (IRun-shaped, errors reduced to plain fields, `storedAt: 'db'`).
 * @param {UserFolder|string} f
 * @param {string[]} workflowIds
 * @param {number} [notBeforeMs] ignore executions created before this epoch-ms time
 * @returns {Promise<Record<string, any|null>>}
 */
async function readExecutions(f, workflowIds, notBeforeMs = 0) {
	const uf = asFolder(f);
	const dbPath = path.join(uf.folder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbPath)) return Object.fromEntries(workflowIds.map((id) => [id, null]));
	// n8n's sqlite3 is built for the target's Node.js: load it there.
	const r = await run(
		runtime().nodeBin,
		['-e', READ_EXECUTION_SCRIPT, dbPath, workflowIds.join(','), sqliteTime(notBeforeMs - 1000)],
		{ cwd: runtime().cacheDir, timeoutMs: 120000, maxBuffer: 512 * 1024 * 1024 },
	);
	if (r.rc !== 0) throw new Error(`reading executions from ${dbPath} failed: ${r.stderr}`);
	return JSON.parse(r.stdout);
}

/**
 * The newest stored execution of one workflow (see readExecutions). Used when `execute --rawOutput`
 * prints no JSON: n8n 2.8.4 crashes with "Converting circular structure to JSON" when a node throws
 * a raw HTTP client error (e.g. from `this.helpers.httpRequest`), but the run is still in the DB.
 * @param {UserFolder|string} f
 * @param {string} workflowId
 * @param {number} [notBeforeMs]
 * @returns {Promise<any|null>}
 */
async function readLastExecution(f, workflowId, notBeforeMs = 0) {
	return (await readExecutions(f, [workflowId], notBeforeMs))[workflowId];
}

const QUERY_SCRIPT = `
const [dbPath, sql, paramsJson] = process.argv.slice(1);
const from = { paths: [process.cwd() + '/node_modules/n8n', process.cwd()] };
const sqlite3 = require(require.resolve('sqlite3', from));
const db = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY);
db.all(sql, JSON.parse(paramsJson), (err, rows) => {
  if (err) { console.error(err.message); process.exit(2); }
  db.close();
  process.stdout.write(JSON.stringify(rows) + '\\n');
});
`;

/**
 * Runs one read-only SQL query against `<folder>/.n8n/database.sqlite` with n8n's own sqlite3 (~0.2 s, no n8n
 * start-up). Returns [] when the database does not exist yet. For checks such as "is this credential still
 * there": `queryDb(f, 'select id, updatedAt from credentials_entity where id = ?', [id])`.
 * @param {UserFolder|string} f
 * @param {string} sql
 * @param {unknown[]} [params]
 * @returns {Promise<any[]>}
 */
async function queryDb(f, sql, params = []) {
	const uf = asFolder(f);
	const dbPath = path.join(uf.folder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbPath)) return [];
	const r = await run(runtime().nodeBin, ['-e', QUERY_SCRIPT, dbPath, sql, JSON.stringify(params)], {
		cwd: runtime().cacheDir,
		timeoutMs: 60000,
	});
	if (r.rc !== 0) throw new Error(`query on ${dbPath} failed: ${r.stderr.trim()}`);
	return JSON.parse(r.stdout);
}

/**
 * Turns an IRun (from stdout or the DB) into the fields of an ExecResult.
 * @param {any} runJson
 * @returns {{status: string, startedAtMs: number, stoppedAtMs: number, runData: Record<string, any[]>, error: ExecResult['error']}}
 */
function summarizeRun(runJson) {
	const resultData = (runJson && runJson.data && runJson.data.resultData) || {};
	const err = resultData.error || null;
	/** @param {string|undefined} t ISO (stdout) or sqlite 'YYYY-MM-DD HH:MM:SS.SSS' UTC (DB) */
	const ms = (t) => (t ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t.replace(' ', 'T')}Z`) : 0);
	return {
		status: runJson ? runJson.status || (runJson.finished ? 'success' : 'unknown') : 'no-run',
		startedAtMs: ms(runJson && runJson.startedAt),
		stoppedAtMs: ms(runJson && runJson.stoppedAt),
		runData: resultData.runData || {},
		error: err
			? {
					message: err.message,
					description: err.description,
					node: (err.node && err.node.name) || resultData.lastNodeExecuted,
					httpCode: err.httpCode,
				}
			: null,
	};
}

/**
 * Lines n8n prints before it starts working: community-package load failures ("Cannot find module …",
 * syntax errors) end up there, and the workflow then fails with "Unrecognized node type".
 * @param {string} stdout
 * @returns {string[]}
 */
function loadErrorsOf(stdout) {
	const lines = String(stdout).split('\n');
	let end = lines.findIndex((l) => l.startsWith('n8n Task Broker ready') || l.startsWith('{'));
	if (end < 0) end = lines.length;
	return [
		...new Set(
			lines
				.slice(0, end)
				.filter(
					(l) => l.trim() && !/^(- |Require stack:|\s+at )/.test(l) && !/Python task runner|Registered runner/.test(l),
				),
		),
	].slice(0, 10);
}

/**
 * @typedef {object} ExecResult
 * @property {number} rc 0 success, 1 failed run
 * @property {string} status IRun status ('success' | 'error' | …) or 'no-json'
 * @property {Record<string, any[]>} runData data.resultData.runData (node name → task data[])
 * @property {{message: string, description?: string, node?: string, httpCode?: string}|null} error
 * @property {string} stdoutTail last lines outside the JSON (duplicates collapsed)
 * @property {string} stderrTail
 * @property {number} ms wall time of the execute process (executeBatch: n8n's run time)
 * @property {number} startedAtMs run start (epoch ms, from the IRun; 0 if unknown)
 * @property {number} stoppedAtMs run end (epoch ms; with startedAtMs, attributes sandbox calls to a run)
 * @property {any} run the full IRun (or null)
 * @property {'stdout'|'db'|'none'} source where the run JSON came from
 * @property {string[]} [loadErrors] lines n8n printed before starting (node/credential load failures)
 * @property {string} workflowId
 */

/**
 * Runs one imported workflow with `n8n execute --id=<id> --rawOutput` (a cold n8n process, ~3.5 s).
 * @param {UserFolder|string} f
 * @param {string} workflowId
 * @param {{timeoutMs?: number, env?: Record<string, string>}} [opts]
 * @returns {Promise<ExecResult>}
 */
async function execute(f, workflowId, opts = {}) {
	const startedAt = Date.now();
	const r = await n8nCli(f, ['execute', `--id=${workflowId}`, '--rawOutput'], opts);
	let runJson = parseRawOutput(r.stdout);
	/** @type {'stdout'|'db'|'none'} */
	let source = runJson ? 'stdout' : 'none';
	if (!runJson && !r.timedOut) {
		runJson = await readLastExecution(f, workflowId, startedAt).catch(() => null);
		if (runJson) source = 'db';
	}
	const lines = r.stdout.split('\n');
	const s = lines.findIndex((l) => l.startsWith('{'));
	const e = s < 0 ? -1 : lines.findIndex((l, i) => i > s && l.startsWith('}'));
	const outside = s < 0 ? lines : [...lines.slice(0, s), ...(e < 0 ? [] : lines.slice(e + 1))];
	const sum = summarizeRun(runJson);
	/** @type {ExecResult} */
	const res = {
		rc: r.rc,
		status: runJson ? sum.status : r.timedOut ? 'timeout' : 'no-json',
		runData: sum.runData,
		error: sum.error,
		startedAtMs: sum.startedAtMs,
		stoppedAtMs: sum.stoppedAtMs,
		stdoutTail: tail(outside.join('\n')),
		stderrTail: tail(r.stderr),
		ms: r.ms,
		run: runJson,
		source,
		loadErrors: [],
		workflowId,
	};
	// A run that never got going (e.g. unknown node type) stays "new"/"running" in the DB.
	if (source === 'db' && res.rc !== 0 && !['error', 'crashed', 'canceled'].includes(res.status)) res.status = 'error';
	res.loadErrors = loadErrorsOf(r.stdout);
	if (!res.error && res.rc !== 0) {
		// Text fallback: the line after the last "Execution error:" / "=====" banner.
		const m = /Execution error:\s*\n=+\s*\n(.+)(?![\s\S]*Execution error:)/.exec(r.stdout);
		res.error = { message: m ? m[1].trim() : r.timedOut ? 'n8n execute timed out' : `n8n execute rc ${r.rc}` };
	}
	if (res.error && /Unrecognized node type/.test(res.error.message) && res.loadErrors.length) {
		res.error.description = `a package failed to load: ${res.loadErrors.join(' | ')}`;
	}
	log(
		`execute ${workflowId}: ${secs(r.ms)} rc=${res.rc} status=${res.status}` +
			`${source === 'db' ? ' (run read from DB)' : ''}${res.error ? ` error=${res.error.message}` : ''}` +
			`${res.error && res.error.description && res.loadErrors.length ? ` (${res.error.description})` : ''}`,
	);
	return res;
}

/**
 * Runs several imported workflows in ONE n8n process (`n8n execute-batch --ids=a,b,c`, one after
 * another unless `concurrency` > 1), then reads every run from the DB. Saves the ~3 s process start
 * per workflow (3 workflows: ~4.5 s instead of ~11 s). Per-workflow `ms` is n8n's own run time;
 * `rc` is the batch's exit code for all.
 * @param {UserFolder|string} f
 * @param {string[]} workflowIds
 * @param {{concurrency?: number, timeoutMs?: number, env?: Record<string, string>}} [opts]
 * @returns {Promise<Record<string, ExecResult>>}
 */
async function executeBatch(f, workflowIds, opts = {}) {
	const startedAt = Date.now();
	const outDir = makeTempDir('batch');
	const summaryFile = path.join(outDir, 'summary.json');
	const args = [
		'execute-batch',
		`--ids=${workflowIds.join(',')}`,
		'--retries=0',
		'--shortOutput',
		`--output=${summaryFile}`,
	];
	if (opts.concurrency && opts.concurrency > 1) args.push(`--concurrency=${opts.concurrency}`);
	const r = await n8nCli(f, args, { timeoutMs: opts.timeoutMs || 600000, env: opts.env });
	const runs = await readExecutions(f, workflowIds, startedAt);
	/** @type {Record<string, string>} the batch's own error text per workflow (e.g. "Unrecognized node type") */
	const batchErrors = {};
	try {
		const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')).summary || {};
		for (const e of [...(summary.errors || []), ...(summary.warnings || [])])
			batchErrors[e.workflowId] = String(e.error);
	} catch {
		/* no summary written */
	}
	fs.rmSync(outDir, { recursive: true, force: true });
	const loadErrors = loadErrorsOf(r.stdout);
	/** @type {Record<string, ExecResult>} */
	const out = {};
	for (const id of workflowIds) {
		const runJson = runs[id];
		const sum = summarizeRun(runJson);
		out[id] = {
			rc: r.rc,
			status: runJson ? sum.status : r.timedOut ? 'timeout' : 'not-run',
			runData: sum.runData,
			error:
				sum.error ||
				(batchErrors[id] ? { message: batchErrors[id] } : null) ||
				(runJson ? null : { message: `no execution of ${id} was stored (batch rc ${r.rc})` }),
			stdoutTail: tail(r.stdout),
			stderrTail: tail(r.stderr),
			startedAtMs: sum.startedAtMs,
			stoppedAtMs: sum.stoppedAtMs,
			ms: sum.stoppedAtMs && sum.startedAtMs ? sum.stoppedAtMs - sum.startedAtMs : 0,
			run: runJson,
			source: runJson ? 'db' : 'none',
			loadErrors,
			workflowId: id,
		};
		const e = out[id].error;
		if (e && /Unrecognized node type/.test(e.message) && loadErrors.length)
			e.description = `a package failed to load: ${loadErrors.join(' | ')}`;
		// A run that never got going stays "new"/"running" in the DB.
		if (runJson && !['success', 'error', 'crashed', 'canceled', 'waiting'].includes(out[id].status) && e)
			out[id].status = 'error';
	}
	const bad = workflowIds.filter((id) => out[id].status !== 'success');
	log(
		`execute-batch ${workflowIds.length} workflow(s): ${secs(r.ms)} rc=${r.rc}${bad.length ? `; not success: ${bad.map((id) => `${id}=${out[id].status}`).join(', ')}` : ', all success'}`,
	);
	return out;
}

/**
 * The output items (json only) of a node in a run.
 * @param {ExecResult|any} result an ExecResult (or anything with runData)
 * @param {string} nodeName
 * @param {number} [outputIndex] 0 = main/success output, 1 = error output when "continue (using error output)"
 * @param {number} [runIndex]
 * @returns {any[]}
 */
function itemsOf(result, nodeName, outputIndex = 0, runIndex = 0) {
	return rawItemsOf(result, nodeName, outputIndex, runIndex).map((i) => i.json);
}

/**
 * The full output items ({json, pairedItem, binary?}) of a node in a run.
 * @param {ExecResult|any} result
 * @param {string} nodeName
 * @param {number} [outputIndex]
 * @param {number} [runIndex]
 * @returns {any[]}
 */
function rawItemsOf(result, nodeName, outputIndex = 0, runIndex = 0) {
	const runData = result.runData || (result.data && result.data.resultData && result.data.resultData.runData) || {};
	const task = (runData[nodeName] || [])[runIndex];
	const main = task && task.data && task.data.main;
	return (main && main[outputIndex]) || [];
}

/**
 * When a node ran: `[startTime, startTime + executionTime]` (epoch ms) of its task in the run. Use it
 * to attribute a mock server's requests to one node of one run (more precise than the run's
 * startedAt/stoppedAt, and safe for the runs of one execute-batch, which run one after another).
 * @param {ExecResult|any} result
 * @param {string} nodeName
 * @param {number} [runIndex]
 * @returns {{start: number, end: number}|null}
 */
function nodeWindow(result, nodeName, runIndex = 0) {
	const task = ((result.runData || {})[nodeName] || [])[runIndex];
	if (!task || typeof task.startTime !== 'number') return null;
	return { start: task.startTime, end: task.startTime + (task.executionTime || 0) };
}

/**
 * The error a node raised in a run (task.error), if any.
 * @param {ExecResult|any} result
 * @param {string} nodeName
 * @returns {any|null}
 */
function nodeError(result, nodeName) {
	const task = ((result.runData || {})[nodeName] || [])[0];
	return (task && task.error) || null;
}

// ---------------------------------------------------------------------------------------------
// editor (`n8n start`)

/**
 * @typedef {object} Editor
 * @property {string} url e.g. http://127.0.0.1:5688
 * @property {number} port
 * @property {{email: string, password: string}} login
 * @property {string} cookie the `n8n-auth` cookie for /rest calls
 * @property {(method: string, p: string, body?: any) => Promise<{status: number, body: any}>} rest authenticated REST call
 * @property {string} logFile server log
 * @property {number} ms time until healthy + logged in
 * @property {number} pid
 * @property {() => Promise<void>} stop SIGTERM (then SIGKILL after 10 s); resolves when gone
 */

const OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2eTestPassw0rd!' };

/**
 * Starts `n8n start` on 127.0.0.1, waits for /healthz, then sets up (or logs into) the owner account.
 * @param {{folder: UserFolder|string, port?: number, owner?: {email: string, password: string, firstName?: string, lastName?: string}, timeoutMs?: number, env?: Record<string,string>}} o
 * @returns {Promise<Editor>}
 */
async function startEditor(o) {
	installHooks();
	const uf = asFolder(o.folder);
	const port = o.port || (await freePort());
	const brokerPort = await freePort();
	const owner = { ...OWNER, ...(o.owner || {}) };
	const url = `http://127.0.0.1:${port}`;
	const env = buildEnv({
		folder: uf.folder,
		encryptionKey: uf.encryptionKey,
		brokerPort,
		extra: {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_EDITOR_BASE_URL: `${url}/`,
			WEBHOOK_URL: `${url}/`,
			...(o.env || {}),
		},
	});
	const logFile = path.join(uf.folder, `n8n-start-${port}.log`);
	const fd = fs.openSync(logFile, 'a');
	const started = Date.now();
	const rt = runtime();
	const child = spawn(rt.nodeBin, [rt.n8nEntry, 'start'], {
		cwd: uf.folder,
		env,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	children.add(child);
	/** @type {Promise<void>} */
	const exited = new Promise((resolve) =>
		child.on('exit', () => {
			children.delete(child);
			resolve();
		}),
	);
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const t0 = Date.now();
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10000);
		await exited;
		clearTimeout(timer);
		try {
			process.kill(-child.pid, 'SIGKILL'); // stragglers (task runner) in the group
		} catch {
			/* none */
		}
		log(`editor on ${url} stopped in ${secs(Date.now() - t0)}`);
	};
	try {
		const deadline = Date.now() + (o.timeoutMs || 120000);
		for (;;) {
			if (child.exitCode !== null)
				throw new Error(
					`n8n start exited (rc ${child.exitCode}); log ${logFile}:\n${tail(fs.readFileSync(logFile, 'utf8'))}`,
				);
			if (Date.now() > deadline)
				throw new Error(`n8n start not healthy after ${o.timeoutMs || 120000} ms; log ${logFile}`);
			try {
				const h = await fetch(`${url}/healthz/readiness`);
				if (h.ok) break;
			} catch {
				/* not listening yet */
			}
			await new Promise((r) => setTimeout(r, 300));
		}
		const healthyMs = Date.now() - started;
		let cookie = '';
		/** @param {Response} res */
		const grabCookie = (res) => {
			const sc =
				typeof res.headers.getSetCookie === 'function'
					? res.headers.getSetCookie()
					: [res.headers.get('set-cookie') || ''];
			const auth = sc.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
			if (auth) cookie = auth;
		};
		const rest = async (method, p, body) => {
			const res = await fetch(`${url}${p}`, {
				method,
				headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			grabCookie(res);
			const text = await res.text();
			let parsed = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				/* not JSON */
			}
			return { status: res.status, body: parsed };
		};
		// /healthz/readiness turns 200 before the REST controllers are mounted ("Editor is now
		// accessible" comes ~1-2 s later); until then every /rest POST answers 404.
		let setup = await rest('POST', '/rest/owner/setup', owner);
		while (setup.status === 404 && Date.now() < deadline && child.exitCode === null) {
			await new Promise((r) => setTimeout(r, 250));
			setup = await rest('POST', '/rest/owner/setup', owner);
		}
		if (setup.status !== 200) {
			// Already set up (reused folder): log in instead.
			setup = await rest('POST', '/rest/login', {
				emailOrLdapLoginId: owner.email,
				email: owner.email,
				password: owner.password,
			});
			if (setup.status !== 200)
				throw new Error(`owner setup/login failed: ${setup.status} ${JSON.stringify(setup.body).slice(0, 300)}`);
		}
		const ms = Date.now() - started;
		log(
			`editor ${url}: healthy ${secs(healthyMs)}, logged in ${secs(ms)} (login ${owner.email} / ${owner.password}); log ${logFile}`,
		);
		return {
			url,
			port,
			login: { email: owner.email, password: owner.password },
			cookie,
			rest,
			logFile,
			ms,
			pid: child.pid,
			stop,
		};
	} catch (e) {
		await stop();
		throw e;
	}
}

module.exports = {
	N8N_VERSION,
	packPackage,
	createUserFolder,
	buildEnv,
	importCredentials,
	importWorkflows,
	execute,
	parseRawOutput,
	readLastExecution,
	readExecutions,
	queryDb,
	executeBatch,
	itemsOf,
	rawItemsOf,
	nodeError,
	nodeWindow,
	startEditor,
	n8nCli,
	freePort,
	makeTempDir,
	killAll,
	cleanup: killAll,
	setLogger,
	setSignalHandling,
	installLikeN8n,
	tarballManifest,
	run,
};
