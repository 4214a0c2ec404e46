#!/usr/bin/env node
'use strict';
/**
 * The package's demo: a real n8n runs the Wolkvox CRM node against the local wolkvox sandbox.
 *
 *   npm run demo                      build, start the sandbox, install (or reuse) the pinned n8n with the package,
 *                                     run demo/wolkvox-demo.workflow.json headlessly, print a report
 *   npm run demo -- --editor          the same set-up, then the n8n editor on 127.0.0.1 (URL and login printed)
 *                                     until Ctrl-C; open the workflow and click "Execute workflow"
 * Options:
 *   --editor        start the editor instead of running the workflow headlessly (= npm run demo:editor)
 *   --port <n>      editor port (default 5678, or a free one when 5678 is taken)
 *   --no-build      skip `npm run build` when dist/ exists (quicker re-runs while nothing changed)
 *   --help
 *
 * What it does, step by step:
 *   1. `npm run build`
 *   2. starts the wolkvox sandbox (harness/sandbox/server.js) in this process, on a free port of 127.0.0.1
 *   3. makes sure the pinned n8n is installed in .cache/ (harness/n8n/ensureN8n.js; the first time takes a few
 *      minutes and shows progress every 15 s)
 *   4. packs the package (`npm pack`) and installs the tarball into the demo n8n user folder
 *      .cache/demo-user/.n8n/nodes as n8n's community-package installer does; reused while the tarball's
 *      sha256 is unchanged, reinstalled when the package changed, recreated when the n8n version changed
 *   5. loads the case file of the debtor who calls in the demo into the sandbox ("last month's load", one API
 *      call made by this script, reported apart) and writes its wolkvox_id into the workflow's
 *      "Debtor Who Called" node: the node has no lookup operation, so that id is data (see the sticky note)
 *   6. imports the sandbox credential and the workflow with n8n's own CLI (import:credentials, import:workflow)
 *   7. `n8n execute --id` (or `n8n start` with --editor), then reports what was sent, what the CRM answered,
 *      the API calls and token uses, and the time taken
 * Exit code 0 only when the run succeeded and everything went as the demo expects (the one invalid row on the
 * error output, every case file inserted, no refused call). Every process it starts is stopped on exit and on
 * Ctrl-C; the sandbox lives in this process.
 *
 * Plain CommonJS, Node >= 20.
 */

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const net = require('net');
const { spawn } = require('child_process');
const { tryLock } = require('../harness/lock');

const REPO = path.resolve(__dirname, '..');
const WORKFLOW_FILE = path.join(REPO, 'demo', 'wolkvox-demo.workflow.json');
const USER_FOLDER = path.resolve(
	process.env.WOLKVOX_DEMO_USER_FOLDER || path.join(REPO, '.cache', 'demo-user'),
);
const STATE_FILE = path.join(USER_FOLDER, '.wolkvox-demo.json');
const LOCK_DIR = `${USER_FOLDER}.lock`;

const WORKFLOW_ID = 'wvDemoWorkflow01';
const CREDENTIAL = { id: 'wvDemoSandbox001', name: 'Wolkvox Sandbox (demo)', type: 'wolkvoxApi' };
const SANDBOX_TOKEN = 'sandbox-token-0001'; // the sandbox's fake default token
const SANDBOX_OPERATION = 'demo_operation';
const ID_PLACEHOLDER = '__CASE_FILE_WOLKVOX_ID__';
/** A login for the local demo editor only (n8n wants 8+ characters, a digit and an upper-case letter). */
const DEMO_OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Wolkvox',
	password: 'WolkvoxDemo2026',
};

/** Node names in demo/wolkvox-demo.workflow.json */
const N = {
	sheet: 'Portfolio Sheet',
	bulk: 'Load Portfolio',
	fix: 'Rows to Fix',
	caller: 'Debtor Who Called',
	gestion: 'Log Gestion',
	task: 'Follow-up Task',
};
/** The demo sheet holds one invalid row on purpose: sheet row 11, balance "pendiente". */
const EXPECTED_INVALID = [{ sheetRow: 11, column: 'saldo_total' }];
/** The debtor who calls, as last month's load left her case file in the CRM (loaded by step 5). */
const CALLER_CASE_FILE = {
	Identification: '1020304050',
	Name: 'Daniela Castaño',
	Email: 'daniela.castano@example.com',
	Telephone: '3157654321',
	Address: 'Calle 5 #38-25, Cali',
	Obligations: [
		{
			id: 'LB-55012',
			name: 'Libranza',
			total_balance: '2600000',
			expiring_date: '2027-02-28',
			days_delay: '32',
		},
	],
};

// ---------------------------------------------------------------------------------------------------------------
// output

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : String(s));
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const yellow = paint('33');
const say = (s = '') => process.stdout.write(`${s}\n`);
const step = (s) => say(`${bold('▶')} ${s}`);
const detail = (s) => say(`  ${dim(s)}`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** JSON on one line, with a space after each colon and comma. @param {unknown} v @returns {string} */
function oneLine(v) {
	if (v === null || typeof v !== 'object') return JSON.stringify(v);
	if (Array.isArray(v)) return `[${v.map(oneLine).join(', ')}]`;
	return `{ ${Object.entries(v)
		.map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x)}`)
		.join(', ')} }`;
}

/**
 * JSON with two-space indentation, but every object or array that fits in `width` characters on one line.
 * @param {unknown} value @param {number} [width] @param {string} [indent] @returns {string}
 */
function pretty(value, width = 100, indent = '') {
	const flat = oneLine(value);
	if (
		flat === undefined ||
		value === null ||
		typeof value !== 'object' ||
		flat.length + indent.length <= width
	)
		return flat;
	const inner = indent + '  ';
	if (Array.isArray(value))
		return `[\n${value.map((v) => inner + pretty(v, width, inner)).join(',\n')}\n${indent}]`;
	const entries = Object.entries(value).map(
		([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, width, inner)}`,
	);
	return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** @param {string} text @param {string} pad */
const indentBlock = (text, pad) =>
	text
		.split('\n')
		.map((l) => pad + l)
		.join('\n');

// ---------------------------------------------------------------------------------------------------------------
// arguments

function parseArgs(argv) {
	const o = { editor: false, port: 0, build: true };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--editor') o.editor = true;
		else if (a === '--port') o.port = Number(argv[++i]);
		else if (a.startsWith('--port=')) o.port = Number(a.slice(7));
		else if (a === '--no-build') o.build = false;
		else if (a === '--help' || a === '-h') {
			say(
				fs
					.readFileSync(__filename, 'utf8')
					.split('*/')[0]
					.replace(/^#!.*\n'use strict';\n\/\*\*\n/, '')
					.replace(/^ \* ?/gm, ''),
			);
			process.exit(0);
		} else {
			console.error(`unknown argument ${a} (try --help)`);
			process.exit(2);
		}
	}
	if (o.port && !(Number.isInteger(o.port) && o.port > 0 && o.port < 65536)) {
		console.error('--port wants a TCP port number');
		process.exit(2);
	}
	return o;
}

// ---------------------------------------------------------------------------------------------------------------
// process hygiene: the harness tracks and kills n8n; this script stops the editor gracefully and the sandbox

/** @type {Array<() => Promise<void>|void>} run in reverse order on the way out */
const cleanups = [];
let exiting = false;

/** @param {number} code */
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
	require('../harness/n8n/runner').killAll();
	process.exit(code);
}

function installSignalHandlers(h) {
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

/** One demo at a time per user folder (two n8n processes on one sqlite file and one owner would trip). */
function takeLock() {
	const lock = tryLock(LOCK_DIR);
	if (!lock.release)
		throw new Error(`another demo (pid ${lock.holder || '?'}) is using ${USER_FOLDER}; stop it first`);
}

/** @param {string} cmd @param {string[]} args @returns {Promise<{rc: number, out: string, ms: number}>} */
function runQuiet(cmd, args) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
		const stop = () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		};
		cleanups.push(stop);
		let out = '';
		child.stdout.on('data', (b) => (out += b));
		child.stderr.on('data', (b) => (out += b));
		child.on('error', reject);
		child.on('close', (code) =>
			resolve({ rc: code === null ? 1 : code, out, ms: Date.now() - started }),
		);
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

// ---------------------------------------------------------------------------------------------------------------
// set-up steps

/** @returns {any} the demo folder's state file ({} when missing) */
function readState() {
	try {
		return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	} catch {
		return {};
	}
}

/** Merges `patch` into the state file. @param {object} patch */
function writeState(patch) {
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	fs.writeFileSync(STATE_FILE, JSON.stringify({ ...readState(), ...patch }, null, 2) + '\n');
}

/** @param {string} file @returns {string} */
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * The demo user folder with the current package installed; reinstalls it when the tarball changed.
 * @returns {Promise<{folder: string, installed: 'reused'|'installed'|'created', ms: number}>}
 */
async function prepareUserFolder(h, tarball, n8nVersion) {
	const started = Date.now();
	const manifest = await h.tarballManifest(tarball);
	const tarballSha = sha256(tarball);
	const state = readState();
	let mode = /** @type {'reused'|'installed'|'created'} */ ('reused');
	const keyFile = path.join(USER_FOLDER, '.wolkvox-e2e.json');
	if (state.n8nVersion !== n8nVersion || !fs.existsSync(keyFile)) {
		// First run, an n8n upgrade or a damaged folder: start from scratch (the demo keeps nothing of value).
		fs.rmSync(USER_FOLDER, { recursive: true, force: true });
		mode = 'created';
	}
	const pkgJson = path.join(
		USER_FOLDER,
		'.n8n',
		'nodes',
		'node_modules',
		manifest.name,
		'package.json',
	);
	if (mode === 'created' || state.tarballSha256 !== tarballSha || !fs.existsSync(pkgJson)) {
		const encryptionKey =
			mode === 'created'
				? crypto.randomBytes(24).toString('base64url')
				: JSON.parse(fs.readFileSync(keyFile, 'utf8')).encryptionKey;
		await h.createUserFolder({ folder: USER_FOLDER, encryptionKey, tarball });
		if (mode !== 'created') mode = 'installed';
		if (mode === 'created') fs.writeFileSync(STATE_FILE, '{}\n'); // nothing of the old folder is valid any more
		writeState({
			n8nVersion,
			package: manifest.name,
			version: manifest.version,
			tarballSha256: tarballSha,
			installedAt: new Date().toISOString(),
		});
	}
	return { folder: USER_FOLDER, installed: mode, ms: Date.now() - started, manifest };
}

/**
 * Loads the caller's case file into the sandbox as last month's load, through the API (one call).
 * @returns {Promise<{wolkvoxId: string, seq: number}>}
 */
async function seedCallerCaseFile(sb) {
	const res = await fetch(`${sb.apiBase}/collections/massiveCollections.php`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'wolkvox-token': SANDBOX_TOKEN },
		body: JSON.stringify({ operation: SANDBOX_OPERATION, collections: [CALLER_CASE_FILE] }),
	});
	const body = await res.json();
	if (res.status !== 200 || !body.success)
		throw new Error(`seeding the caller's case file failed: ${res.status} ${JSON.stringify(body)}`);
	const stored = sb
		.store()
		.caseFiles.find((c) => c.Identification === CALLER_CASE_FILE.Identification);
	const seq = Math.max(0, ...sb.requests({}).map((r) => r.seq));
	return { wolkvoxId: stored.wolkvox_id, seq };
}

/** The demo workflow with the caller's case-file id written into the "Debtor Who Called" Code node. */
function demoWorkflow(caseFileId) {
	const wf = JSON.parse(fs.readFileSync(WORKFLOW_FILE, 'utf8'));
	const caller = wf.nodes.find((n) => n.name === N.caller);
	if (!caller || !caller.parameters.jsCode.includes(ID_PLACEHOLDER)) {
		throw new Error(
			`${WORKFLOW_FILE}: node "${N.caller}" must hold the placeholder ${ID_PLACEHOLDER}`,
		);
	}
	caller.parameters.jsCode = caller.parameters.jsCode.replace(ID_PLACEHOLDER, caseFileId);
	return wf;
}

// ---------------------------------------------------------------------------------------------------------------
// the report

/**
 * Prints what happened and returns the problems found (empty = the demo did what it should).
 * @returns {string[]}
 */
function report(h, res, sb, ctx) {
	const problems = [];
	const expect = (ok, msg) => {
		if (!ok) problems.push(msg);
		return ok;
	};
	const calls = sb.requests({ since: ctx.seedSeq });
	const stats = sb.stats();
	const tokenStats =
		Object.values(stats.perToken).find((t) => t.operation === SANDBOX_OPERATION) || {};

	const rows = h.itemsOf(res, N.sheet);
	const bulkOut = h.itemsOf(res, N.bulk, 0);
	const bulkErrors = h.rawItemsOf(res, N.bulk, 1);
	const caseFiles = bulkOut.filter((i) => !i.summary);
	const summary = bulkOut.find((i) => i.summary) || {};
	const gestion = h.itemsOf(res, N.gestion)[0];
	const task = h.itemsOf(res, N.task)[0];

	say('');
	say(bold('wolkvox demo report'));
	say(
		`  workflow "${res.run ? ctx.workflowName : WORKFLOW_ID}": ${res.status === 'success' ? green('success') : red(res.status)}` +
			` (n8n ${ctx.n8nVersion}, ${ctx.pkg}, sandbox ${sb.url})`,
	);
	expect(
		res.status === 'success',
		`the workflow run ended "${res.status}": ${res.error ? res.error.message : ''}`,
	);
	if (res.error)
		say(
			`  ${red('error')}: ${res.error.message}${res.error.node ? ` (node "${res.error.node}")` : ''}`,
		);

	// ---- what was sent
	say('');
	say(bold('What n8n sent'));
	const byEndpoint = new Map();
	for (const c of calls) {
		const ep = c.path.replace(/^.*\/API\/v2\//, '');
		const key =
			ep === 'custom/insert.php' && c.body && c.body.type === 'task' ? `${ep} (task)` : ep;
		if (!byEndpoint.has(key)) byEndpoint.set(key, []);
		byEndpoint.get(key).push(c);
	}
	for (const [ep, list] of byEndpoint) {
		const first = list[0].body;
		let what = '';
		/** @type {unknown} */
		let example = first;
		if (ep.endsWith('massiveCollections.php')) {
			const cf = list.reduce((n, c) => n + c.body.collections.length, 0);
			const ob = list.reduce(
				(n, c) => n + c.body.collections.reduce((m, x) => m + (x.Obligations || []).length, 0),
				0,
			);
			what = `${rows.length} sheet rows → ${cf} case files with ${ob} obligations`;
			const shown =
				first.collections.find((c) => c.Identification === '0012345678') || first.collections[0];
			example = {
				operation: first.operation,
				collections: [shown, `… ${first.collections.length - 1} more case files`],
			};
		}
		say(
			`  ${bold(ep)}: ${list.length} call${list.length === 1 ? '' : 's'}${what ? `, ${what}` : ''}`,
		);
		say(dim(indentBlock(pretty(example, Math.max(150, process.stdout.columns || 0)), '      ')));
	}
	if (!calls.length) say('  (nothing reached the sandbox)');

	// ---- what the CRM answered
	say('');
	say(bold('What the CRM answered'));
	const storedCaseFiles = new Map(sb.store().caseFiles.map((c) => [c.Identification, c]));
	const bulkCalls = byEndpoint.get('collections/massiveCollections.php') || [];
	for (const c of bulkCalls) {
		const s = c.response && c.response.summary;
		if (s) {
			say(
				`  bulk call: HTTP ${c.status}, received ${s.total_records_received}, inserted ${s.successful_inserts}, failed ${s.failed_count}`,
			);
			expect(
				s.failed_count === 0,
				`wolkvox refused ${s.failed_count} case file(s): ${JSON.stringify(s.failed_Sumary)}`,
			);
		}
	}
	for (const cf of caseFiles) {
		const stored = storedCaseFiles.get(cf.Identification);
		const mark = cf.status === 'inserted' ? green('inserted') : red(cf.status);
		say(
			`    ${String(cf.Identification).padEnd(11)} ${(stored ? String(stored.Name) : '').padEnd(28)} ${mark}` +
				`, ${cf.obligations} obligation${cf.obligations === 1 ? '' : 's'}, call ${cf.call}` +
				`${stored ? dim(`  case file ${stored.wolkvox_id}`) : ''}${cf.reason ? `  ${red(cf.reason)}` : ''}` +
				`${cf.conflicts ? yellow(`  (rows disagree on ${cf.conflicts.map((x) => x.field).join(', ')}: first row kept)`) : ''}`,
		);
		expect(
			cf.status === 'inserted',
			`case file ${cf.Identification}: ${cf.status} ${cf.reason || ''}`,
		);
	}
	if (summary.summary) {
		say(
			`  summary item: ${summary.rows} rows, ${summary.invalidRows} invalid, ${summary.caseFiles} case files, ` +
				`${summary.calls} call(s), ${summary.inserted} inserted, ${summary.failed} failed, ${summary.notSent} not sent`,
		);
	}
	say(
		`  error output (${bulkErrors.length} row${bulkErrors.length === 1 ? '' : 's'} not sent, listed by "${N.fix}"):`,
	);
	const fixed = h.itemsOf(res, N.fix);
	bulkErrors.forEach((e, k) => {
		const f = fixed[k] || {};
		say(
			`    ${yellow(e.json.error)}${f.sheet_row === undefined ? red('  ("Rows to Fix" did not get its sheet row)') : ''}`,
		);
	});
	const errorRows = fixed.map((f) => f.sheet_row);
	expect(
		JSON.stringify(errorRows) === JSON.stringify(EXPECTED_INVALID.map((x) => x.sheetRow)) &&
			bulkErrors.every((e, k) => e.json.error.includes(EXPECTED_INVALID[k].column)),
		`expected exactly the invalid sheet row(s) ${EXPECTED_INVALID.map((x) => x.sheetRow).join(', ')} on the error output, got ${JSON.stringify(errorRows)}`,
	);
	const hex24 = /^[0-9a-f]{24}$/;
	const caller = storedCaseFiles.get(CALLER_CASE_FILE.Identification);
	const gestionCall = (byEndpoint.get('collections/insertGestion.php') || [])[0];
	if (
		expect(
			gestion && hex24.test(gestion.wolkvox_id),
			`no gestion was created (${JSON.stringify(gestion)})`,
		)
	) {
		say(`  gestion: ${green('created')}, wolkvox_id ${gestion.wolkvox_id} ("${gestion.msg}")`);
	}
	if (
		expect(task && hex24.test(task.wolkvox_id), `no task was created (${JSON.stringify(task)})`)
	) {
		say(`  task:    ${green('created')}, wolkvox_id ${task.wolkvox_id} ("${task.msg}")`);
	}
	if (gestionCall && caller) {
		const onCaseFile = gestionCall.body.fields.wolkvox_idRecord === caller.wolkvox_id;
		say(
			`  both are on ${caller.Name}'s case file ${caller.wolkvox_id}, which today's load updated ` +
				`(${sb.store().obligations.filter((o) => o.wolkvox_idRecord === caller.wolkvox_id).length} obligations now): ` +
				`${onCaseFile ? green('yes') : red('no')}`,
		);
		expect(
			onCaseFile,
			`the gestion went to ${gestionCall.body.fields.wolkvox_idRecord}, not to the case file ${caller.wolkvox_id}`,
		);
	}

	// ---- API use
	say('');
	say(bold('API use'));
	const failedCalls = calls.filter((c) => c.status < 200 || c.status >= 300);
	const spent = calls.filter((c) => c.quotaSpent).length;
	say(
		`  ${calls.length} API call${calls.length === 1 ? '' : 's'} by the workflow, ${spent} token use${spent === 1 ? '' : 's'}` +
			` (token ${tokenStats.used} of ${tokenStats.quota} used today, ${tokenStats.remaining} left, counting the set-up call)`,
	);
	say(
		`  refused: ${failedCalls.length} (concurrency ${stats.rejectedConcurrency}, quota ${stats.rejectedQuota}); ` +
			`most calls in flight at once: ${stats.maxInFlightObserved}`,
	);
	say(
		dim(
			`  one call per sheet row, as an HTTP Request per row would do, would have taken ${rows.length} calls for the portfolio alone`,
		),
	);
	say(
		dim(
			`  set-up before the run: 1 call (this script loaded ${CALLER_CASE_FILE.Name}'s case file as last month's load)`,
		),
	);
	expect(
		failedCalls.length === 0,
		`${failedCalls.length} API call(s) were refused: ${failedCalls.map((c) => `${c.path} ${c.status}`).join(', ')}`,
	);
	expect(
		stats.rejectedConcurrency === 0,
		`${stats.rejectedConcurrency} call(s) were refused for concurrency`,
	);
	return problems;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	const h = require('../harness/n8n/runner');
	installSignalHandlers(h);
	h.setLogger((l) => detail(l.replace(/^\[n8n-e2e\] /, '')));
	takeLock();
	const timings = [];
	const time = async (label, fn) => {
		const t = Date.now();
		const r = await fn();
		timings.push([label, Date.now() - t]);
		return r;
	};

	say(bold(`wolkvox demo${args.editor ? ' (editor)' : ''}`));

	// 1. build
	if (
		args.build ||
		!fs.existsSync(path.join(REPO, 'dist', 'nodes', 'WolkvoxCrm', 'WolkvoxCrm.node.js'))
	) {
		step('building the package (npm run build)');
		const b = await time('build', () => runQuiet('npm', ['run', '--silent', 'build']));
		if (b.rc !== 0)
			throw new Error(
				`npm run build failed (rc ${b.rc}):\n${b.out.trim().split('\n').slice(-30).join('\n')}`,
			);
		detail(`built in ${secs(b.ms)}`);
	} else step('build skipped (--no-build; dist/ exists)');

	// 2. sandbox, in this process
	step('starting the wolkvox sandbox');
	const { startSandbox } = require('../harness/sandbox/server.js');
	// The port of the last run when it is free (then the imported credential still points at it), else any free one.
	const sandboxOptions = {
		latencyMs: 25,
		log: args.editor ? (line) => say(dim(`  [sandbox] ${line}`)) : undefined,
	};
	const lastPort = readState().sandboxPort;
	const sb =
		(lastPort &&
			(await portFree(lastPort)) &&
			(await startSandbox({ ...sandboxOptions, port: lastPort }).catch(() => null))) ||
		(await startSandbox(sandboxOptions));
	cleanups.push(() => sb.close());
	detail(
		`${sb.url} (token ${SANDBOX_TOKEN}, operation ${SANDBOX_OPERATION}: the sandbox's fake defaults)`,
	);

	// 3. n8n
	step('n8n (pinned, cached in .cache/)');
	const { ensureN8n } = require('../harness/n8n/ensureN8n');
	const n8n = await time('n8n install/check', () => ensureN8n({ log: (s) => detail(s) }));
	detail(
		n8n.reused
			? `n8n ${n8n.version} ready (cached in ${path.relative(REPO, n8n.cacheDir)})`
			: `n8n ${n8n.version} installed in ${secs(n8n.installMs)}`,
	);

	// 4. the package, into the demo user folder
	step('installing the package into n8n as a community package');
	const tarball = await time('npm pack', () => h.packPackage(REPO));
	const uf = await time('install into user folder', () =>
		prepareUserFolder(h, tarball, n8n.version),
	);
	detail(
		`${path.relative(REPO, uf.folder)}: ${
			{
				reused: 'package unchanged, install reused',
				installed: 'package changed, reinstalled',
				created: 'created',
			}[uf.installed]
		}`,
	);

	// 5. the caller's case file, 6. import
	step('importing the sandbox credential and the demo workflow');
	const seed = await seedCallerCaseFile(sb);
	detail(
		`${CALLER_CASE_FILE.Name}'s case file is in the sandbox as ${seed.wolkvoxId}; written into "${N.caller}"`,
	);
	const workflow = demoWorkflow(seed.wolkvoxId);
	// The credential only changes with the sandbox URL: import it again when that changed, or when it was edited or
	// deleted since (e.g. in the editor), which its updatedAt in n8n's database tells.
	const credRow = (
		await h.queryDb(uf.folder, 'select updatedAt from credentials_entity where id = ?', [
			CREDENTIAL.id,
		])
	)[0];
	const lastCred = readState().credential || {};
	if (credRow && lastCred.url === sb.url && lastCred.updatedAt === credRow.updatedAt) {
		detail(`credential "${CREDENTIAL.name}" already points at ${sb.url}: import skipped`);
	} else {
		await time('n8n import:credentials', () =>
			h.importCredentials(uf.folder, [
				{
					...CREDENTIAL,
					data: {
						server: 'crm.wolkvox.com',
						operation: SANDBOX_OPERATION,
						token: SANDBOX_TOKEN,
						customBaseUrl: sb.url,
					},
				},
			]),
		);
		const row = (
			await h.queryDb(uf.folder, 'select updatedAt from credentials_entity where id = ?', [
				CREDENTIAL.id,
			])
		)[0];
		writeState({ credential: { url: sb.url, updatedAt: row && row.updatedAt } });
	}
	writeState({ sandboxPort: sb.port });
	await time('n8n import:workflow', () => h.importWorkflows(uf.folder, [workflow]));

	if (args.editor) {
		step('starting the n8n editor');
		let port = args.port || 5678;
		if (!(await portFree(port))) {
			if (args.port) throw new Error(`port ${port} is taken`);
			port = await h.freePort();
		}
		const ed = await time('n8n start', () =>
			h.startEditor({ folder: uf.folder, port, owner: DEMO_OWNER }),
		);
		cleanups.push(() => ed.stop());
		const list = await ed.rest('GET', '/rest/workflows');
		const listed = list.status === 200 && JSON.stringify(list.body).includes(WORKFLOW_ID);
		if (!listed)
			throw new Error(
				`the demo workflow is not listed by the editor (GET /rest/workflows → ${list.status})`,
			);
		say('');
		say(bold('The n8n editor is running'));
		say(`  URL:       ${bold(ed.url)}`);
		say(`  workflow:  ${ed.url}/workflow/${WORKFLOW_ID}`);
		say(
			`  login:     ${DEMO_OWNER.email}  /  ${DEMO_OWNER.password}   ${dim('(a local demo account)')}`,
		);
		say(
			`  sandbox:   ${sb.url}  ${dim('(the credential "Wolkvox Sandbox (demo)" points here; calls are listed below)')}`,
		);
		say(
			`  ready in ${secs(Date.now() - t0)}. Open the workflow and click "Execute workflow". ${bold('Ctrl-C')} stops n8n and the sandbox.`,
		);
		say('');
		await new Promise(() => {}); // until a signal: the handlers stop n8n (SIGTERM) and the sandbox, then exit
	}

	// 7. run it
	step('running the demo workflow headlessly (n8n execute)');
	cleanups.push(() => h.killAll()); // on Ctrl-C during the run: stop `n8n execute` before closing the sandbox
	const res = await time('n8n execute', () => h.execute(uf.folder, WORKFLOW_ID));
	const problems = report(h, res, sb, {
		seedSeq: seed.seq,
		n8nVersion: n8n.version,
		pkg: `${uf.manifest.name}@${uf.manifest.version}`,
		workflowName: workflow.name,
	});

	say('');
	say(bold('Time'));
	const runMs = res.stoppedAtMs && res.startedAtMs ? res.stoppedAtMs - res.startedAtMs : 0;
	say(`  ${timings.map(([l, ms]) => `${l} ${secs(ms)}`).join(' · ')}`);
	say(`  the workflow itself ran in ${runMs} ms inside n8n; total ${secs(Date.now() - t0)}`);
	say('');
	if (problems.length) {
		say(red(bold(`✖ the demo did not go as expected:`)));
		for (const p of problems) say(red(`  - ${p}`));
		return 1;
	}
	say(
		green(bold('✔ demo passed')) +
			dim('  (npm run demo:editor opens the same workflow in the n8n editor)'),
	);
	return 0;
}

main()
	.then((code) => shutdown(code))
	.catch((e) => {
		console.error(red(`\n✖ demo failed: ${e && e.message ? e.message : e}`));
		if (process.env.WOLKVOX_DEMO_DEBUG === '1' && e && e.stack) console.error(e.stack);
		shutdown(1);
	});
