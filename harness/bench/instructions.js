'use strict';
/**
 * The bench's instruction count (`npm run bench -- --instructions`): the node's bulk body building and
 * JSON.stringify of the same bodies counted in machine instructions under valgrind's callgrind, which other load on
 * the machine does not change, unlike the time ratio. Each phase of instructionsChild.js runs in its own process,
 * with V8 in its predictable mode (one thread, a fixed heap-growing schedule) and fixed seeds. Even so, what V8
 * compiles and re-compiles differs from run to run (two runs of one build once differed by a quarter in the node's
 * count), so the node's count is also given without V8's compiling, which two runs of one build counted 0.6 %
 * apart.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { REPO, progress, fmtInt } = require('./settings');

const PHASES = ['setup', 'node', 'bodies', 'stringify'];
const V8_FLAGS = ['--predictable', '--predictable-gc-schedule', '--hash-seed=1', '--random-seed=1'];

/**
 * V8's entries into its compilers (optimising, on-stack replacement, lazy bytecode); their inclusive counts are what
 * a phase spent compiling and re-compiling, which V8 does on background threads outside predictable mode.
 */
const COMPILE_ENTRIES = /Runtime_(CompileOptimized|CompileOptimizedOSR|CompileLazy)\(/;

/**
 * What the phase spent in V8's compilers, from callgrind's inclusive counts.
 * @param {string} outFile
 * @returns {number}
 */
function compiling(outFile) {
	const r = spawnSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', outFile], {
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
	});
	if (r.status !== 0)
		throw new Error(`callgrind_annotate: exit ${r.status}\n${String(r.stderr).slice(-2000)}`);
	let total = 0;
	for (const line of r.stdout.split('\n')) {
		const m = /^\s*([\d,]+) \(/.exec(line);
		if (m && COMPILE_ENTRIES.test(line)) total += Number(m[1].replace(/,/g, ''));
	}
	return total;
}

/**
 * Instructions of one phase, as callgrind counts them for the whole process, and of them those spent compiling.
 * @param {import('./instructionsChild').InstructionsOptions} o
 * @returns {{ total: number, compiling: number }}
 */
function countPhase(o) {
	const outFile = path.join(os.tmpdir(), `wolkvox-bench-callgrind-${process.pid}-${o.phase}.out`);
	const r = spawnSync(
		'valgrind',
		[
			'--tool=callgrind',
			`--callgrind-out-file=${outFile}`,
			process.execPath,
			'--expose-gc',
			...V8_FLAGS,
			path.join(__dirname, 'instructionsChild.js'),
			JSON.stringify(o),
		],
		{ cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
	);
	try {
		if (r.error) throw new Error(`valgrind could not start (${r.error.message}); is it installed?`);
		const collected = /Collected\s*:\s*(\d+)/.exec(r.stderr || '');
		if (r.status !== 0 || !collected) {
			throw new Error(
				`callgrind, phase ${o.phase}: exit ${r.status}\n${String(r.stderr).slice(-2000)}`,
			);
		}
		return { total: Number(collected[1]), compiling: compiling(outFile) };
	} finally {
		fs.rmSync(outFile, { force: true });
	}
}

/**
 * The counts of one build: each phase's total, and the node's and JSON.stringify's share as differences.
 * @param {string} dist
 * @param {{ rows: number, seed: number }} args
 */
function countBuild(dist, args) {
	/** @type {Record<string, number>} */
	const totals = {};
	/** @type {Record<string, number>} */
	const compiled = {};
	for (const phase of PHASES) {
		progress(`instructions: ${dist}, ${fmtInt(args.rows)} rows, phase ${phase}`);
		const counted = countPhase({ dist, rows: args.rows, seed: args.seed, phase });
		totals[phase] = counted.total;
		compiled[phase] = counted.compiling;
	}
	const node = totals.node - totals.setup;
	const nodeCompiling = compiled.node - compiled.setup;
	const nodeWork = node - nodeCompiling;
	const stringify = totals.stringify - totals.bodies;
	const ratio = (a, b) => Math.round((a / b) * 100) / 100;
	return {
		dist,
		rows: args.rows,
		totals,
		compiled,
		node,
		nodeCompiling,
		nodeWork,
		stringify,
		ratio: ratio(node, stringify),
		workRatio: ratio(nodeWork, stringify),
	};
}

/** @param {ReturnType<typeof countBuild>[]} builds */
function instructionsText(builds) {
	const lines = [
		'Instructions (callgrind), bulk bodies of the rows built once, against JSON.stringify of them:',
	];
	for (const b of builds) {
		lines.push(
			`  ${b.dist}: ${fmtInt(b.rows)} rows, node ${fmtInt(b.node)} (of which V8 compiling ${fmtInt(b.nodeCompiling)}, ` +
				`the rest ${fmtInt(b.nodeWork)}), stringify ${fmtInt(b.stringify)}, ×${b.ratio} (without compiling ×${b.workRatio})`,
		);
	}
	if (builds.length === 2) {
		const [a, b] = builds;
		const change = (x, y) => `${((y / x - 1) * 100).toFixed(2)} %`;
		lines.push(
			`  second against first: node ${change(a.node, b.node)}, without compiling ${change(a.nodeWork, b.nodeWork)}, ` +
				`stringify ${change(a.stringify, b.stringify)}`,
		);
	}
	return lines.join('\n');
}

module.exports = { countBuild, instructionsText };
