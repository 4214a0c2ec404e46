#!/usr/bin/env node
// The whole test suite, as the README's test command and CI run it. On a fresh clone it installs what it needs:
// the package's dev dependencies, then (for the end-to-end suite) the pinned n8n into .cache/.
// Steps: install → lint → typecheck → build → n8n's scanner lint on source and tarball → unit + in-process engine
// tests → pack + real-n8n end-to-end tests.
// WOLKVOX_SKIP_E2E=1 skips the last step (quick local runs); CI never sets it.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const timings = [];

function run(label, command, args, extraEnv = {}) {
	const started = Date.now();
	process.stdout.write(`\n▶ ${label}: ${command} ${args.join(' ')}\n`);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
	const seconds = (Date.now() - started) / 1000;
	timings.push([label, seconds]);
	if (result.status !== 0) {
		printTimings();
		console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}) after ${seconds.toFixed(1)} s`);
		process.exit(result.status || 1);
	}
}

function printTimings() {
	console.log('\nStep timings:');
	for (const [label, seconds] of timings) console.log(`  ${label.padEnd(28)} ${seconds.toFixed(1).padStart(7)} s`);
}

function dependenciesInstalled() {
	const marker = path.join(root, 'node_modules', '.package-lock.json');
	if (!fs.existsSync(marker)) return false;
	return fs.statSync(marker).mtimeMs >= fs.statSync(path.join(root, 'package-lock.json')).mtimeMs;
}

const started = Date.now();
// npm install, not npm ci: npm 11 writes lockfiles without other platforms' optional packages and then
// refuses them in `npm ci` ("Missing: @unrs/resolver-binding-… from lock file"). The lock still pins versions.
if (!dependenciesInstalled()) run('install dependencies', npm, ['install', '--no-audit', '--no-fund']);
run('lint (n8n community rules)', npm, ['run', '--silent', 'lint']);
run('typecheck (incl. tests)', npm, ['run', '--silent', 'typecheck']);
run('build', npm, ['run', '--silent', 'build']);
run('scanner lint (source + tarball)', npm, ['run', '--silent', 'lint:scan']);
run('unit + engine tests', process.execPath, [require.resolve('jest/bin/jest', { paths: [root] }), '--ci']);
if (process.env.WOLKVOX_SKIP_E2E === '1') {
	console.log('\nWOLKVOX_SKIP_E2E=1: the real-n8n end-to-end suite was skipped.');
} else {
	run('install pinned n8n (cached)', process.execPath, [path.join(root, 'scripts', 'ensure-n8n.js')]);
	run('end-to-end tests (real n8n)', process.execPath, [
		require.resolve('jest/bin/jest', { paths: [root] }),
		'--ci',
		'-c',
		'jest.e2e.config.js',
	]);
}
printTimings();
console.log(`\n✔ all test steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
