'use strict';
/**
 * Reading an n8n user folder's sqlite database directly (no n8n start-up), with n8n's own sqlite3 under the cached
 * n8n's Node.js: the stored runs of workflows, and read-only queries.
 */

const fs = require('fs');
const path = require('path');
const { asFolder, runtime } = require('./n8nCli');
const { run } = require('./processes');

/** @typedef {import('./n8nCli').UserFolder} UserFolder */

/**
 * Child-process script for readExecutions: reads the newest execution of each workflow id from the
 * user folder's sqlite DB with n8n's own sqlite3 + flatted, and prints `{ [workflowId]: IRun|null }`
 * as cycle-free JSON (errors reduced to plain fields).
 */
const READ_EXECUTION_SCRIPT = `
const [dbPath, idsCsv, notBefore] = process.argv.slice(1);
const ids = idsCsv.split(',');
const from = { paths: [process.cwd() + '/node_modules/n8n', process.cwd()] };
const sqlite3 = require(require.resolve('sqlite3', from));
const flatted = require(require.resolve('flatted', from));
const pickError = (e) => {
  if (!e || typeof e !== 'object') return e;
  const out = {};
  for (const k of ['name', 'message', 'description', 'httpCode', 'level', 'messages', 'timestamp', 'stack']) if (e[k] !== undefined) out[k] = e[k];
  if (e.node && typeof e.node === 'object') out.node = { name: e.node.name, type: e.node.type };
  if (e.cause && typeof e.cause === 'object') out.cause = { name: e.cause.name, message: e.cause.message, code: e.cause.code };
  if (e.context && typeof e.context === 'object' && e.context.itemIndex !== undefined) out.context = { itemIndex: e.context.itemIndex };
  return out;
};
// flatted restores shared references (an input item reused in an error item): copy those, and cut
// only true cycles (ancestor references).
const decycle = (v, ancestors) => {
  if (!v || typeof v !== 'object') return v;
  if (ancestors.has(v)) return '[Circular]';
  ancestors.add(v);
  const out = Array.isArray(v) ? v.map((x) => decycle(x, ancestors)) : {};
  if (!Array.isArray(v)) for (const k of Object.keys(v)) out[k] = decycle(v[k], ancestors);
  ancestors.delete(v);
  return out;
};
const db = new sqlite3.Database(dbPath);
const result = {};
let pending = ids.length;
for (const workflowId of ids) {
  db.get(
    'select e.id, e.status, e.finished, e.mode, e.startedAt, e.stoppedAt, d.data from execution_entity e ' +
      'join execution_data d on d.executionId = e.id where e.workflowId = ? and e.createdAt >= ? order by e.id desc limit 1',
    [workflowId, notBefore || '0000'],
    (err, row) => {
      if (err) { console.error(err.message); process.exit(2); }
      if (row) {
        const data = flatted.parse(row.data);
        const rd = (data && data.resultData) || {};
        if (rd.error) rd.error = pickError(rd.error);
        for (const tasks of Object.values(rd.runData || {})) for (const t of tasks || []) if (t && t.error) t.error = pickError(t.error);
        result[workflowId] = { id: row.id, data, status: row.status, finished: !!row.finished, mode: row.mode,
          startedAt: row.startedAt, stoppedAt: row.stoppedAt, storedAt: 'db' };
      } else result[workflowId] = null;
      if (--pending === 0) {
        db.close();
        process.stdout.write(JSON.stringify(decycle(result, new Set())) + '\\n');
      }
    },
  );
}
`;

/** @param {number} ms epoch ms @returns {string} sqlite's createdAt format (UTC 'YYYY-MM-DD HH:MM:SS.SSS') */
function sqliteTime(ms) {
	return new Date(Math.max(0, ms)).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Reads the newest stored execution of each workflow straight from `<folder>/.n8n/database.sqlite`
 * (IRun-shaped, errors reduced to plain fields, `storedAt: 'db'`).
 * @param {UserFolder|string} f
 * @param {string[]} workflowIds
 * @param {number} [notBeforeMs] ignore executions created before this epoch-ms time
 * @returns {Promise<Record<string, any|null>>}
 */
async function readExecutions(f, workflowIds, notBeforeMs = 0) {
	const uf = asFolder(f);
	const dbPath = path.join(uf.folder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbPath)) return Object.fromEntries(workflowIds.map((id) => [id, null]));
	// n8n's sqlite3 is built for the target's Node.js: load it there.
	const r = await run(
		runtime().nodeBin,
		['-e', READ_EXECUTION_SCRIPT, dbPath, workflowIds.join(','), sqliteTime(notBeforeMs - 1000)],
		{ cwd: runtime().cacheDir, timeoutMs: 120000, maxBuffer: 512 * 1024 * 1024 },
	);
	if (r.rc !== 0) throw new Error(`reading executions from ${dbPath} failed: ${r.stderr}`);
	return JSON.parse(r.stdout);
}

/**
 * The newest stored execution of one workflow (see readExecutions). Used when `execute --rawOutput`
 * prints no JSON: n8n 2.8.4 crashes with "Converting circular structure to JSON" when a node throws
 * a raw HTTP client error (e.g. from `this.helpers.httpRequest`), but the run is still in the DB.
 * @param {UserFolder|string} f
 * @param {string} workflowId
 * @param {number} [notBeforeMs]
 * @returns {Promise<any|null>}
 */
async function readLastExecution(f, workflowId, notBeforeMs = 0) {
	return (await readExecutions(f, [workflowId], notBeforeMs))[workflowId];
}

const QUERY_SCRIPT = `
const [dbPath, sql, paramsJson] = process.argv.slice(1);
const from = { paths: [process.cwd() + '/node_modules/n8n', process.cwd()] };
const sqlite3 = require(require.resolve('sqlite3', from));
const db = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY);
db.all(sql, JSON.parse(paramsJson), (err, rows) => {
  if (err) { console.error(err.message); process.exit(2); }
  db.close();
  process.stdout.write(JSON.stringify(rows) + '\\n');
});
`;

/**
 * Runs one read-only SQL query against `<folder>/.n8n/database.sqlite` with n8n's own sqlite3 (~0.2 s, no n8n
 * start-up). Returns [] when the database does not exist yet. For checks such as "is this credential still
 * there": `queryDb(f, 'select id, updatedAt from credentials_entity where id = ?', [id])`.
 * @param {UserFolder|string} f
 * @param {string} sql
 * @param {unknown[]} [params]
 * @returns {Promise<any[]>}
 */
async function queryDb(f, sql, params = []) {
	const uf = asFolder(f);
	const dbPath = path.join(uf.folder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbPath)) return [];
	const r = await run(runtime().nodeBin, ['-e', QUERY_SCRIPT, dbPath, sql, JSON.stringify(params)], {
		cwd: runtime().cacheDir,
		timeoutMs: 60000,
	});
	if (r.rc !== 0) throw new Error(`query on ${dbPath} failed: ${r.stderr.trim()}`);
	return JSON.parse(r.stdout);
}

module.exports = { readExecutions, readLastExecution, queryDb };
