'use strict';
/**
 * Credentials and workflows into n8n (`n8n import:*`), workflows run headlessly (`n8n execute`, `n8n
 * execute-batch`), and what a run did: its status, error and each node's output items.
 */

const fs = require('fs');
const path = require('path');
const { readExecutions, readLastExecution } = require('./database');
const { asFolder, n8nCli } = require('./n8nCli');
const { log, secs, makeTempDir, tail } = require('./processes');

/** @typedef {import('./n8nCli').UserFolder} UserFolder */

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

module.exports = {
	importCredentials,
	importWorkflows,
	parseRawOutput,
	execute,
	executeBatch,
	itemsOf,
	rawItemsOf,
	nodeWindow,
	nodeError,
};
