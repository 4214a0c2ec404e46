#!/usr/bin/env node
'use strict';
/**
 * Queue-mode measurement: `npm run bench:queue` = `node scripts/queue-bench.js` (harness/queue/bench.js).
 *
 *   node scripts/queue-bench.js [--workers 3] [--burst 30] [--latency 100] [--tarball <tgz>]
 *
 * 1, 2, … --workers workers at n8n's default concurrency, a burst of --burst webhook executions at once on one
 * token, the sandbox answering each accepted call after --latency ms. Needs what `npm run test:queue` needs
 * (dist/ built, the cached n8n, redis-server, PostgreSQL 15). --tarball measures an already packed package instead
 * of packing dist/ (e.g. an earlier version, to compare). Prints a table, then one JSON line with the figures.
 */

const path = require('path');
const { ensureBuilt } = require('../harness/bench/build');
const { benchQueueMode, roundsTable } = require('../harness/queue/bench');
const { setLogger } = require('../harness/n8n/processes');

function parseArgs(argv) {
	const a = { workers: 3, burst: 30, latency: 100, tarball: '' };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].includes('=') ? argv[i].split('=', 2) : [argv[i], undefined];
		const key = flag.replace(/^--/, '');
		if (!(key in a)) throw new Error(`unknown option ${flag} (--workers, --burst, --latency, --tarball)`);
		if (key === 'tarball') {
			a.tarball = path.resolve(inline !== undefined ? inline : argv[++i] || '');
			continue;
		}
		const v = Number(inline !== undefined ? inline : argv[++i]);
		if (!Number.isInteger(v) || v < (key === 'latency' ? 0 : 1)) throw new Error(`${flag} needs a whole number`);
		a[/** @type {'workers'|'burst'|'latency'} */ (key)] = v;
	}
	return a;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const log = (/** @type {string} */ line) => process.stderr.write(`[bench:queue] ${line}\n`);
	setLogger(process.env.WOLKVOX_E2E_VERBOSE === '1' ? (l) => process.stderr.write(l + '\n') : () => {});
	log(args.tarball ? `package: ${args.tarball}` : `dist/: ${ensureBuilt(true)}`);
	const started = Date.now();
	const rounds = await benchQueueMode({
		repo: path.resolve(__dirname, '..'),
		maxWorkers: args.workers,
		burst: args.burst,
		latencyMs: args.latency,
		tarball: args.tarball || undefined,
		log,
	});
	console.log(
		`\nQueue mode, one token, a burst of ${args.burst} webhook executions at once, sandbox latency ${args.latency} ms, ` +
			`rule of 2 in flight per token (${new Date().toISOString().slice(0, 10)}, ${((Date.now() - started) / 1000).toFixed(0)} s in all):\n`,
	);
	console.log(roundsTable(rounds));
	console.log(JSON.stringify({ burst: args.burst, latencyMs: args.latency, rounds }));
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	},
);
