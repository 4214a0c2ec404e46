'use strict';
/** The benchmark measures the compiled node: dist/ is rebuilt when it is missing or older than the sources. */

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { REPO, DIST, progress } = require('./settings');

/**
 * The newest (or oldest) modification time of the files below `dir` that pass `test`.
 * @param {string} dir
 * @param {(name: string) => boolean} test
 * @param {(a: number, b: number) => number} pick Math.max or Math.min
 * @param {number} start the answer when nothing is found (0 with Math.max, Infinity with Math.min)
 * @returns {number}
 */
function mtimeBelow(dir, test, pick, start) {
	let found = start;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) found = pick(found, mtimeBelow(p, test, pick, start));
		else if (test(e.name)) found = pick(found, fs.statSync(p).mtimeMs);
	}
	return found;
}

/** @param {string} dir @param {(name: string) => boolean} test */
const newestMtime = (dir, test) => (fs.existsSync(dir) ? mtimeBelow(dir, test, Math.max, 0) : 0);
/** @param {string} dir @param {(name: string) => boolean} test */
const oldestMtime = (dir, test) => (fs.existsSync(dir) ? mtimeBelow(dir, test, Math.min, Infinity) : 0);

/**
 * Runs `npm run build` when dist/ is missing or older than the TypeScript sources.
 * @param {boolean} allowBuild false: measure a stale dist/ (with a warning) rather than rebuild it
 * @returns {string} the state of dist/ for the report
 */
function ensureBuilt(allowBuild) {
	const entry = path.join(DIST, 'nodes/WolkvoxCrm/WolkvoxCrm.node.js');
	const isTs = (f) => f.endsWith('.ts') && !f.endsWith('.d.ts');
	const srcNewest = Math.max(
		newestMtime(path.join(REPO, 'nodes'), isTs),
		newestMtime(path.join(REPO, 'credentials'), isTs),
	);
	const distOldest = fs.existsSync(entry) ? oldestMtime(DIST, (f) => f.endsWith('.js')) : 0;
	if (distOldest && distOldest >= srcNewest) return 'up to date';
	const why = distOldest ? 'dist/ is older than the sources' : 'dist/ is missing';
	if (!allowBuild) {
		if (!distOldest) throw new Error(`${why}; run npm run build (or drop --no-build)`);
		progress(`warning: ${why}; measuring the existing dist/ (--no-build)`);
		return `stale (${why}, --no-build)`;
	}
	progress(`${why}: npm run build`);
	const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
		cwd: REPO,
		stdio: ['ignore', process.stderr, process.stderr],
	});
	if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
	return 'rebuilt';
}

module.exports = { ensureBuilt };
