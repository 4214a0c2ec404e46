'use strict';
/**
 * The node in n8n's queue mode: `n8n start` and 3 `n8n worker` processes (redis-server and PostgreSQL started by
 * the harness on loopback ports of their own), the packed package installed in every user folder, one credential
 * (one token) shared by every execution, against the wolkvox sandbox with its rule of 2 calls in flight per token.
 * Each worker paces its own calls; a third call in flight, from another worker, is refused by the sandbox and must
 * be waited out by the node, so that every execution succeeds, nothing is stored twice and nothing is lost.
 *
 * Needs: `npm run build` (dist/), the cached n8n of the newest leg (`node scripts/ensure-n8n.js`), redis-server
 * (Debian: apt-get install -y redis-server) and PostgreSQL 15. Run with `npm run test:queue`.
 * Env: WOLKVOX_E2E_VERBOSE=1 prints the harness's steps; WOLKVOX_E2E_KEEP=1 keeps the temp folders (logs).
 */

const path = require('path');
const h = require('../../harness/n8n/runner');
const { startQueueScenario, contactBodies, portfolioBody } = require('../../harness/queue/scenario');
const { fireWebhooks, sandboxFigures, duplicates, executionsPerWorker } = require('../../harness/queue/burst');

const REPO = path.resolve(__dirname, '../..');
const HEX24 = /^[0-9a-f]{24}$/;
const WORKERS = 3;
const BURST = 30;
// Long enough that calls from different workers overlap, as they do against the real server.
const LATENCY_MS = 100;
// Whether calls of different workers meet depends on timing; a few refusals are injected besides (answered as if
// another process held the token's slots), so that every run makes the node wait some out.
const INJECTED_ITEM_REFUSALS = 5;
const INJECTED_BULK_REFUSALS = 2;

h.setLogger(process.env.WOLKVOX_E2E_VERBOSE === '1' ? (l) => process.stderr.write(l + '\n') : () => {});

/** @type {import('../../harness/queue/scenario').QueueScenario} */
let s;

beforeAll(async () => {
	const t0 = Date.now();
	s = await startQueueScenario({ repo: REPO, workers: WORKERS, latencyMs: LATENCY_MS, bulkBatchSize: 25 });
	process.stderr.write(`[queue] main + ${WORKERS} workers ready: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
});

afterAll(async () => {
	if (s) await s.stop();
	h.cleanup(); // jest skips exit hooks: kill anything left and remove the temp folders
});

/** The highest execution id so far, to tell a burst's executions from earlier ones. */
async function lastExecutionId() {
	return Number((await s.cluster.pg.query('SELECT coalesce(max(id), 0) FROM execution_entity')).trim());
}

/**
 * The executions of a workflow after an id, once n8n has recorded how each ended: a webhook can answer a moment
 * before the worker's final status reaches the database.
 * @param {string} workflowId
 * @param {number} afterId
 * @param {number} expected how many executions there should be
 * @returns {Promise<Array<{status: string, data: string}>>}
 */
async function finishedExecutions(workflowId, afterId, expected) {
	const sql = `SELECT e.status || '|' || replace(coalesce(d.data, ''), E'\\n', ' ') FROM execution_entity e
		LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = '${workflowId}' AND e.id > ${afterId}`;
	const deadline = Date.now() + 60000;
	for (;;) {
		const rows = (await s.cluster.pg.query(sql))
			.split('\n')
			.filter(Boolean)
			.map((l) => ({ status: l.slice(0, l.indexOf('|')), data: l.slice(l.indexOf('|') + 1) }));
		const running = rows.filter((r) => r.status === 'new' || r.status === 'running');
		if ((rows.length >= expected && !running.length) || Date.now() > deadline) return rows;
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * How n8n recorded the executions of a workflow after an id: status → count.
 * @param {string} workflowId
 * @param {number} afterId
 * @param {number} expected
 */
async function executionStatuses(workflowId, afterId, expected) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const r of await finishedExecutions(workflowId, afterId, expected)) counts[r.status] = (counts[r.status] || 0) + 1;
	return counts;
}

/** Stored contacts whose idcontact starts with the burst's label. */
function contactsOf(label) {
	const records = s.sandbox.store({ module: 'contacts', limit: 100000 }).records.contacts || [];
	return records.filter((r) => String(r.idcontact).startsWith(`${label}-`));
}

describe(`a burst of ${BURST} webhook executions at once, one token, ${WORKERS} workers`, () => {
	const label = 'BURST';
	const bodies = contactBodies(label, BURST);
	/** @type {Awaited<ReturnType<typeof fireWebhooks>>} */
	let burst;
	/** @type {ReturnType<typeof sandboxFigures>} */
	let seen;
	let before = 0;
	/** @type {Record<string, number>} */
	let startedBefore = {};

	let injected = 0;

	beforeAll(async () => {
		s.sandbox.reset();
		s.sandbox.configure({ fault: { mode: 'simultaneous', remaining: INJECTED_ITEM_REFUSALS, path: 'custom/insert.php' } });
		before = await lastExecutionId();
		startedBefore = executionsPerWorker(s.cluster.workers);
		burst = await fireWebhooks(s.itemUrl, bodies);
		injected = s.sandbox.stats().faultsApplied.simultaneous || 0;
		s.sandbox.configure({ fault: null });
		seen = sandboxFigures(s.sandbox, s.token);
		process.stderr.write(
			`[queue] burst of ${BURST}: ${burst.wallMs} ms; sandbox ${JSON.stringify(seen)}; executions per worker ${JSON.stringify(executionsPerWorker(s.cluster.workers))}\n`,
		);
	});

	test(`${BURST} of ${BURST} executions succeed, each answering with the id of the contact it created`, () => {
		const failed = burst.results.filter((r) => r.status !== 200 || !HEX24.test(String(r.body && r.body.wolkvox_id)));
		expect(failed).toEqual([]);
		expect(new Set(burst.results.map((r) => r.body.wolkvox_id)).size).toBe(BURST);
	});

	test('the sandbox never had more than 2 calls of the token in flight', () => {
		expect(seen.maxInFlight).toBeGreaterThan(0);
		expect(seen.maxInFlight).toBeLessThanOrEqual(2);
		expect(seen.peakFromLog).toBeLessThanOrEqual(2);
	});

	test('every contact is stored exactly once: none doubled, none lost', () => {
		const stored = contactsOf(label).map((r) => r.idcontact);
		expect(duplicates(stored)).toEqual([]);
		expect(stored.sort()).toEqual(bodies.map((b) => b.id).sort());
		const ids = burst.results.map((r) => r.body.wolkvox_id).sort();
		expect(contactsOf(label).map((r) => r.wolkvox_id).sort()).toEqual(ids);
	});

	test('calls spent as expected: one accepted insert per execution, every refusal waited out and sent again', () => {
		expect(injected).toBe(INJECTED_ITEM_REFUSALS);
		expect(seen.refusals).toBeGreaterThanOrEqual(INJECTED_ITEM_REFUSALS);
		expect(seen.byEndpoint).toEqual({ 'custom/insert.php': { accepted: BURST, refused: seen.refusals } });
		expect(seen.accepted).toBe(BURST);
		expect(seen.used).toBe(BURST);
	});

	test('each execution says how many refusals it waited out, and together they are the refusals the sandbox sent', () => {
		const counts = burst.results.map((r) => r.body.refusalsWaitedOut ?? 0);
		expect(counts.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(seen.refusals);
	});

	test(`n8n recorded ${BURST} successful executions, all run by the workers`, async () => {
		expect(await executionStatuses(s.itemWorkflowId, before, BURST)).toEqual({ success: BURST });
		const after = executionsPerWorker(s.cluster.workers);
		const ran = Object.keys(after).reduce((sum, w) => sum + after[w] - (startedBefore[w] || 0), 0);
		expect(ran).toBe(BURST);
	});
});

describe('a Bulk Collections upload while per-item executions run', () => {
	const label = 'MIXED';
	const CASE_FILES = 200;
	const OBLIGATIONS_EACH = 2;
	const BATCH = 25;
	/** @type {Awaited<ReturnType<typeof fireWebhooks>>} */
	let items;
	/** @type {Awaited<ReturnType<typeof fireWebhooks>>} */
	let bulk;
	/** @type {ReturnType<typeof sandboxFigures>} */
	let seen;
	let before = 0;

	beforeAll(async () => {
		s.sandbox.reset();
		s.sandbox.configure({
			fault: { mode: 'simultaneous', remaining: INJECTED_BULK_REFUSALS, path: 'collections/massiveCollections.php' },
		});
		before = await lastExecutionId();
		[bulk, items] = await Promise.all([
			fireWebhooks(s.bulkUrl, [portfolioBody('B', CASE_FILES, OBLIGATIONS_EACH)]),
			fireWebhooks(s.itemUrl, contactBodies(label, BURST)),
		]);
		s.sandbox.configure({ fault: null });
		seen = sandboxFigures(s.sandbox, s.token);
		process.stderr.write(
			`[queue] bulk ${bulk.wallMs} ms beside ${BURST} per-item executions ${items.wallMs} ms; sandbox ${JSON.stringify(seen)}\n`,
		);
	});

	test('the upload succeeds: every case file inserted, in the calls planned', () => {
		expect(bulk.results[0].status).toBe(200);
		const out = bulk.results[0].body;
		expect(Array.isArray(out)).toBe(true);
		const caseFiles = out.filter((i) => !i.summary);
		const summary = out.find((i) => i.summary);
		expect(caseFiles).toHaveLength(CASE_FILES);
		expect(caseFiles.filter((c) => c.status !== 'inserted')).toEqual([]);
		expect(summary).toMatchObject({
			rows: CASE_FILES * OBLIGATIONS_EACH,
			caseFiles: CASE_FILES,
			calls: CASE_FILES / BATCH,
			inserted: CASE_FILES,
			failed: 0,
			unconfirmed: 0,
			notSent: 0,
		});
	});

	test('the summary counts exactly the refusals the sandbox gave the upload', () => {
		const summary = bulk.results[0].body.find((i) => i.summary);
		const massive = seen.byEndpoint['collections/massiveCollections.php'];
		expect(massive.accepted).toBe(CASE_FILES / BATCH);
		expect(massive.refused).toBeGreaterThanOrEqual(INJECTED_BULK_REFUSALS);
		expect(summary.refusalsWaitedOut).toBe(massive.refused);
	});

	test('nothing lost or doubled: every case file and obligation stored once, every contact once', () => {
		const store = s.sandbox.store({ limit: 100000 });
		const caseFileIds = store.caseFiles.map((c) => c.Identification);
		expect(duplicates(caseFileIds)).toEqual([]);
		expect(caseFileIds).toHaveLength(CASE_FILES);
		expect(store.obligations).toHaveLength(CASE_FILES * OBLIGATIONS_EACH);
		const contacts = contactsOf(label).map((r) => r.idcontact);
		expect(duplicates(contacts)).toEqual([]);
		expect(contacts).toHaveLength(BURST);
	});

	test('the per-item executions all succeed beside it, and the token never had more than 2 calls in flight', async () => {
		expect(items.results.filter((r) => r.status !== 200 || !HEX24.test(String(r.body.wolkvox_id)))).toEqual([]);
		expect(seen.byEndpoint['custom/insert.php'].accepted).toBe(BURST);
		expect(seen.used).toBe(BURST + CASE_FILES / BATCH);
		expect(seen.maxInFlight).toBeLessThanOrEqual(2);
		expect(seen.peakFromLog).toBeLessThanOrEqual(2);
		expect(await executionStatuses(s.itemWorkflowId, before, BURST)).toEqual({ success: BURST });
		expect(await executionStatuses(s.bulkWorkflowId, before, 1)).toEqual({ success: 1 });
	});
});

describe('a worker without the package', () => {
	const label = 'BARE';
	const CALLS = 3;
	/** @type {Awaited<ReturnType<typeof fireWebhooks>>} */
	let burst;
	let before = 0;
	/** @type {import('../../harness/queue/worker').Worker} */
	let bare;

	beforeAll(async () => {
		// Only this worker takes jobs now.
		for (const w of [...s.cluster.workers]) await s.cluster.stopWorker(w);
		bare = await s.cluster.addWorker({ withPackage: false });
		s.sandbox.reset();
		before = await lastExecutionId();
		burst = await fireWebhooks(s.itemUrl, contactBodies(label, CALLS));
	});

	test('fails its jobs with "Unrecognized node type", and no call reaches wolkvox', async () => {
		expect(burst.results.filter((r) => r.status === 200)).toEqual([]);
		expect(s.sandbox.stats().totalRequests).toBe(0);
		const rows = await finishedExecutions(s.itemWorkflowId, before, CALLS);
		expect(rows).toHaveLength(CALLS);
		for (const row of rows) {
			expect(row.status).toBe('error');
			expect(row.data).toContain('Unrecognized node type: n8n-nodes-wolkvox.wolkvoxCrm');
		}
		expect(bare.hasPackage).toBe(false);
	});
});
