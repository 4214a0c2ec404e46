'use strict';
/**
 * One portfolio size measured in its own process, run as `node --expose-gc sizeChild.js '<json options>'` by
 * sizes.js (so peak memory is this size's own), against the compiled node in dist/:
 * - node ms: what the upload operation does before sending: caseFilesFromRows (resolve mapping, group, coerce,
 *   validate), chunk into batches of the default 100 case files, build each call's body `{ operation, collections }`.
 *   Median of several repetitions after a warm-up (gc() before each).
 * - stringify ms: JSON.stringify of those same bodies, in the same repetitions (the floor for producing them).
 * - memory: RSS before the rows exist (runtime + modules), heap of the rows (heapUsed after − before generating
 *   them, gc() around), and the peak RSS while one execution-like pass runs (process the rows, then send every
 *   batch), all in the same process. Ratio = (peak RSS − baseline RSS) / rows heap.
 * - calls: each batch sent, one after another, to the sandbox (send.js).
 * Prints its figures as one JSON line.
 */

const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const { generatePortfolio } = require('../portfolio');
const { senderFor, warmUpClient } = require('./send');
const { DIST, BULK_PATH, OPERATION, DEFAULT_BATCH, MB, median, round } = require('./settings');

/**
 * @typedef {{ rows: number, url: string, seed: number, reps: number, client: 'http'|'fetch' }} SizeOptions
 */

/** Peak RSS since the last reset, in bytes. */
function peakRss() {
	return process.resourceUsage().maxRSS * 1024;
}

/** Resets the kernel's peak-RSS mark to the current RSS (Linux ≥ 4.0); false where that is not possible. */
function resetPeakRss() {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

/** Two full collections (the second sweeps what the first's finalisers freed). */
function gcOrThrow() {
	const gc = global.gc;
	if (typeof gc !== 'function') throw new Error('the child needs --expose-gc');
	return () => {
		gc();
		gc();
	};
}

/** @returns {Record<string, number>} V8's heap spaces, bytes */
function spaceSizes() {
	/** @type {Record<string, number>} */
	const spaces = {};
	for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name] = s.space_size;
	return spaces;
}

/**
 * Exactly what upload.operation.ts does before its first call (the transport adds `operation`), at the node's
 * default settings: automatic mapping, extra columns dropped, automatic dates.
 * @returns {(rows: Array<Record<string, unknown>>) => { caseFiles: any[], rowErrors: any[], batches: any[][], bodies: any[] }}
 */
function bulkPipeline() {
	const { caseFilesFromRows } = require(path.join(DIST, 'nodes/WolkvoxCrm/bulk/rowsToCaseFiles'));
	const { chunk } = require(path.join(DIST, 'nodes/WolkvoxCrm/bulk/batches'));
	const settings = {
		keyColumn: '',
		mapping: { caseFile: {}, obligation: {} },
		extraColumns: 'drop',
		dateInputFormat: 'auto',
	};
	return (rows) => {
		const { caseFiles, rowErrors } = caseFilesFromRows(rows, settings);
		const batches = chunk(caseFiles, DEFAULT_BATCH);
		const bodies = new Array(batches.length);
		for (let k = 0; k < batches.length; k++) {
			bodies[k] = { operation: OPERATION, collections: batches[k].map((d) => d.body) };
		}
		return { caseFiles, rowErrors, batches, bodies };
	};
}

/**
 * Sends every body, one after another; any answer but a bulk summary stops the measurement.
 * @param {any[]} bodies
 * @param {SizeOptions} o
 */
async function sendAll(bodies, o) {
	const send = senderFor(o.client);
	let inserted = 0;
	let failedCaseFiles = 0;
	let calls = 0;
	const started = Date.now();
	for (const body of bodies) {
		const res = await send(o.url + BULK_PATH, body);
		calls++;
		if (res.status !== 200 || !res.json || !res.json.summary) {
			throw new Error(`call ${calls}: HTTP ${res.status} ${String(res.text).slice(0, 300)}`);
		}
		inserted += res.json.summary.successful_inserts;
		failedCaseFiles += res.json.summary.failed_count;
	}
	return { calls, inserted, failedCaseFiles, sendMs: Date.now() - started };
}

/**
 * One execution-like pass over the rows: process them all, then send every batch; the peak RSS of processing
 * alone and of the whole pass, and what the pass produced.
 * @param {ReturnType<typeof bulkPipeline>} processRows
 * @param {Array<Record<string, unknown>>} rows
 * @param {SizeOptions} o
 */
async function executionPass(processRows, rows, o) {
	const resetOk = resetPeakRss();
	const t0 = process.hrtime.bigint();
	const result = processRows(rows);
	const firstPassMs = Number(process.hrtime.bigint() - t0) / 1e6;
	const peakProcess = peakRss(); // before the first call: what processing alone needed
	const sent = await sendAll(result.bodies, o);
	const peakPass = peakRss();
	const spaces = spaceSizes();
	const atPeak = process.memoryUsage();
	return {
		result,
		resetOk,
		firstPassMs,
		peakProcess,
		peakPass,
		spaces,
		atPeak,
		sent,
		caseFiles: result.caseFiles.length,
		obligations: result.caseFiles.reduce((s, d) => s + d.body.Obligations.length, 0),
		rowErrors: result.rowErrors.length,
		firstError: result.rowErrors.length ? result.rowErrors[0].message : null,
		bodyCount: result.bodies.length,
	};
}

/**
 * Node time against JSON.stringify time over repetitions after warm-ups, gc() before each timed section; both
 * halves of a repetition run back to back, so load from other processes mostly cancels in their ratio.
 * @param {ReturnType<typeof bulkPipeline>} processRows
 * @param {Array<Record<string, unknown>>} rows
 * @param {SizeOptions} o
 * @param {() => void} fullGc
 */
function timeRepetitions(processRows, rows, o, fullGc) {
	const n = o.rows;
	const reps = o.reps || (n <= 2000 ? 21 : n <= 20000 ? 11 : 7);
	const warmups = n <= 20000 ? 3 : 1;
	/** @type {number[]} */ const nodeMs = [];
	/** @type {number[]} */ const stringifyMs = [];
	/** @type {number[]} */ const ratios = [];
	let bytes = 0;
	for (let r = 0; r < warmups + reps; r++) {
		fullGc();
		const a = process.hrtime.bigint();
		const out = processRows(rows);
		const b = process.hrtime.bigint();
		fullGc();
		const c = process.hrtime.bigint();
		let len = 0;
		for (let k = 0; k < out.bodies.length; k++) len += JSON.stringify(out.bodies[k]).length;
		const d = process.hrtime.bigint();
		bytes = len;
		if (r >= warmups) {
			nodeMs.push(Number(b - a) / 1e6);
			stringifyMs.push(Number(d - c) / 1e6);
			ratios.push(Number(b - a) / Number(d - c));
		}
	}
	return { reps, warmups, nodeMs, stringifyMs, ratios, bytes };
}

/**
 * The size's figures, as the parent reads them.
 * @param {SizeOptions} o
 * @param {{ base: NodeJS.MemoryUsage, newSpaceBase: number, withRows: NodeJS.MemoryUsage, peakGeneration: number,
 *   retainedBytes: number, peakAll: number }} m
 * @param {Awaited<ReturnType<typeof executionPass>>} pass
 * @param {ReturnType<typeof timeRepetitions>} t
 */
function figures(o, m, pass, t) {
	const n = o.rows;
	const inputRowsBytes = m.withRows.heapUsed - m.base.heapUsed;
	const peakBytes = pass.resetOk ? Math.max(m.peakGeneration, pass.peakPass) : pass.peakPass;
	// V8's young generation grows from ~1 MB to its 16 MB semi-spaces (32 MB) under allocation pressure: a fixed
	// cost of any busy process, not proportional to the rows.
	const youngGenGrowth = pass.spaces.new_space - m.newSpaceBase;
	/** @type {Record<string, number|null>} */
	const spacesMb = {};
	for (const [name, bytes] of Object.entries(pass.spaces)) spacesMb[name] = round(bytes / MB);
	return {
		rows: n,
		caseFiles: pass.caseFiles,
		obligations: pass.obligations,
		rowErrors: pass.rowErrors,
		firstError: pass.firstError,
		apiCalls: pass.sent.calls,
		plannedCalls: pass.bodyCount,
		rowsPerCall: round(n / Math.max(1, pass.sent.calls), 1),
		insertedCaseFiles: pass.sent.inserted,
		failedCaseFiles: pass.sent.failedCaseFiles,
		sendMs: pass.sent.sendMs,
		firstPassMs: round(pass.firstPassMs, 2),
		nodeMs: round(median(t.nodeMs), 2),
		stringifyMs: round(median(t.stringifyMs), 2),
		ratio: round(median(t.ratios), 2),
		ratioOfMedians: round(median(t.nodeMs) / median(t.stringifyMs), 2),
		ratioOfMinima: round(Math.min(...t.nodeMs) / Math.min(...t.stringifyMs), 2),
		nodeMsAll: t.nodeMs.map((x) => round(x, 1)),
		stringifyMsAll: t.stringifyMs.map((x) => round(x, 1)),
		reps: t.reps,
		warmups: t.warmups,
		bodyBytes: t.bytes,
		baselineRssMb: round(m.base.rss / MB),
		rowsRssMb: round(m.withRows.rss / MB),
		inputRowsMb: round(inputRowsBytes / MB),
		peakGenerationRssMb: pass.resetOk ? round(m.peakGeneration / MB) : null,
		peakPassRssMb: round(pass.peakPass / MB),
		peakRssMb: round(peakBytes / MB),
		peakRssAllPhasesMb: round(Math.max(peakBytes, m.peakAll) / MB),
		peakResetWorked: pass.resetOk,
		peakProcessRssMb: round(pass.peakProcess / MB),
		youngGenGrowthMb: round(youngGenGrowth / MB),
		memoryRatioExclYoungGen: round((peakBytes - m.base.rss - youngGenGrowth) / inputRowsBytes, 2),
		memoryRatio: round((peakBytes - m.base.rss) / inputRowsBytes, 2),
		processMemoryRatio: round(
			(Math.max(pass.peakProcess, pass.resetOk ? m.peakGeneration : 0) - m.base.rss) / inputRowsBytes,
			2,
		),
		processIncrementRatio: round((pass.peakProcess - m.withRows.rss) / inputRowsBytes, 2),
		client: o.client,
		retainedMb: round(m.retainedBytes / MB),
		atPeak: {
			rssMb: round(pass.atPeak.rss / MB),
			heapTotalMb: round(pass.atPeak.heapTotal / MB),
			heapUsedMb: round(pass.atPeak.heapUsed / MB),
			externalMb: round(pass.atPeak.external / MB),
			spacesMb,
		},
		bytesPerRow: Math.round((peakBytes - m.base.rss) / n),
	};
}

/** @param {SizeOptions} o */
async function measure(o) {
	const fullGc = gcOrThrow();
	const processRows = bulkPipeline();
	// Warm-up on a tiny portfolio and one request through the HTTP client, so that the baseline holds the runtime
	// and compiled code, not the rows.
	processRows(generatePortfolio(50, { seed: 1 }));
	await warmUpClient(o.url, o.client);
	fullGc();
	const base = process.memoryUsage();
	const newSpaceBase = spaceSizes().new_space;

	const rows = generatePortfolio(o.rows, { seed: o.seed });
	fullGc();
	const withRows = process.memoryUsage();
	const peakGeneration = peakRss();

	const pass = await executionPass(processRows, rows, o);
	fullGc();
	// What the node's result (case files, obligations, bodies) keeps alive beyond the rows.
	const retainedBytes = process.memoryUsage().heapUsed - withRows.heapUsed;
	pass.result.bodies.length = 0;

	const timing = timeRepetitions(processRows, rows, o, fullGc);
	const peakAll = peakRss();
	const m = { base, newSpaceBase, withRows, peakGeneration, retainedBytes, peakAll };
	process.stdout.write(JSON.stringify(figures(o, m, pass, timing)) + '\n');
}

if (require.main === module) {
	measure(JSON.parse(process.argv[2])).catch((e) => {
		console.error(e && e.stack ? e.stack : e);
		process.exit(1);
	});
}
