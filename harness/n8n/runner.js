'use strict';
/**
 * Real-n8n end-to-end harness: a pinned n8n from the cache made by ensureN8n.js, run under the Node.js
 * it needs (matrix.js: n8n 2.41.1 on Node.js 24 by default; WOLKVOX_N8N_VERSION=2.8.4 for the oldest).
 * Whatever Node.js runs this module, n8n and the helpers that load its native sqlite3 run under the target's.
 *
 * Flow: packPackage(repo) → createUserFolder({tarball}) → importCredentials / importWorkflows →
 * execute(folder, workflowId) → itemsOf(run, 'Node Name').
 * Or startEditor({folder}) for a real `n8n start` on 127.0.0.1 with an owner account.
 * queryDb(folder, sql) reads n8n's sqlite directly (no n8n start-up), e.g. to check a credential is still there.
 *
 * Every child process is spawned in its own process group, tracked, and killed (whole group)
 * on exit / SIGINT / SIGTERM (a caller that wants to stop n8n gracefully itself, like the demo, calls
 * setSignalHandling(false) and installs its own handlers). Temp folders made here are removed on exit unless
 * WOLKVOX_E2E_KEEP=1. Under jest, process 'exit' hooks of a test file do not run: call
 * `cleanup()` in afterAll. Step timings go to stderr (silence with WOLKVOX_E2E_QUIET=1, or pass
 * `log` to setLogger()).
 *
 * This file is the one entry to the runner; the work is in processes.js (children, temp folders, the step log),
 * n8nCli.js (one CLI command), userFolder.js (pack, install like n8n), execute.js (import, execute, read a run),
 * database.js (n8n's sqlite) and editor.js (`n8n start`).
 *
 * Plain CommonJS, runs with plain `node` (Node >= 20).
 */

const { readExecutions, readLastExecution, queryDb } = require('./database');
const { startEditor } = require('./editor');
const execution = require('./execute');
const { buildEnv, n8nCli } = require('./n8nCli');
const processes = require('./processes');
const { packPackage, tarballManifest, installLikeN8n, createUserFolder } = require('./userFolder');
const { N8N_VERSION } = require('./ensureN8n');

/**
 * @typedef {import('./n8nCli').UserFolder} UserFolder
 * @typedef {import('./processes').RunResult} RunResult
 * @typedef {import('./execute').CredentialFixture} CredentialFixture
 * @typedef {import('./execute').ExecResult} ExecResult
 * @typedef {import('./editor').Editor} Editor
 */

module.exports = {
	N8N_VERSION,
	packPackage,
	createUserFolder,
	buildEnv,
	importCredentials: execution.importCredentials,
	importWorkflows: execution.importWorkflows,
	execute: execution.execute,
	parseRawOutput: execution.parseRawOutput,
	readLastExecution,
	readExecutions,
	queryDb,
	executeBatch: execution.executeBatch,
	itemsOf: execution.itemsOf,
	rawItemsOf: execution.rawItemsOf,
	nodeError: execution.nodeError,
	nodeWindow: execution.nodeWindow,
	startEditor,
	n8nCli,
	freePort: processes.freePort,
	makeTempDir: processes.makeTempDir,
	killAll: processes.killAll,
	cleanup: processes.killAll,
	setLogger: processes.setLogger,
	setSignalHandling: processes.setSignalHandling,
	installLikeN8n,
	tarballManifest,
	run: processes.run,
};
