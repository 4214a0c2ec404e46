'use strict';
/**
 * The whole test suite, as `npm test` (scripts/test.js) and CI run it. On a fresh clone it installs what it needs:
 * the package's dev dependencies (npm ci), then the Node.js and the pinned n8n of each leg of the test matrix
 * (harness/n8n/matrix.js) into .cache/.
 *
 * Step                                        runs under
 * install dependencies (npm ci)               the machine's Node.js (20 or 24)
 * lint, typecheck, build, scanner lint,       the machine's Node.js
 * workflow schema check
 * unit + engine tests                         the machine's Node.js; n8n-core/n8n-workflow of the devDependencies
 * install the default leg's n8n + Node.js     once, cached in .cache/ (the leg: DEFAULT_ROLE in harness/n8n/matrix.js)
 * engine tests on the newest n8n              the newest n8n's Node.js; its own n8n-core/n8n-workflow
 * end-to-end tests on that n8n                its Node.js (the packed package in a real n8n)
 * with allLegs (.ci/run), also the end-to-end tests on the other leg of the matrix, under its Node.js.
 *
 * WOLKVOX_SKIP_E2E=1 skips the n8n steps (quick local runs); CI never sets it.
 * Every step stops the suite when it fails; the step times are printed at the end either way.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO_DIR: root } = require('./cache');
const { ensureN8n } = require('./n8n/ensureN8n');
const { targetByRole, targetFor } = require('./n8n/matrix');
const { runLogged, logTail } = require('./progress');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const MINUTE = 60 * 1000;
/** @type {Array<[string, number]>} */
const timings = [];
/** @type {string[]} */
const ranOn = [];

function printTimings() {
	console.log('\nStep timings:');
	for (const [label, seconds] of timings) console.log(`  ${label.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s`);
	if (ranOn.length) console.log(`\nRan on: ${ranOn.join('; ')}`);
}

/**
 * Ends the suite after a failed step.
 * @param {string} message
 * @param {number} code
 * @returns {never}
 */
function stop(message, code) {
	printTimings();
	console.error(`\n✖ ${message}`);
	process.exit(code || 1);
}

/**
 * Runs one step with inherited output; stops the suite on failure or after `timeoutMs`.
 * @param {string} label
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {{env?: Record<string, string>, timeoutMs?: number}} [o]
 */
function run(label, command, commandArgs, o = {}) {
	const started = Date.now();
	process.stdout.write(`\n▶ ${label}: ${path.basename(command)} ${commandArgs.join(' ')}\n`);
	const result = spawnSync(command, commandArgs, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, ...(o.env || {}) },
		timeout: o.timeoutMs || 30 * MINUTE,
		killSignal: 'SIGTERM',
	});
	const seconds = (Date.now() - started) / 1000;
	timings.push([label, seconds]);
	if (result.status !== 0) {
		const why = result.error && /** @type {any} */ (result.error).code === 'ETIMEDOUT' ? 'timed out' : 'failed';
		stop(`${label} ${why} (exit ${result.status ?? result.signal}) after ${seconds.toFixed(1)} s`, result.status || 1);
	}
}

/** Whether node_modules matches package-lock.json (npm writes node_modules/.package-lock.json after installing). */
function dependenciesState() {
	const marker = path.join(root, 'node_modules', '.package-lock.json');
	if (!fs.existsSync(marker)) return 'missing';
	return fs.statSync(marker).mtimeMs >= fs.statSync(path.join(root, 'package-lock.json')).mtimeMs ? 'current' : 'stale';
}

/** What npm's log says worth showing: its warnings (once each) and its "added …" lines. @param {string} logFile */
function printInstallSummary(logFile) {
	const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
	const warnings = [
		...new Set(text.split('\n').filter((l) => /^npm warn /.test(l) && !/^npm warn install-scripts/.test(l))),
	];
	for (const w of warnings.slice(0, 20)) console.log(w);
	const added = text.split('\n').filter((l) => /^(added|removed|changed|up to date)/.test(l));
	if (added.length) console.log(added.join('\n'));
}

/**
 * npm ci / npm install with a progress line every 15 s, npm's output in .cache/npm-install.log.
 * @param {'missing'|'stale'} state
 */
async function installDependencies(state) {
	const started = Date.now();
	// Missing: npm ci installs exactly the lockfile. Stale: npm install updates what changed and leaves the
	// lockfile as it is (it lists every platform's optional packages).
	const npmArgs = state === 'missing' ? ['ci'] : ['install'];
	const label = `install dependencies (npm ${npmArgs[0]})`;
	process.stdout.write(`\n▶ ${label}\n`);
	fs.mkdirSync(path.join(root, '.cache'), { recursive: true });
	const logFile = path.join(root, '.cache', 'npm-install.log');
	fs.rmSync(logFile, { force: true });
	const rc = await runLogged(npm, [...npmArgs, '--no-audit', '--no-fund', '--loglevel=http'], {
		cwd: root,
		logFile,
		label: `npm ${npmArgs[0]}`,
		log: (line) => console.log(line),
	});
	printInstallSummary(logFile);
	const seconds = (Date.now() - started) / 1000;
	timings.push([label, seconds]);
	if (rc !== 0) stop(`npm ${npmArgs[0]} failed (exit ${rc}) after ${seconds.toFixed(1)} s; log ${logFile}:\n${logTail(logFile)}`, rc);
}

/**
 * Installs (or reuses) the n8n of a matrix leg and its Node.js, as a step of its own.
 * @param {import('./n8n/matrix').N8nTarget} target
 */
async function ensureLeg(target) {
	const label = `install n8n ${target.n8n} + Node.js ${target.node} (cached)`;
	process.stdout.write(`\n▶ ${label}\n`);
	const started = Date.now();
	try {
		const rt = await ensureN8n({ version: target.n8n });
		timings.push([label, (Date.now() - started) / 1000]);
		if (rt.reused) console.log(`n8n ${rt.version} (Node.js ${rt.nodeVersion}) in ${rt.cacheDir}`);
		return rt;
	} catch (e) {
		timings.push([label, (Date.now() - started) / 1000]);
		return stop(`${label} failed: ${e && e.message}`, 1);
	}
}

/**
 * The environment of a step that runs under a leg's Node.js: its folder first on PATH (npm, scripts), and the leg
 * picked for the harness.
 * @param {import('./n8n/ensureN8n').N8nRuntime} rt
 */
function legEnv(rt) {
	return {
		WOLKVOX_N8N_VERSION: rt.version,
		PATH: `${rt.nodeBinDir}${path.delimiter}${process.env.PATH || ''}`,
	};
}

/** @param {string} jest @param {import('./n8n/ensureN8n').N8nRuntime} rt */
function e2e(jest, rt) {
	run(`end-to-end tests (n8n ${rt.version}, Node.js ${rt.nodeVersion})`, rt.nodeBin, [jest, '--ci', '-c', 'jest.e2e.config.js'], {
		env: legEnv(rt),
		timeoutMs: 30 * MINUTE,
	});
	ranOn.push(`end-to-end: n8n ${rt.version} on Node.js ${rt.nodeVersion}`);
}

/** Lint, types, build, the scanner's lint, the workflow schema check, and the unit and engine suites. @param {string} jest */
function checksOnThisNode(jest) {
	const here = `Node.js ${process.versions.node}`;
	run('lint (n8n community rules)', npm, ['run', '--silent', 'lint']);
	run('typecheck (incl. tests)', npm, ['run', '--silent', 'typecheck']);
	run('build', npm, ['run', '--silent', 'build']);
	run('scanner lint (source + tarball)', npm, ['run', '--silent', 'lint:scan']);
	run('GitHub workflows schema check', npm, ['run', '--silent', 'lint:workflows']);
	run(`unit + engine tests (${here})`, process.execPath, [jest, '--ci']);
	const devCore = require(path.join(root, 'node_modules', 'n8n-core', 'package.json')).version;
	ranOn.push(`lint, build, unit + engine: ${here}, n8n-core ${devCore}`);
}

/**
 * The steps in a real n8n: the default leg's engine suite (when it is the newest: the oldest n8n's n8n-core is the
 * devDependencies' line, which the unit + engine step covers) and end-to-end suite, and with allLegs the other
 * leg's end-to-end suite.
 * @param {string} jest
 * @param {boolean} allLegs
 */
async function stepsInN8n(jest, allLegs) {
	const main = targetFor();
	const leg = await ensureLeg(main);
	if (main.role === 'newest') {
		run(`engine tests (n8n ${leg.version}, Node.js ${leg.nodeVersion})`, leg.nodeBin, [jest, '--ci', '-c', 'jest.n8n.config.js'], {
			env: legEnv(leg),
		});
		ranOn.push(`engine: n8n ${leg.version}'s n8n-core on Node.js ${leg.nodeVersion}`);
	}
	e2e(jest, leg);
	if (allLegs) e2e(jest, await ensureLeg(targetByRole(main.role === 'newest' ? 'oldest' : 'newest')));
}

/** @param {{ allLegs: boolean }} o */
async function runTestSuite(o) {
	const started = Date.now();
	const state = dependenciesState();
	if (state !== 'current') await installDependencies(state);
	const jest = require.resolve('jest/bin/jest', { paths: [root] });
	checksOnThisNode(jest);
	if (process.env.WOLKVOX_SKIP_E2E === '1') {
		console.log('\nWOLKVOX_SKIP_E2E=1: the steps in a real n8n were skipped.');
	} else {
		await stepsInN8n(jest, o.allLegs);
	}
	printTimings();
	console.log(`\n✔ all test steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = { runTestSuite };
