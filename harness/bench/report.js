'use strict';
/**
 * What the benchmark prints: a table per part for people, the targets met or missed, and as its very last line one
 * JSON object with the figures, for comparing runs.
 */

const os = require('os');
const { TARGETS, DEFAULT_BATCH, MB, round, fmtInt, fmt } = require('./settings');

/**
 * @typedef {{ seed: number, latency: number, client: string }} ReportArgs
 * @typedef {{ args: ReportArgs, sizes: any[], n8n: any, targets: ReturnType<typeof targetsOf>, buildState: string,
 *   started: number }} BenchResult
 */

/** @param {unknown} s @param {number} w @param {boolean} [right] */
function pad(s, w, right = true) {
	const text = String(s);
	return right ? text.padStart(w) : text.padEnd(w);
}

/** @param {string[]} headers @param {unknown[][]} rows */
function table(headers, rows) {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) => cells.map((c, i) => pad(c, widths[i], i > 0)).join('  ');
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The largest size (100,000 rows when measured), which the targets are about. @param {any[]} sizes */
function biggest(sizes) {
	return sizes.find((r) => r.rows === 100000) || sizes[sizes.length - 1];
}

/**
 * Peak memory growth per rows heap from 10,000 to the largest size: linear growth keeps it under the target.
 * @param {any[]} sizes
 */
function memorySlope(sizes) {
	const big = biggest(sizes);
	const at10k = sizes.find((r) => r.rows === 10000);
	if (!at10k || !big || big === at10k) return null;
	return round(
		(big.peakRssMb - big.baselineRssMb - (at10k.peakRssMb - at10k.baselineRssMb)) / (big.inputRowsMb - at10k.inputRowsMb),
		2,
	);
}

/** Each target, its value and whether it is met. @param {any[]} sizes */
function targetsOf(sizes) {
	const big = biggest(sizes);
	const slope = memorySlope(sizes);
	const at100k = big && big.rows === 100000;
	return {
		ratioAt100k: at100k
			? { value: big.ratio, target: `<= ${TARGETS.ratioAt100k}`, met: big.ratio <= TARGETS.ratioAt100k }
			: null,
		memory: at100k
			? {
					rows: big.rows,
					value: big.memoryRatio,
					processingOnly: big.processMemoryRatio,
					excludingYoungGeneration: big.memoryRatioExclYoungGen,
					addedByNode: round(
						big.processIncrementRatio + (big.peakPassRssMb - big.peakProcessRssMb) / big.inputRowsMb,
						2,
					),
					resultKeptVsRows: round(big.retainedMb / big.inputRowsMb, 2),
					slope10kTo100k: slope,
					target: `(peak RSS - baseline RSS) / rows heap < ${TARGETS.memoryRatio}, growing linearly`,
					met: big.memoryRatio < TARGETS.memoryRatio && (slope === null || slope < TARGETS.memoryRatio),
				}
			: null,
		rowsPerCall: sizes.length
			? {
					values: sizes.map((r) => r.rowsPerCall),
					target: `>= ${TARGETS.rowsPerCall}`,
					met: sizes.every((r) => r.rowsPerCall >= TARGETS.rowsPerCall),
				}
			: null,
		allStored: sizes.every((r) => r.allStored),
	};
}

/** @param {BenchResult} b @returns {string[]} */
function headerLines(b) {
	const cpu = os.cpus();
	const lines = [
		'',
		'Bulk Collections benchmark',
		`node ${process.version}, ${cpu.length} CPU(s) ${cpu[0] ? cpu[0].model.trim() : ''}, load average ${os
			.loadavg()
			.map((x) => x.toFixed(2))
			.join(' ')}; dist ${b.buildState}`,
		`sandbox on loopback (in the bench's parent process), ${b.args.latency} ms latency per call, 2 calls in flight per token; default node settings: automatic mapping, 100 case files per call`,
	];
	const p = b.sizes.length ? b.sizes[b.sizes.length - 1].portfolio : null;
	if (p) {
		lines.push(
			`portfolio (seed ${b.args.seed}, ${fmtInt(p.rows)} rows): ${fmtInt(p.customers)} customers, ${fmt(p.obligationsPerCustomer, 2)} obligations each (1–${p.maxObligations}), ${fmtInt(p.customersNotAdjacent)} customers with rows not adjacent, ${fmtInt(p.leadingZeroIds)} leading-zero ids, ${fmtInt(p.spanishAmounts)} amounts like 1.234.567,89, due dates: ${fmtInt(p.dayFirstDates)} DD/MM/YYYY, ${fmtInt(p.serialDates)} sheet serials, the rest ISO`,
		);
	}
	return lines;
}

/** @param {any[]} sizes @returns {string[]} */
function timeLines(sizes) {
	return [
		'',
		'Time and calls (each size in its own process)',
		table(
			[
				'rows',
				'case files',
				'API calls',
				'rows/call',
				'all stored',
				'node ms',
				'stringify ms',
				'node/stringify',
				'min node ms',
				'min stringify ms',
				'reps',
				'send ms',
			],
			sizes.map((r) => [
				fmtInt(r.rows),
				fmtInt(r.caseFiles),
				fmtInt(r.apiCalls),
				fmt(r.rowsPerCall),
				r.allStored ? 'yes' : 'NO',
				fmt(r.nodeMs, 1),
				fmt(r.stringifyMs, 1),
				`${fmt(r.ratio, 2)}×`,
				fmt(Math.min(...r.nodeMsAll), 1),
				fmt(Math.min(...r.stringifyMsAll), 1),
				`${r.reps}+${r.warmups}`,
				fmtInt(r.sendMs),
			]),
		),
		'node ms: caseFilesFromRows (mapping, grouping, coercion, validation) + chunk(100) + one { operation, collections } body per call;',
		'stringify ms: JSON.stringify of those same bodies. Medians over the reps after the warm-ups, gc() before each; node/stringify is',
		'the median of the per-rep ratios (both halves of a rep run back to back, so load from other processes mostly cancels).',
	];
}

/** @param {any[]} sizes @returns {string[]} */
function memoryLines(sizes) {
	const client = sizes[0] ? (sizes[0].client === 'fetch' ? 'fetch' : 'node:http with a Buffer body, as axios in n8n') : '-';
	return [
		'',
		`Memory (RSS of the size's process; sending through ${client})`,
		table(
			[
				'rows',
				'rows heap MB',
				'baseline RSS MB',
				'RSS with rows MB',
				'peak processing MB',
				'peak RSS MB',
				'(peak-base)/rows heap',
				'processing only',
				'added by processing',
				'added by sending',
				'result kept MB',
				'peak incl. timing reps MB',
			],
			sizes.map((r) => [
				fmtInt(r.rows),
				fmt(r.inputRowsMb),
				fmt(r.baselineRssMb),
				fmt(r.rowsRssMb),
				fmt(r.peakProcessRssMb),
				fmt(r.peakRssMb),
				`${fmt(r.memoryRatio, 2)}×`,
				`${fmt(r.processMemoryRatio, 2)}×`,
				`${fmt(r.processIncrementRatio, 2)}×`,
				`${fmt((r.peakPassRssMb - r.peakProcessRssMb) / r.inputRowsMb, 2)}×`,
				fmt(r.retainedMb),
				fmt(r.peakRssAllPhasesMb),
			]),
		),
		'baseline: RSS after a warm-up (code compiled, HTTP client loaded), before the rows exist. rows heap: heapUsed growth from generating',
		'the rows (gc() before and after). peak processing: highest RSS until the bodies are built; peak RSS: highest RSS of the whole pass',
		'(rows generated, processed, every batch sent). "added by …": RSS growth of that step over the previous peak, in rows heaps.',
		'result kept: heap the case files and bodies hold beyond the rows, after gc().',
	];
}

/** @param {any} n8n the real-n8n part's figures, { error }, or null when skipped @returns {string[]} */
function n8nLines(n8n) {
	if (!n8n) return ['', 'Real n8n comparison skipped (--skip-n8n).'];
	if (n8n.error) return ['', `Real n8n comparison FAILED: ${n8n.error.split('\n')[0]}`];
	const row = (label, f) => [
		label,
		f.status,
		fmt(f.executionMs / 1000, 2),
		fmt(f.nodeExecutionMs / 1000, 2),
		fmt(f.processWallMs / 1000, 2),
		fmtInt(f.calls),
		fmtInt(f.acceptedCalls),
		fmtInt(f.rejected),
		fmtInt(f.storedCaseFiles),
		fmtInt(f.storedObligations),
	];
	const nf = n8n.node;
	const d = n8n.diy;
	return [
		'',
		`Real n8n ${n8n.n8nVersion}: the same ${fmtInt(n8n.rows)}-row portfolio, generated by a Code node, one \`n8n execute\` process per flow (one after the other), sandbox latency ${n8n.latencyMs} ms`,
		table(
			[
				'flow',
				'status',
				'n8n execution s',
				'upload node s',
				'process wall s',
				'calls received',
				'accepted',
				'rejected 403 (2 in flight)',
				'case files stored',
				'obligations stored',
			],
			[row('Wolkvox CRM Bulk Collections upload', nf), row('HTTP Request per item (DIY)', d)],
		),
		`Wolkvox CRM: ${fmtInt(nf.inserted)} case files inserted, ${fmtInt(nf.failed)} failed, ${fmtInt(nf.notSent)} not sent, ${fmtInt(nf.outputItems)} output items; Code node rows identical to the in-process portfolio: ${nf.sameRowsAsInProcess ? 'yes' : 'NO'}`,
		`HTTP Request per item: ${fmtInt(d.errorItems)} error items (On Error: continue), ${fmtInt(d.accepted200)} answered 200, ${fmtInt(d.caseFileRefusedByValidation)} of those with the case file refused for its raw values (1.234,56 amounts, DD/MM/YYYY or serial dates); at most ${d.maxInFlight} in flight; Code node rows identical: ${d.sameRowsAsInProcess ? 'yes' : 'NO'}`,
		...Object.entries(d.errorMessages || {}).map(([m, c]) => `  ${fmtInt(c)} × ${m}`),
		'n8n execution: stoppedAt − startedAt of the run (Code node included); process wall: the whole `n8n execute` process (start-up, run, printing the run).',
	];
}

/** @param {BenchResult} b @returns {string[]} */
function targetLines(b) {
	const { targets } = b;
	const big = biggest(b.sizes);
	const slope = targets.memory ? targets.memory.slope10kTo100k : null;
	const lines = ['', 'Targets'];
	if (targets.ratioAt100k)
		lines.push(
			`  node time ≤ ${TARGETS.ratioAt100k}× JSON.stringify at 100,000 rows: ${targets.ratioAt100k.value}× → ${targets.ratioAt100k.met ? 'met' : 'MISSED'}`,
		);
	if (targets.memory) {
		lines.push(
			`  peak memory < ${TARGETS.memoryRatio}× the rows, linear: (peak − baseline)/rows heap at ${fmtInt(big.rows)} rows ${targets.memory.value}× (processing alone ${targets.memory.processingOnly}×)${slope !== null ? `, slope from 10,000 to ${fmtInt(big.rows)} rows ${slope}× rows heap per row` : ''} → ${targets.memory.met ? 'met' : 'MISSED'}`,
			`    of which the rows themselves ${fmt((big.rowsRssMb - big.baselineRssMb) / big.inputRowsMb, 2)}× (RSS growth while they were made), processing and sending ${targets.memory.addedByNode}×; the result the node keeps is ${targets.memory.resultKeptVsRows}× the rows; without V8's young-generation growth (${fmt(big.youngGenGrowthMb)} MB, fixed) ${targets.memory.excludingYoungGeneration}×`,
		);
	}
	if (targets.rowsPerCall)
		lines.push(
			`  ≥ ${TARGETS.rowsPerCall} rows per call: ${targets.rowsPerCall.values.join(', ')} → ${targets.rowsPerCall.met ? 'met' : 'MISSED'}`,
		);
	lines.push(`  every case file and obligation stored by the sandbox: ${targets.allStored ? 'yes' : 'NO'}`);
	lines.push(`total bench time ${fmt((Date.now() - b.started) / 1000, 1)} s`);
	return lines;
}

/** The tables for people. @param {BenchResult} b */
function reportText(b) {
	return [
		...headerLines(b),
		...timeLines(b.sizes),
		...memoryLines(b.sizes),
		...n8nLines(b.n8n),
		...targetLines(b),
	].join('\n');
}

/** One size in the JSON summary. @param {any} r */
function pickSize(r) {
	return {
		rows: r.rows,
		caseFiles: r.caseFiles,
		obligations: r.obligations,
		rowErrors: r.rowErrors,
		apiCalls: r.apiCalls,
		rowsPerCall: r.rowsPerCall,
		allStored: r.allStored,
		nodeMs: r.nodeMs,
		stringifyMs: r.stringifyMs,
		ratio: r.ratio,
		ratioOfMedians: r.ratioOfMedians,
		reps: r.reps,
		peakRssMb: r.peakRssMb,
		baselineRssMb: r.baselineRssMb,
		rowsRssMb: r.rowsRssMb,
		peakProcessRssMb: r.peakProcessRssMb,
		inputRowsMb: r.inputRowsMb,
		memoryRatio: r.memoryRatio,
		processMemoryRatio: r.processMemoryRatio,
		memoryRatioExclYoungGen: r.memoryRatioExclYoungGen,
		youngGenGrowthMb: r.youngGenGrowthMb,
		retainedMb: r.retainedMb,
		peakRssAllPhasesMb: r.peakRssAllPhasesMb,
		bodyMb: round(r.bodyBytes / MB, 2),
		sendMs: r.sendMs,
	};
}

/** One real-n8n flow in the JSON summary. @param {any} f */
function pickFlow(f) {
	const out = {
		status: f.status,
		executionMs: f.executionMs,
		nodeExecutionMs: f.nodeExecutionMs,
		processWallMs: f.processWallMs,
		calls: f.calls,
		acceptedCalls: f.acceptedCalls,
		rejected: f.rejected,
		storedCaseFiles: f.storedCaseFiles,
		storedObligations: f.storedObligations,
		inputRows: f.inputRows,
		sameRows: f.sameRowsAsInProcess,
		runReadFrom: f.source,
		outputItems: f.outputItems,
	};
	if (f.inserted !== undefined) Object.assign(out, { inserted: f.inserted, failed: f.failed, notSent: f.notSent });
	if (f.errorItems !== undefined)
		Object.assign(out, {
			errorItems: f.errorItems,
			answered200: f.accepted200,
			refusedByValidation: f.caseFileRefusedByValidation,
		});
	return out;
}

/** The JSON summary line. @param {BenchResult} b */
function summaryJson(b) {
	const big = biggest(b.sizes);
	const { n8n } = b;
	return JSON.stringify({
		bench: 'wolkvox-bulk-collections',
		version: 1,
		date: new Date().toISOString(),
		node: process.version,
		cpus: os.cpus().length,
		loadavg: os.loadavg().map((x) => round(x, 2)),
		latencyMs: b.args.latency,
		batchSize: DEFAULT_BATCH,
		client: b.args.client,
		seed: b.args.seed,
		dist: b.buildState,
		...(big
			? {
					rows: big.rows,
					caseFiles: big.caseFiles,
					apiCalls: big.apiCalls,
					rowsPerCall: big.rowsPerCall,
					nodeMs: big.nodeMs,
					stringifyMs: big.stringifyMs,
					ratio: big.ratio,
					peakRssMb: big.peakRssMb,
					inputRowsMb: big.inputRowsMb,
					memoryRatio: big.memoryRatio,
				}
			: {}),
		sizes: b.sizes.map(pickSize),
		n8n:
			n8n && !n8n.error
				? { version: n8n.n8nVersion, rows: n8n.rows, latencyMs: n8n.latencyMs, node: pickFlow(n8n.node), diy: pickFlow(n8n.diy) }
				: n8n,
		targets: b.targets,
	});
}

module.exports = { targetsOf, reportText, summaryJson };
