'use strict';
/**
 * The demo's steps, in the order scripts/demo.js runs them: build, the sandbox, n8n, the package into the demo user
 * folder, the caller's case file and the imports, then the editor or a headless run with its report.
 */

const fs = require('fs');
const path = require('path');
const h = require('../n8n/runner');
const { ensureN8n } = require('../n8n/ensureN8n');
const { startSandbox } = require('../sandbox/server');
const demo = require('./demoWorkflow');
const { bold, dim, green, red, say, step, detail, secs } = require('./output');
const { onExit, runQuiet, portFree } = require('./processes');
const { report } = require('./report');
const {
	readState,
	writeState,
	prepareUserFolder,
	credentialIsCurrent,
	importCredential,
} = require('./userFolder');

/** @typedef {{ editor: boolean, port: number, build: boolean }} DemoArgs */

/** Each step's time, for the last lines of the report. */
function createTimings() {
	/** @type {Array<[string, number]>} */
	const timings = [];
	return {
		/**
		 * @template T
		 * @param {string} label
		 * @param {() => Promise<T>} fn
		 * @returns {Promise<T>}
		 */
		async time(label, fn) {
			const t = Date.now();
			const r = await fn();
			timings.push([label, Date.now() - t]);
			return r;
		},
		line: () => timings.map(([l, ms]) => `${l} ${secs(ms)}`).join(' · '),
	};
}

/** @typedef {ReturnType<typeof createTimings>} Timings */

/** 1. `npm run build`, unless --no-build and dist/ exists. @param {DemoArgs} args @param {Timings} t */
async function build(args, t) {
	if (
		!args.build &&
		fs.existsSync(path.join(demo.REPO, 'dist', 'nodes', 'WolkvoxCrm', 'WolkvoxCrm.node.js'))
	) {
		step('build skipped (--no-build; dist/ exists)');
		return;
	}
	step('building the package (npm run build)');
	const b = await t.time('build', () => runQuiet('npm', ['run', '--silent', 'build']));
	if (b.rc !== 0)
		throw new Error(
			`npm run build failed (rc ${b.rc}):\n${b.out.trim().split('\n').slice(-30).join('\n')}`,
		);
	detail(`built in ${secs(b.ms)}`);
}

/**
 * 2. The sandbox, in this process: on the port of the last run when it is free (then the imported credential still
 * points at it), else on any free one.
 * @param {DemoArgs} args
 */
async function startDemoSandbox(args) {
	step('starting the wolkvox sandbox');
	const options = {
		latencyMs: 25,
		log: args.editor ? (line) => say(dim(`  [sandbox] ${line}`)) : undefined,
	};
	const lastPort = readState().sandboxPort;
	const sb =
		(lastPort &&
			(await portFree(lastPort)) &&
			(await startSandbox({ ...options, port: lastPort }).catch(() => null))) ||
		(await startSandbox(options));
	onExit(() => sb.close());
	detail(
		`${sb.url} (token ${demo.SANDBOX_TOKEN}, operation ${demo.SANDBOX_OPERATION}: the sandbox's fake defaults)`,
	);
	return sb;
}

/** 3. The pinned n8n, installed into .cache/ the first time. @param {Timings} t */
async function prepareN8n(t) {
	step('n8n (pinned, cached in .cache/)');
	const n8n = await t.time('n8n install/check', () => ensureN8n({ log: (s) => detail(s) }));
	detail(
		n8n.reused
			? `n8n ${n8n.version} ready (cached in ${path.relative(demo.REPO, n8n.cacheDir)})`
			: `n8n ${n8n.version} installed in ${secs(n8n.installMs)}`,
	);
	return n8n;
}

/** 4. The package, packed and installed into the demo user folder. @param {string} n8nVersion @param {Timings} t */
async function installPackage(n8nVersion, t) {
	step('installing the package into n8n as a community package');
	const tarball = await t.time('npm pack', () => h.packPackage(demo.REPO));
	const uf = await t.time('install into user folder', () =>
		prepareUserFolder(h, tarball, n8nVersion),
	);
	const how = {
		reused: 'package unchanged, install reused',
		installed: 'package changed, reinstalled',
		created: 'created',
	}[uf.installed];
	detail(`${path.relative(demo.REPO, uf.folder)}: ${how}`);
	return uf;
}

/**
 * 5. The caller's case file into the sandbox, 6. the credential and the workflow into n8n.
 * @param {string} folder
 * @param {import('../sandbox/server').Sandbox} sb
 * @param {Timings} t
 */
async function importDemo(folder, sb, t) {
	step('importing the sandbox credential and the demo workflow');
	const seed = await demo.seedCallerCaseFile(sb);
	detail(
		`${demo.CALLER_CASE_FILE.Name}'s case file is in the sandbox as ${seed.wolkvoxId}; "${demo.N.find}" finds it by her identification`,
	);
	const workflow = demo.demoWorkflow();
	if (await credentialIsCurrent(h, folder, sb.url)) {
		detail(`credential "${demo.CREDENTIAL.name}" already points at ${sb.url}: import skipped`);
	} else {
		await t.time('n8n import:credentials', () => importCredential(h, folder, sb.url));
	}
	writeState({ sandboxPort: sb.port });
	await t.time('n8n import:workflow', () => h.importWorkflows(folder, [workflow]));
	return { seed, workflow };
}

/**
 * 7a. The n8n editor on 127.0.0.1, until a signal (the handlers stop n8n and the sandbox, then exit).
 * @param {DemoArgs} args
 * @param {string} folder
 * @param {import('../sandbox/server').Sandbox} sb
 * @param {Timings} t
 * @param {number} t0 when the demo started
 */
async function openEditor(args, folder, sb, t, t0) {
	step('starting the n8n editor');
	let port = args.port || 5678;
	if (!(await portFree(port))) {
		if (args.port) throw new Error(`port ${port} is taken`);
		port = await h.freePort();
	}
	const ed = await t.time('n8n start', () =>
		h.startEditor({ folder, port, owner: demo.DEMO_OWNER }),
	);
	onExit(() => ed.stop());
	const list = await ed.rest('GET', '/rest/workflows');
	const listed = list.status === 200 && JSON.stringify(list.body).includes(demo.WORKFLOW_ID);
	if (!listed)
		throw new Error(
			`the demo workflow is not listed by the editor (GET /rest/workflows → ${list.status})`,
		);
	say('');
	say(bold('The n8n editor is running'));
	say(`  URL:       ${bold(ed.url)}`);
	say(`  workflow:  ${ed.url}/workflow/${demo.WORKFLOW_ID}`);
	say(
		`  login:     ${demo.DEMO_OWNER.email}  /  ${demo.DEMO_OWNER.password}   ${dim('(a local demo account)')}`,
	);
	say(
		`  sandbox:   ${sb.url}  ${dim('(the credential "Wolkvox Sandbox (demo)" points here; calls are listed below)')}`,
	);
	say(
		`  ready in ${secs(Date.now() - t0)}. Open the workflow and click "Execute workflow". ${bold('Ctrl-C')} stops n8n and the sandbox.`,
	);
	say('');
	await new Promise(() => {});
}

/**
 * 7b. `n8n execute`, then the report and the time taken.
 * @param {{ folder: string, manifest: any }} uf
 * @param {import('../sandbox/server').Sandbox} sb
 * @param {{ version: string }} n8n
 * @param {Awaited<ReturnType<typeof importDemo>>} imported
 * @param {Timings} t
 * @param {number} t0 when the demo started
 * @returns {Promise<number>} the exit code: 0 only when everything went as the demo expects
 */
async function runHeadless(uf, sb, n8n, imported, t, t0) {
	step('running the demo workflow headlessly (n8n execute)');
	onExit(() => h.killAll()); // on Ctrl-C during the run: stop `n8n execute` before closing the sandbox
	const res = await t.time('n8n execute', () => h.execute(uf.folder, demo.WORKFLOW_ID));
	const problems = report(h, res, sb, {
		seedSeq: imported.seed.seq,
		n8nVersion: n8n.version,
		pkg: `${uf.manifest.name}@${uf.manifest.version}`,
		workflowName: imported.workflow.name,
	});
	say('');
	say(bold('Time'));
	const runMs = res.stoppedAtMs && res.startedAtMs ? res.stoppedAtMs - res.startedAtMs : 0;
	say(`  ${t.line()}`);
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

module.exports = {
	createTimings,
	build,
	startDemoSandbox,
	prepareN8n,
	installPackage,
	importDemo,
	openEditor,
	runHeadless,
};
