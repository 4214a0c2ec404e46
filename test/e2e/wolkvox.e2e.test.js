'use strict';
/**
 * Real-n8n end-to-end suite: the packed package, installed into a fresh n8n 2.8.4 user folder exactly
 * like a community package, runs the fixture workflows (test/e2e/workflows) against the wolkvox sandbox.
 * All workflows run in one `n8n execute-batch` process; each run's sandbox calls are found by time window.
 *
 * Needs: `npm run build` (dist/) and `node scripts/ensure-n8n.js` (the cached n8n). Run with
 * `jest -c jest.e2e.config.js` (the unit config ignores test/e2e).
 * Env: WOLKVOX_E2E_TARBALL=<tgz> tests that tarball instead of packing; WOLKVOX_E2E_VERBOSE=1 prints step timings;
 * WOLKVOX_E2E_KEEP=1 keeps the n8n user folder.
 */

const path = require('path');
const h = require('../../scripts/lib/n8n');
const fx = require('./fixtures');
const { startSandbox } = require('../sandbox/server.js');

const REPO = path.resolve(__dirname, '../..');
const HEX24 = /^[0-9a-f]{24}$/;

jest.setTimeout(600000);
h.setLogger(process.env.WOLKVOX_E2E_VERBOSE === '1' ? (l) => process.stderr.write(l + '\n') : () => {});

/** @type {any} */ let sb;
/** @type {Record<string, import('../../scripts/lib/n8n').ExecResult>} */ let runs = {};
/** @type {ReturnType<typeof fx.loadWorkflows>} */ let fixtures;

beforeAll(async () => {
	const t0 = Date.now();
	// WOLKVOX_E2E_TARBALL: test an already packed tarball (e.g. the CI artifact) instead of packing dist/.
	const tarball = process.env.WOLKVOX_E2E_TARBALL
		? path.resolve(process.env.WOLKVOX_E2E_TARBALL)
		: await h.packPackage(REPO);
	sb = await startSandbox({ latencyMs: 2 });
	const uf = await h.createUserFolder({ tarball });
	fixtures = fx.loadWorkflows();
	await h.importCredentials(uf, fx.sandboxCredentials(sb.url));
	await h.importWorkflows(
		uf,
		fixtures.map((f) => f.workflow),
	);
	runs = await h.executeBatch(
		uf,
		fixtures.map((f) => f.id),
	);
	process.stderr.write(
		`[e2e] pack + install + import + ${fixtures.length} runs: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
	);
});

afterAll(async () => {
	if (sb) await sb.close();
	h.cleanup(); // kills any n8n still running and removes the temp folders (jest skips exit hooks)
});

/** The run of a fixture, with a readable failure when it did not run as expected. */
function runOf(id, expectedStatus = 'success') {
	const r = runs[id];
	if (!r) throw new Error(`no run for ${id}`);
	if (r.status !== expectedStatus) {
		throw new Error(
			`${id}: status ${r.status}, expected ${expectedStatus}; error ${JSON.stringify(r.error)}\n${r.stdoutTail}`,
		);
	}
	return r;
}

/** Sandbox API calls made while the run's Wolkvox CRM node was executing. */
function callsOf(run, pathEnd) {
	const w = h.nodeWindow(run, fx.NODE_NAME);
	if (!w) throw new Error(`${run.workflowId}: the ${fx.NODE_NAME} node did not run`);
	return sb
		.requests({})
		.filter((q) => q.startedAt >= w.start - 2 && q.startedAt <= w.end + 2)
		.filter((q) => !pathEnd || q.path.endsWith(pathEnd));
}

const pairs = (run, output = 0) => h.rawItemsOf(run, fx.NODE_NAME, output).map((i) => i.pairedItem);

describe('the package as n8n loads it', () => {
	test('every fixture workflow ran (no load failure, no unknown node type)', () => {
		for (const f of fixtures) {
			const r = runs[f.id];
			expect({ id: f.id, loadErrors: r.loadErrors }).toEqual({ id: f.id, loadErrors: [] });
			expect(String(r.error && r.error.message)).not.toMatch(/Unrecognized node type/);
		}
	});

	test('no token ever shows in outputs or errors', () => {
		const all = JSON.stringify(Object.values(runs).map((r) => [r.runData[fx.NODE_NAME], r.error]));
		expect(all).not.toContain(fx.SANDBOX_TOKEN);
		expect(all).not.toContain('not-a-known-token');
	});
});

describe('Record → Create', () => {
	test('field by field: one record per item, typed values, operation in the body', () => {
		const run = runOf('wvE2eRecordField');
		const items = h.itemsOf(run, fx.NODE_NAME);
		expect(items).toHaveLength(3);
		for (const it of items) expect(it.wolkvox_id).toMatch(HEX24);
		expect(pairs(run)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const calls = callsOf(run, 'custom/insert.php');
		expect(calls).toHaveLength(3);
		expect(calls.every((c) => c.status === 200)).toBe(true);
		const ana = calls.map((c) => c.body).find((b) => b.fields.namecontact === 'Ana Pérez');
		expect(ana).toMatchObject({
			operation: fx.SANDBOX_OPERATION,
			module: 'contacts',
			fields: {
				emailcontact: 'ana@example.com',
				telephonecontact: { type: 'telephone', value: '3001234567', country: 'Colombia', code: '57' },
				Address: { type: 'address', value: 'Calle 145a #12-60' },
				'Credit Limit': { type: 'currency', symbol: 'COP' },
				VIP: true,
			},
		});
		expect(Number(ana.fields['Credit Limit'].value)).toBeCloseTo(1750905.5);
	});

	test('JSON fields into a custom module', () => {
		const run = runOf('wvE2eRecordJson1');
		expect(h.itemsOf(run, fx.NODE_NAME).map((i) => HEX24.test(i.wolkvox_id))).toEqual([true, true]);
		const bodies = callsOf(run, 'custom/insert.php').map((c) => c.body);
		expect(bodies.map((b) => b.module)).toEqual(['my_products', 'my_products']);
		expect(bodies.map((b) => b.fields.sku).sort()).toEqual(['SKU-1', 'SKU-2']);
		expect(bodies[0].fields.price).toMatchObject({ type: 'currency', symbol: 'USD' });
	});

	test('an invalid item goes to the error output, the others are created (On Error: continue)', () => {
		const run = runOf('wvE2eRecordCont1');
		expect(pairs(run, 0)).toEqual([{ item: 0 }, { item: 2 }]);
		const errors = h.rawItemsOf(run, fx.NODE_NAME, 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		// n8n's error output carries the input item's fields plus `error` (and `message`).
		expect(errors[0].json.error).toMatch(/fields\.Address.*\[item 1\]/);
		expect(errors[0].json.fields.namecontact).toBe('Bad Typed Value');
		// Refused before sending: only items 0 and 2 reached the sandbox.
		expect(
			callsOf(run, 'custom/insert.php')
				.map((c) => c.body.fields.namecontact)
				.sort(),
		).toEqual(['Ana Pérez', 'Carla Gómez']);
	});

	test('a wrong token fails the run with the vendor message, and nothing is stored', () => {
		const run = runOf('wvE2eBadToken001', 'error');
		expect(run.error.message).toMatch(/PLEASE VALIDATE TOKEN/);
		expect(run.error.message).toMatch(/\[item 0\]/);
		expect(run.error.description).toMatch(/Token/);
		// One call at a time: the first refusal stops the node, the second item is never sent.
		expect(callsOf(run, 'custom/insert.php').map((c) => c.status)).toEqual([403]);
	});
});

describe('Task → Create', () => {
	test('dates in the workflow time zone, remember as a boolean, reminder only when on', () => {
		const run = runOf('wvE2eTaskCreate1');
		expect(h.itemsOf(run, fx.NODE_NAME)).toHaveLength(3);
		const bodies = callsOf(run, 'custom/insert.php').map((c) => c.body);
		const byName = Object.fromEntries(bodies.map((b) => [b.fields.name, b]));
		expect(byName['Call back Ana']).toMatchObject({
			module: 'wolkvox_activities',
			type: 'task',
			fields: {
				priority: 'high',
				name_module: 'cases',
				id_record: '64dcf0a1b2c3d4e5f6a7b8c9',
				wolkvox_owner: 'ADMIN_@demo',
				completion_date: '2026-12-01 15:00:00',
				remember: true,
				reminder_date: '2026-12-01 09:00:00',
			},
		});
		expect(byName['Call back Bruno'].fields.remember).toBe(false);
		expect(byName['Call back Carla'].fields.priority).toBe('low');
	});
});

describe('Obligation → Create', () => {
	test('amounts in both number formats, dates as YYYY-MM-DD, custom form field', () => {
		const run = runOf('wvE2eObligation1');
		expect(h.itemsOf(run, fx.NODE_NAME)).toHaveLength(3);
		const bodies = callsOf(run, 'collections/insertObligation.php').map((c) => c.body);
		const byId = Object.fromEntries(bodies.map((b) => [b.fields.id, b]));
		expect(Number(byId['OBL-0001'].fields.total_balance)).toBeCloseTo(1234567.89);
		expect(Number(byId['OBL-0002'].fields.total_balance)).toBe(2500);
		expect(Number(byId['OBL-0003'].fields.total_balance)).toBeCloseTo(1234.5);
		expect(byId['OBL-0001']).toMatchObject({
			wolkvox_id: '64dcf0a1b2c3d4e5f6a7b8c9',
			fields: {
				name: 'Loan 0001',
				expiring_date: '2026-12-15',
				portfolio_type: 'Consumer',
				form: [{ name: 'Frequency', value: 'Monthly' }],
			},
		});
		expect(Number(byId['OBL-0003'].fields.days_delay)).toBe(45);
	});
});

describe('Gestion → Create', () => {
	test('typification sent in both spellings, module collections', () => {
		const run = runOf('wvE2eGestion0001');
		expect(h.itemsOf(run, fx.NODE_NAME)).toHaveLength(2);
		const body = callsOf(run, 'collections/insertGestion.php')
			.map((c) => c.body)
			.find((b) => b.fields.tipifycation_code === 'PP01');
		expect(body.fields).toMatchObject({
			tipifycation_desc: 'Promise to pay',
			tipification_code: 'PP01',
			tipification_description: 'Promise to pay',
			module: 'collections',
			wolkvox_idRecord: '64dcf0a1b2c3d4e5f6a7b8c9',
			agent_name: 'Laura',
			obligation: 'OBL-0001',
		});
	});
});

describe('Bulk Collections → Upload', () => {
	test('flat rows become case files, 2 per call, each paired to its rows, plus a summary', () => {
		const run = runOf('wvE2eBulkRows001');
		const out = h.rawItemsOf(run, fx.NODE_NAME);
		const caseFiles = out.filter((i) => !i.json.summary);
		expect(
			caseFiles.map((i) => [i.json.Identification, i.json.status, i.pairedItem.map((p) => p.item).sort()]),
		).toEqual(
			expect.arrayContaining([
				['1001', 'inserted', [0, 2]],
				['1002', 'inserted', [1, 4]],
				['1003', 'inserted', [3, 5, 6]],
			]),
		);
		expect(out.find((i) => i.json.summary).json).toMatchObject({ calls: 2, caseFiles: 3, inserted: 3, failed: 0 });
		const calls = callsOf(run, 'massiveCollections.php');
		expect(calls.map((c) => c.body.collections.length)).toEqual([2, 1]);
		const ana = calls.flatMap((c) => c.body.collections).find((c) => c.Identification === '1001');
		expect(ana.Obligations.map((o) => [o.id, o.expiring_date])).toEqual([
			['OBL-1', '2026-12-15'],
			['OBL-3', '2027-02-01'],
		]);
		expect(Number(ana.Obligations[0].total_balance)).toBe(1500000);
	});

	test('dry run: the request bodies, and no call', () => {
		const run = runOf('wvE2eBulkDryRun1');
		const out = h.itemsOf(run, fx.NODE_NAME);
		expect(out.map((i) => [i.dryRun, i.body.collections.length])).toEqual([
			[true, 2],
			[true, 1],
		]);
		expect(callsOf(run)).toHaveLength(0);
	});

	test('an invalid row goes to the error output and is never sent; the valid ones are', () => {
		const run = runOf('wvE2eBulkContin1');
		const errors = h.rawItemsOf(run, fx.NODE_NAME, 1);
		expect(errors.map((e) => e.pairedItem)).toEqual([{ item: 1 }]);
		expect(errors[0].json.error).toMatch(/Email/);
		expect(h.itemsOf(run, fx.NODE_NAME, 0).map((i) => [i.Identification, i.status])).toEqual([
			['1001', 'inserted'],
			['1003', 'inserted'],
		]);
		const sent = callsOf(run, 'massiveCollections.php').flatMap((c) => c.body.collections.map((x) => x.Identification));
		expect(sent.sort()).toEqual(['1001', '1003']);
	});
});
