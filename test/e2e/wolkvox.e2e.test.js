'use strict';
/**
 * Real-n8n end-to-end suite: the packed package, installed into a fresh user folder of the matrix leg's n8n exactly
 * like a community package, runs the fixture workflows (test/e2e/workflows) against the wolkvox sandbox.
 * All workflows run in one `n8n execute-batch` process; each run's sandbox calls are found by time window.
 * Besides the fixtures, the batch runs demo/wolkvox-demo.workflow.json (npm run demo) so that CI keeps it working.
 * The time of each step (pack, install, import, execute-batch) and of each run is printed to stderr.
 *
 * Needs: `npm run build` (dist/) and `node scripts/ensure-n8n.js` (the cached n8n). Run with
 * `jest -c jest.e2e.config.js` (the unit config ignores test/e2e).
 * Env: WOLKVOX_E2E_TARBALL=<tgz> tests that tarball instead of packing; WOLKVOX_E2E_VERBOSE=1 prints step timings;
 * WOLKVOX_E2E_KEEP=1 keeps the n8n user folder.
 */

const fs = require('fs');
const path = require('path');
const h = require('../../harness/n8n/runner');
const fx = require('./fixtures');
const { startSandbox } = require('../../harness/sandbox/server.js');

const REPO = path.resolve(__dirname, '../..');
const HEX24 = /^[0-9a-f]{24}$/;

jest.setTimeout(600000);
h.setLogger(
	process.env.WOLKVOX_E2E_VERBOSE === '1' ? (l) => process.stderr.write(l + '\n') : () => {},
);

/** @type {any} */ let sb;
/** @type {any} */ let faultySb;
/** @type {Record<string, import('../../harness/n8n/runner').ExecResult>} */ let runs = {};
/** @type {ReturnType<typeof fx.loadWorkflows>} */ let fixtures;
/** @type {any} */ let userFolder;

const DEMO_FILE = path.join(REPO, 'demo', 'wolkvox-demo.workflow.json');
/**
 * The demo workflow (npm run demo), so that CI keeps it working: its credential swapped for the suite's sandbox
 * credential. The workflow finds the caller's case file itself (today's load in the same run holds it).
 */
function demoFixture() {
	const workflow = JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8'));
	for (const node of workflow.nodes) {
		if (node.credentials && node.credentials.wolkvoxApi)
			node.credentials.wolkvoxApi = { id: fx.CREDENTIAL_ID, name: fx.CREDENTIAL_NAME };
	}
	return { file: DEMO_FILE, id: workflow.id, name: workflow.name, notes: 'npm run demo', workflow };
}

/** The stored case file with this Identification. */
const caseFileOf = (identification) =>
	sb.store().caseFiles.find((c) => c.Identification === identification);

/** Wall time of each harness step, printed at the end of beforeAll (and kept for the summary line). */
const timings = [];
async function timed(label, fn) {
	const t = Date.now();
	const result = await fn();
	timings.push([label, Date.now() - t]);
	return result;
}

beforeAll(async () => {
	const t0 = Date.now();
	// WOLKVOX_E2E_TARBALL: test an already packed tarball (e.g. the CI artifact) instead of packing dist/.
	const tarball = process.env.WOLKVOX_E2E_TARBALL
		? path.resolve(process.env.WOLKVOX_E2E_TARBALL)
		: await timed('npm pack', () => h.packPackage(REPO));
	sb = await timed('start sandbox', () => startSandbox({ latencyMs: 2 }));
	// The fault fixtures' own sandbox: its first call is refused as during maintenance (not processed).
	faultySb = await startSandbox({
		latencyMs: 2,
		fault: {
			mode: 'status',
			status: 403,
			remaining: 1,
			body: {
				code: '403',
				error: 'null',
				msg: 'THE SERVICE IS UNDER MAINTENANCE, PLEASE TRY AGAIN LATER',
			},
		},
	});
	const uf = await timed('install package into n8n user folder', () =>
		h.createUserFolder({ tarball }),
	);
	userFolder = uf;
	fixtures = [...fx.loadWorkflows(), demoFixture()];
	await timed('n8n import:credentials', () =>
		h.importCredentials(uf, fx.sandboxCredentials(sb.url, { faultyUrl: faultySb.url })),
	);
	await timed(`n8n import:workflow (${fixtures.length})`, () =>
		h.importWorkflows(
			uf,
			fixtures.map((f) => f.workflow),
		),
	);
	await timed('load case files and contacts into the sandbox', () => fx.seedSandbox(sb));
	runs = await timed(`n8n execute-batch (${fixtures.length} workflows)`, () =>
		h.executeBatch(
			uf,
			fixtures.map((f) => f.id),
		),
	);
	const total = Date.now() - t0;
	const lines = timings.map(
		([label, ms]) => `  ${label.padEnd(40)} ${(ms / 1000).toFixed(2).padStart(7)} s`,
	);
	lines.push(`  ${'total'.padEnd(40)} ${(total / 1000).toFixed(2).padStart(7)} s`);
	lines.push('  runs inside execute-batch (n8n run time):');
	for (const f of fixtures)
		lines.push(`    ${f.id.padEnd(18)} ${String(runs[f.id].status).padEnd(8)} ${runs[f.id].ms} ms`);
	process.stderr.write(`[e2e] step timings\n${lines.join('\n')}\n`);
});

afterAll(async () => {
	if (sb) await sb.close();
	if (faultySb) await faultySb.close();
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
		const all = JSON.stringify(Object.values(runs).map((r) => [r.runData, r.error]));
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
				telephonecontact: {
					type: 'telephone',
					value: '3001234567',
					country: 'Colombia',
					code: '57',
				},
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
		const caseFiles = h.rawItemsOf(run, fx.NODE_NAME);
		expect(caseFiles.every((i) => i.json.summary === undefined)).toBe(true);
		expect(
			caseFiles.map((i) => [
				i.json.Identification,
				i.json.status,
				i.pairedItem.map((p) => p.item).sort(),
			]),
		).toEqual(
			expect.arrayContaining([
				['1001', 'inserted', [0, 2]],
				['1002', 'inserted', [1, 4]],
				['1003', 'inserted', [3, 5, 6]],
			]),
		);
		// The summary has an output of its own.
		expect(h.rawItemsOf(run, fx.NODE_NAME, 1).map((i) => i.json)).toEqual([
			expect.objectContaining({ summary: true, calls: 2, caseFiles: 3, inserted: 3, failed: 0 }),
		]);
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
		const sent = callsOf(run, 'massiveCollections.php').flatMap((c) =>
			c.body.collections.map((x) => x.Identification),
		);
		expect(sent.sort()).toEqual(['1001', '1003']);
	});
});

/** The input item indexes an output item is paired to (pairedItem may be a number, an object or a list). */
function pairedRows(item) {
	const p = item.pairedItem;
	if (p === undefined || p === null) return [];
	const list = Array.isArray(p) ? p : [p];
	return list.map((x) => (typeof x === 'number' ? x : x.item));
}

describe('Bulk Collections fed by a Set node with expressions', () => {
	test('Spanish sheet columns built by expressions are mapped automatically and coerced', () => {
		const run = runOf('wvE2eBulkSetExp1');
		// What the Set node produced (its expressions really ran per item).
		const sheet = h.itemsOf(run, 'Sheet Rows');
		expect(sheet).toHaveLength(6);
		expect(sheet[0]).toMatchObject({
			identificacion: '0000007012',
			nombre: 'Ana Pérez',
			correo: 'ana.perez@example.com',
			saldo_total: '1.234.567,89',
			fecha_vencimiento: '15/12/2026',
			dias_mora: 12,
		});
		const out = h.rawItemsOf(run, fx.NODE_NAME);
		expect(out.map((i) => [i.json.Identification, i.json.status, pairedRows(i)])).toEqual([
			['0000007012', 'inserted', [0, 2, 5]],
			['0088123456', 'inserted', [1, 4]],
			['0005550001', 'inserted', [3]],
		]);
		expect(h.rawItemsOf(run, fx.NODE_NAME, 1)[0].json).toMatchObject({
			summary: true,
			rows: 6,
			caseFiles: 3,
			calls: 1,
			inserted: 3,
		});

		const calls = callsOf(run, 'massiveCollections.php');
		expect(calls).toHaveLength(1);
		const [ana, bruno] = calls[0].body.collections;
		expect(ana).toMatchObject({
			Identification: '0000007012',
			Name: 'Ana Pérez',
			Email: 'ana.perez@example.com',
			Telephone: '3001234567',
			sucursal: 'Bogotá', // left-over column sent as a custom case-file field
		});
		expect(
			ana.Obligations.map((o) => [
				o.id,
				o.name,
				Number(o.total_balance),
				o.expiring_date,
				o.days_delay,
			]),
		).toEqual([
			['OBL-A1', 'Crédito libre inversión', 1234567.89, '2026-12-15', '12'],
			['OBL-A2', 'Tarjeta de crédito', 320000.5, '2027-02-01', '3'],
			['OBL-A3', 'Microcrédito', 7000, '2027-05-01', '0'],
		]);
		expect(Number(bruno.Obligations[1].total_balance)).toBe(45800000);
	});
});

describe('Bulk Collections: a few hundred case files', () => {
	const CASE_FILES = 350;
	const BATCH = 40;

	test('one output item per case file, each paired to its own input item', () => {
		const run = runOf('wvE2eBulkMany001');
		const out = h.rawItemsOf(run, fx.NODE_NAME);
		expect(out).toHaveLength(CASE_FILES);
		out.forEach((item, i) => {
			expect(pairedRows(item)).toEqual([i]);
			expect(item.json).toMatchObject({
				Identification: String(900000 + i).padStart(10, '0'),
				status: 'inserted',
				obligations: 1 + (i % 3),
				call: Math.floor(i / BATCH) + 1,
			});
		});
	});

	test('the sandbox got ceil(case files / batch size) calls holding every case file once', () => {
		const run = runOf('wvE2eBulkMany001');
		const calls = callsOf(run, 'massiveCollections.php');
		expect(calls).toHaveLength(Math.ceil(CASE_FILES / BATCH));
		expect(calls.every((c) => c.status === 200)).toBe(true);
		expect(calls.map((c) => c.body.collections.length)).toEqual([
			...Array(8).fill(BATCH),
			CASE_FILES - 8 * BATCH,
		]);
		const sent = calls.flatMap((c) => c.body.collections);
		const ids = sent.map((c) => c.Identification);
		expect(new Set(ids).size).toBe(CASE_FILES);
		expect(ids.sort()).toEqual(
			Array.from({ length: CASE_FILES }, (_, i) => String(900000 + i).padStart(10, '0')),
		);
		expect(sent.reduce((n, c) => n + c.Obligations.length, 0)).toBe(350 + 2 * 116 + 1 * 117); // 1,2,3,1,2,3…
		const c7 = sent.find((c) => c.Identification === '0000900007');
		expect(c7.Obligations.map((o) => [o.id, Number(o.total_balance), o.expiring_date])).toEqual([
			['OB-7-0', 157000, '2027-01-15'],
			['OB-7-1', 157037.5, '2027-02-15'],
		]);
	});

	test("a Set node after it reads $('Wolkvox CRM').item and $('Generate Case Files').item of the same case file", () => {
		const run = runOf('wvE2eBulkMany001');
		const checked = h.itemsOf(run, 'Check Pairing');
		expect(checked).toHaveLength(CASE_FILES);
		for (const c of checked) {
			expect(c.sourceId).toBe(c.ident);
			expect(c.status).toBe('inserted');
		}
		expect(checked[123]).toEqual({
			ident: '0000900123',
			status: 'inserted',
			call: 4,
			sourceId: '0000900123',
			sourceName: 'Cliente 123',
			sourceObligations: 1,
		});
	});
});

describe("paired items downstream of Wolkvox CRM ($('Wolkvox CRM').item)", () => {
	test("on the success output, each item sees its own created record and its own $('Code') item", () => {
		const run = runOf('wvE2eDownstream1');
		const created = h.itemsOf(run, fx.NODE_NAME, 0);
		const after = h.itemsOf(run, 'After Create');
		expect(after.map((a) => [a.x, a.name])).toEqual([
			['x-0', 'Ana Pérez'],
			['x-1', 'Bruno Díaz'],
			['x-3', 'Diego Ruiz'],
			['x-4', 'Elena Mora'],
		]);
		expect(after.map((a) => a.wolkvox_id)).toEqual(created.map((c) => c.wolkvox_id));
		for (const a of after) expect(a.wolkvox_id).toMatch(HEX24);
		// And the record stored under that id is the one created from that $('Code') item.
		const bodies = callsOf(run, 'custom/insert.php').map((c) => c.body);
		expect(bodies.map((b) => b.fields.external_ref).sort()).toEqual(['x-0', 'x-1', 'x-3', 'x-4']);
		const stored = sb.store({ module: 'contacts' }).records.contacts;
		for (const a of after)
			expect(stored.find((r) => r.wolkvox_id === a.wolkvox_id).external_ref).toBe(a.x);
	});

	test("after the error output, the item still resolves $('Code').item and $('Wolkvox CRM').item", () => {
		const run = runOf('wvE2eDownstream1');
		expect(h.itemsOf(run, 'After Error')).toEqual([
			{
				x: 'x-2',
				name: 'Carla Gómez',
				error: expect.stringMatching(/"Credit Limit".*"mucho".*\[item 2\]/),
			},
		]);
	});
});

describe('Bulk Collections at scale: a few thousand flat rows, mixed valid and invalid (nothing lost)', () => {
	/** Expected problems of a generated row (the sentinels the Code node writes), in the node's field names. */
	const problemsOf = (row) =>
		[
			row.correo === '' && /"Email" is required, but column "correo" is empty/,
			row.saldo_total === 'N/A' && /obligation "total_balance" \(column "saldo_total"\).*"N\/A"/,
			row.fecha_vencimiento === '31/02/2026' &&
				/obligation "expiring_date" \(column "fecha_vencimiento"\).*"31\/02\/2026"/,
			row.obligacion_id === '' &&
				/obligation "id" is required when .* is given, but column "obligacion_id" is empty/,
		].filter(Boolean);

	let run;
	let rows;
	let out0;
	let summaryOut;
	let out1;
	beforeAll(() => {
		run = runOf('wvE2eBulkMixed01');
		rows = h.itemsOf(run, 'Generate Rows');
		// Case Files, Summary, then the error output.
		out0 = h.rawItemsOf(run, fx.NODE_NAME, 0);
		summaryOut = h.rawItemsOf(run, fx.NODE_NAME, 1);
		out1 = h.rawItemsOf(run, fx.NODE_NAME, 2);
	});

	test('the input is a few thousand rows, some of them invalid', () => {
		expect(rows.length).toBeGreaterThanOrEqual(2000);
		const invalid = rows.filter((r) => problemsOf(r).length);
		expect(invalid.length).toBeGreaterThan(50);
		expect(invalid.length).toBeLessThan(rows.length / 10);
	});

	test('every input row appears in exactly one output or error item', () => {
		const seen = new Array(rows.length).fill(0);
		// The summary stands for the whole run, on its own output; the case files' output holds case files only.
		expect(summaryOut.map((item) => item.json.summary)).toEqual([true]);
		expect(out0.every((item) => item.json.summary === undefined)).toBe(true);
		for (const item of [...out0, ...out1]) for (const r of pairedRows(item)) seen[r]++;
		const wrong = seen.map((n, r) => [r, n]).filter(([, n]) => n !== 1);
		expect(wrong).toEqual([]);
	});

	test('the invalid rows, and only they, are on the error output, each naming its row and field', () => {
		const expected = rows.map((r, i) => [i, problemsOf(r)]).filter(([, p]) => p.length);
		expect(out1.map((e) => pairedRows(e))).toEqual(expected.map(([i]) => [i]));
		out1.forEach((e, k) => {
			const [i, patterns] = expected[k];
			expect(e.json.error).toMatch(new RegExp(`^Item ${i} \\(sheet row ${i + 2}\\): `));
			for (const p of patterns) expect(e.json.error).toMatch(p);
		});
	});

	test('the valid rows become one case file per customer, paired to exactly its valid rows, all inserted', () => {
		const validByCustomer = new Map();
		rows.forEach((r, i) => {
			if (problemsOf(r).length) return;
			if (!validByCustomer.has(r.identificacion)) validByCustomer.set(r.identificacion, []);
			validByCustomer.get(r.identificacion).push(i);
		});
		const caseFiles = out0;
		expect(caseFiles.map((c) => [c.json.Identification, pairedRows(c)])).toEqual([
			...validByCustomer,
		]);
		expect(caseFiles.every((c) => c.json.status === 'inserted')).toBe(true);
		caseFiles.forEach((c) => expect(c.json.obligations).toBe(pairedRows(c).length));
		const summary = summaryOut[0].json;
		expect(summary).toMatchObject({
			rows: rows.length,
			invalidRows: out1.length,
			caseFiles: validByCustomer.size,
			calls: Math.ceil(validByCustomer.size / 100),
			inserted: validByCustomer.size,
			failed: 0,
			notSent: 0,
		});
	});

	test('the sandbox received exactly the valid obligations, 100 case files per call, leading zeros kept', () => {
		const calls = callsOf(run, 'massiveCollections.php');
		const caseFiles = out0.length;
		expect(calls).toHaveLength(Math.ceil(caseFiles / 100));
		expect(calls.every((c) => c.status === 200 && c.response.summary.failed_count === 0)).toBe(
			true,
		);
		const sent = calls.flatMap((c) => c.body.collections);
		expect(sent).toHaveLength(caseFiles);
		const sentPairs = sent
			.flatMap((c) => c.Obligations.map((o) => `${c.Identification}/${o.id}`))
			.sort();
		const validPairs = rows
			.filter((r) => !problemsOf(r).length)
			.map((r) => `${r.identificacion}/${r.obligacion_id}`)
			.sort();
		expect(sentPairs).toEqual(validPairs);
		const zeroPadded = sent.find((c) => c.Identification === '004100000');
		expect(zeroPadded).toMatchObject({ Name: 'Ana Pérez Díaz', Email: 'cliente0@example.com' });
		for (const o of sent.flatMap((c) => c.Obligations)) {
			expect(o.expiring_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(o.total_balance).toMatch(/^\d+(\.\d+)?$/);
		}
	});

	test("downstream nodes resolve $('Generate Rows').item after the error output and $('Wolkvox CRM').item after the success output", () => {
		const invalid = h.itemsOf(run, 'Invalid Rows');
		expect(invalid).toHaveLength(out1.length);
		invalid.forEach((v, k) => {
			const row = pairedRows(out1[k])[0];
			expect(v).toEqual({
				sheetRow: row + 2,
				identificacion: rows[row].identificacion,
				error: out1[k].json.error,
			});
		});
		const loaded = h.itemsOf(run, 'Loaded');
		expect(loaded.map((l) => l.ident)).toEqual(out0.map((o) => o.json.Identification));
		expect(loaded.every((l) => l.status === 'inserted')).toBe(true);
	});
});

describe('the demo workflow (npm run demo)', () => {
	test('loads the portfolio in one call, routes the invalid row to "Rows to Fix", logs a gestion and a task', () => {
		const run = runOf('wvDemoWorkflow01');
		const rows = h.itemsOf(run, 'Portfolio Sheet');
		const caseFiles = h.rawItemsOf(run, 'Load Portfolio', 0);
		const summary = h.rawItemsOf(run, 'Load Portfolio', 1);
		const errors = h.rawItemsOf(run, 'Load Portfolio', 2);
		expect(summary.map((i) => [i.json.summary, i.json.caseFiles])).toEqual([[true, 7]]);
		expect(caseFiles.map((i) => i.json.status)).toEqual(Array(7).fill('inserted'));
		expect(caseFiles[0].json.Identification).toBe('0012345678');
		// Nothing lost: every sheet row is in one case file or on the error output.
		expect([...caseFiles, ...errors].flatMap(pairedRows).sort((a, b) => a - b)).toEqual(
			rows.map((_, i) => i),
		);
		expect(h.itemsOf(run, 'Rows to Fix')).toEqual([
			{
				sheet_row: 11,
				identificacion: '43111222',
				problem: expect.stringMatching(/saldo_total.*"pendiente"/),
			},
		]);
		// The caller's case file, found by her identification (today's load holds it).
		const found = h.itemsOf(run, 'Find Case File');
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({
			Identification: '1020304050',
			wolkvox_id: expect.stringMatching(HEX24),
		});
		const caseFileId = found[0].wolkvox_id;
		const gestion = h.itemsOf(run, 'Log Gestion');
		const task = h.itemsOf(run, 'Follow-up Task');
		expect(gestion[0].wolkvox_id).toMatch(HEX24);
		expect(task[0].wolkvox_id).toMatch(HEX24);

		const w = { start: run.startedAtMs - 2, end: run.stoppedAtMs + 2 };
		const calls = sb.requests({}).filter((q) => q.startedAt >= w.start && q.startedAt <= w.end);
		expect(calls.map((c) => c.path.replace(/^.*\/v2\//, '')).sort()).toEqual([
			'collections/insertGestion.php',
			'collections/massiveCollections.php',
			'custom/insert.php',
			'custom/query.php',
		]);
		expect(calls.find((c) => c.path.endsWith('custom/query.php')).body).toMatchObject({
			module: 'collections',
			field: 'Identification',
			value: '1020304050',
		});
		const taskBody = calls.find((c) => c.path.endsWith('custom/insert.php')).body;
		expect(taskBody.fields).toMatchObject({
			id_record: caseFileId,
			name_module: 'collections',
			remember: true,
		});
		expect(taskBody.fields.description).toContain(gestion[0].wolkvox_id);
		const gestionBody = calls.find((c) => c.path.endsWith('insertGestion.php')).body;
		expect(gestionBody.fields).toMatchObject({
			wolkvox_idRecord: caseFileId,
			tipifycation_code: 'PP',
		});
	});
});

describe('one workflow at a time with `n8n execute --id`, as a user runs it from the CLI', () => {
	test('a record fixture succeeds and a wrong token fails with rc 1 and the vendor message', async () => {
		const before = sb.requests({}).length;
		const ok = await h.execute(userFolder, 'wvE2eRecordField');
		expect([ok.rc, ok.status]).toEqual([0, 'success']);
		expect(h.itemsOf(ok, fx.NODE_NAME).every((i) => HEX24.test(i.wolkvox_id))).toBe(true);
		const bad = await h.execute(userFolder, 'wvE2eBadToken001');
		expect(bad.rc).toBe(1);
		expect(bad.status).toBe('error');
		expect(bad.error.message).toMatch(/PLEASE VALIDATE TOKEN/);
		expect(sb.requests({}).length).toBeGreaterThan(before);
	});
});

describe('Retry On Fail in a real n8n', () => {
	test('re-runs of the node never store an item twice', () => {
		const run = runOf('wvE2eRetryNoDup1');
		// The first call was refused; n8n re-ran the node; only that item was sent again.
		expect(h.rawItemsOf(run, fx.NODE_NAME, 1)).toHaveLength(0);
		expect(pairs(run)).toEqual(Array.from({ length: 20 }, (_, item) => ({ item })));
		const names = (faultySb.store().records.contacts || []).map((r) => r.namecontact).sort();
		expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `Retry ${i}`).sort());
		const calls = faultySb.requests({ path: 'custom/insert.php' });
		expect(calls).toHaveLength(21);
		expect(calls[0].status).toBe(403);
	});
});

/** Sandbox API calls made while a run was going (all of its Wolkvox CRM nodes). */
function callsOfRun(run, pathEnd) {
	return sb
		.requests({})
		.filter((q) => q.startedAt >= run.startedAtMs - 2 && q.startedAt <= run.stoppedAtMs + 2)
		.filter((q) => !pathEnd || q.path.endsWith(pathEnd));
}

describe('find a case file by Identification, log a gestion on it, then a follow-up task', () => {
	test('the gestion and the task land on the case file found, each item on its own', () => {
		const run = runOf('wvE2eFindGestTask');
		const ana = caseFileOf('0077000111');
		const bruno = caseFileOf('0077000222');
		expect(ana.wolkvox_id).toMatch(HEX24);
		expect(bruno.wolkvox_id).toMatch(HEX24);

		const found = h.rawItemsOf(run, 'Find Case File');
		expect(found.map((i) => [i.json.Identification, i.json.wolkvox_id, pairedRows(i)])).toEqual([
			['0077000111', ana.wolkvox_id, [0]],
			['0077000222', bruno.wolkvox_id, [1]],
		]);
		const gestiones = h.rawItemsOf(run, 'Log Gestion');
		const tasks = h.rawItemsOf(run, 'Follow-up Task');
		expect(gestiones.map(pairedRows)).toEqual([[0], [1]]);
		expect(tasks.map(pairedRows)).toEqual([[0], [1]]);
		for (const i of [...gestiones, ...tasks]) expect(i.json.wolkvox_id).toMatch(HEX24);

		const gestionBodies = callsOfRun(run, 'collections/insertGestion.php').map(
			(c) => c.body.fields,
		);
		expect(
			gestionBodies.map((f) => [f.wolkvox_idRecord, f.tipifycation_code, f.id_customer]),
		).toEqual([
			[ana.wolkvox_id, 'PP01', '0077000111'],
			[bruno.wolkvox_id, 'NC02', '0077000222'],
		]);
		expect(gestionBodies[0]).toMatchObject({ module: 'collections', agent_name: 'Laura' });
		const taskBodies = callsOfRun(run, 'custom/insert.php').map((c) => c.body);
		expect(
			taskBodies.map((b) => [
				b.module,
				b.type,
				b.fields.name,
				b.fields.name_module,
				b.fields.id_record,
			]),
		).toEqual([
			['wolkvox_activities', 'task', 'Follow up 0077000111', 'collections', ana.wolkvox_id],
			['wolkvox_activities', 'task', 'Follow up 0077000222', 'collections', bruno.wolkvox_id],
		]);
		// Each task names the gestion logged for the same customer.
		expect(taskBodies.map((b) => b.fields.description)).toEqual(
			gestiones.map((g) => `After gestion ${g.json.wolkvox_id}`),
		);
		expect(taskBodies[0].fields.completion_date).toBe('2026-12-10 10:00:00');
		const queries = callsOfRun(run, 'custom/query.php').map((c) => c.body);
		expect(queries).toEqual([
			{
				operation: fx.SANDBOX_OPERATION,
				module: 'collections',
				field: 'Identification',
				value: '0077000111',
			},
			{
				operation: fx.SANDBOX_OPERATION,
				module: 'collections',
				field: 'Identification',
				value: '0077000222',
			},
		]);

		// What the sandbox stored.
		const store = sb.store();
		const storedGestion = store.gestiones.find(
			(g) => g.wolkvox_id === gestiones[1].json.wolkvox_id,
		);
		expect(storedGestion).toMatchObject({
			wolkvox_idRecord: bruno.wolkvox_id,
			tipifycation_code: 'NC02',
		});
		const storedTask = store.records.wolkvox_activities.find(
			(t) => t.wolkvox_id === tasks[0].json.wolkvox_id,
		);
		expect(storedTask).toMatchObject({ id_record: ana.wolkvox_id, name_module: 'collections' });
	});
});

describe('Record → Create or Update: a sheet loaded twice', () => {
	const IDS = ['0012300456', '7788990011', '5544332211'];
	const mine = () => (sb.store().records.contacts || []).filter((r) => IDS.includes(r.idcontact));

	test('the first run creates the 3 contacts (2 calls per item), keeping the leading zeros', () => {
		const run = runOf('wvE2eUpsertSheet1');
		const out = h.rawItemsOf(run, fx.NODE_NAME);
		expect(out.map((o) => [o.json.action, pairedRows(o)])).toEqual([
			['created', [0]],
			['created', [1]],
			['created', [2]],
		]);
		const calls = callsOf(run).map((c) => c.path.replace(/^.*\/v2\//, ''));
		expect(calls.filter((p) => p === 'custom/query.php')).toHaveLength(3);
		expect(calls.filter((p) => p === 'custom/insert.php')).toHaveLength(3);
		expect(calls).toHaveLength(6);
		expect(callsOf(run, 'custom/insert.php').map((c) => c.body.fields.idcontact)).toEqual(IDS);
	});

	test('the second run updates all 3 and creates nothing: the sandbox holds exactly 3 of them', async () => {
		const first = runOf('wvE2eUpsertSheet1');
		const createdIds = h.itemsOf(first, fx.NODE_NAME).map((o) => o.wolkvox_id);
		const contactsBefore = (sb.store().records.contacts || []).length;
		const second = await h.execute(userFolder, 'wvE2eUpsertSheet1');
		expect([second.rc, second.status]).toEqual([0, 'success']);
		const out = h.rawItemsOf(second, fx.NODE_NAME);
		expect(out.map((o) => [o.json.action, o.json.wolkvox_id, pairedRows(o)])).toEqual([
			['updated', createdIds[0], [0]],
			['updated', createdIds[1], [1]],
			['updated', createdIds[2], [2]],
		]);
		const calls = callsOf(second);
		expect(calls.map((c) => c.path.replace(/^.*\/v2\//, '')).sort()).toEqual([
			...Array(3).fill('custom/query.php'),
			...Array(3).fill('custom/update.php'),
		]);
		expect(callsOf(second, 'custom/update.php').map((c) => c.body['wolkvox-id'])).toEqual(
			createdIds,
		);
		expect((sb.store().records.contacts || []).length).toBe(contactsBefore);
		expect(
			mine()
				.map((r) => [r.idcontact, r.wolkvox_id, r.namecontact])
				.sort(),
		).toEqual(
			[
				[IDS[0], createdIds[0], 'Ana Upsert'],
				[IDS[1], createdIds[1], 'Bruno Upsert'],
				[IDS[2], createdIds[2], 'Carla Upsert'],
			].sort(),
		);
		for (const r of mine()) expect(r.wolkvox_fecha_modificacion).toBeTruthy();
	});
});

describe('a payment: Obligation → Get, then Obligation → Update (PUT)', () => {
	test('the obligation found gets its new total_balance and last payment; its sibling is untouched', () => {
		const run = runOf('wvE2eObligPayment');
		const carla = caseFileOf('0077000333');
		const got = h.rawItemsOf(run, 'Get Obligation');
		expect(got.map((o) => [o.json.id, Number(o.json.total_balance), pairedRows(o)])).toEqual([
			['OBL-PAY-2', 1500000, [0]],
		]);
		expect(h.rawItemsOf(run, 'Apply Payment').map((o) => [o.json.updated, pairedRows(o)])).toEqual([
			[true, [0]],
		]);
		expect(callsOfRun(run, 'collections/queryObligation.php').map((c) => c.body)).toEqual([
			{ operation: fx.SANDBOX_OPERATION, obligation: 'OBL-PAY-2', wolkvox_id: carla.wolkvox_id },
		]);
		const writes = callsOfRun(run, 'collections/insertObligation.php');
		expect(writes.map((c) => [c.method, c.status])).toEqual([['PUT', 200]]);
		expect(writes[0].body).toMatchObject({
			operation: fx.SANDBOX_OPERATION,
			wolkvox_id: carla.wolkvox_id,
			fields: { id: 'OBL-PAY-2', last_pay: '300000', last_pay_date: '2026-12-01' },
		});
		expect(Number(writes[0].body.fields.total_balance)).toBe(1200000);

		const stored = sb.store().obligations;
		expect(stored.find((o) => o.id === 'OBL-PAY-2')).toMatchObject({
			name: 'Loan',
			last_pay: '300000',
			last_pay_date: '2026-12-01',
			days_delay: '33',
		});
		expect(Number(stored.find((o) => o.id === 'OBL-PAY-2').total_balance)).toBe(1200000);
		expect(Number(stored.find((o) => o.id === 'OBL-PAY-1').total_balance)).toBe(120000);
	});
});

describe('a complaint with its invoice: Case → Create with a binary attachment, then Case → Get Many', () => {
	test('the PDF travels as a form-data file, the case lands on the contact, and is found by identification', () => {
		const run = runOf('wvE2eCaseComplaint');
		const pdf = Buffer.from('%PDF-1.4\n% factura F-2026-001\n');
		const opened = h.rawItemsOf(run, 'Open Case');
		expect(opened.map((o) => [o.json.attachments, pairedRows(o)])).toEqual([[1, [0]]]);
		expect(opened[0].json.wolkvox_id).toMatch(HEX24);

		const inserts = callsOfRun(run, 'cases/insert.php');
		expect(inserts.map((c) => [c.method, c.status])).toEqual([['POST', 200]]);
		expect(inserts[0].body).toEqual({
			operation: fx.SANDBOX_OPERATION,
			'case-type': 'Complaints',
			responsible: 'AGENT_@demo_operation',
			owner: 'ADMIN_@demo_operation',
			contact: 'diana.caso@example.com',
			description: 'Cobro duplicado de la cuota de noviembre',
			status: 'open',
			priority: 'high',
			form: '{"Factura":"F-2026-001"}',
			file: { filename: 'F-2026-001.pdf', contentType: 'application/pdf', bytes: pdf.length },
		});
		const stored = sb.store().cases.find((c) => c.wolkvox_id === opened[0].json.wolkvox_id);
		expect(stored).toMatchObject({ 'contact identification': '0077000444', Factura: 'F-2026-001' });
		expect(stored.wolkvox_attachments.map((a) => a.sha256)).toEqual([
			require('crypto').createHash('sha256').update(pdf).digest('hex'),
		]);

		const found = h.rawItemsOf(run, 'Find Cases');
		expect(found.map((o) => [o.json.wolkvox_id, o.json.description, pairedRows(o)])).toEqual([
			[opened[0].json.wolkvox_id, 'Cobro duplicado de la cuota de noviembre', [0]],
		]);
	});
});
