#!/usr/bin/env node
'use strict';
/**
 * Runs the e2e workflow fixtures (test/e2e/workflows) in a real n8n (the default leg of harness/n8n/matrix.js) against a local wolkvox
 * sandbox, with the package installed from its `npm pack` tarball exactly as a community package.
 * It reports what happened; the jest e2e suite asserts it.
 *
 * Usage:
 *   npm run build && npm run e2e:run --  [options] [workflowId|file-fragment ...]
 * Options:
 *   --tarball <tgz>   use this tarball instead of packing the repo
 *   --editor          afterwards keep `n8n start` running on 127.0.0.1 (owner login printed) until Ctrl-C
 *   --port <n>        editor port (default: a free one)
 *   --json            print the per-workflow results as one JSON line at the end
 *   --one-by-one      one `n8n execute` process per workflow (~4 s each) instead of one
 *                     `n8n execute-batch` for all (~5 s in total)
 * Env: WOLKVOX_E2E_KEEP=1 keeps the temp folders; WOLKVOX_N8N_VERSION picks the n8n (a version, newest or oldest).
 */

const path = require('path');
const { ensureN8n } = require('../../harness/n8n/ensureN8n');
const h = require('../../harness/n8n/runner');
const fx = require('./fixtures');

const REPO = path.resolve(__dirname, '..', '..');

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {{tarball?: string, editor: boolean, port?: number, json: boolean, oneByOne: boolean, only: string[]}} */
	const o = { editor: false, json: false, oneByOne: false, only: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--tarball') o.tarball = argv[++i];
		else if (a === '--editor') o.editor = true;
		else if (a === '--port') o.port = Number(argv[++i]);
		else if (a === '--json') o.json = true;
		else if (a === '--one-by-one') o.oneByOne = true;
		else if (a === '--help' || a === '-h') {
			process.stdout.write(require('fs').readFileSync(__filename, 'utf8').split('*/')[0] + '*/\n');
			process.exit(0);
		} else o.only.push(a);
	}
	return o;
}

/** @param {any} v @param {number} [n] */
function short(v, n = 160) {
	const s = JSON.stringify(v);
	return s && s.length > n ? s.slice(0, n - 1) + '…' : s;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	const n8n = await ensureN8n();
	h.setLogger((l) => process.stdout.write(l + '\n'));
	console.log(
		`[e2e] n8n ${n8n.version} from ${n8n.cacheDir}${n8n.reused ? '' : ` (installed in ${(n8n.installMs / 1000).toFixed(0)} s)`}`,
	);

	const tarball = args.tarball ? path.resolve(args.tarball) : await h.packPackage(REPO);
	const { startSandbox } = require('../../harness/sandbox/server.js');
	const sb = await startSandbox({ latencyMs: 3 });
	console.log(`[e2e] wolkvox sandbox on ${sb.url}`);
	/** @type {any[]} */
	const results = [];
	try {
		const uf = await h.createUserFolder({ tarball });
		const fixtures = fx.loadWorkflows(args.only);
		if (!fixtures.length) throw new Error(`no workflow matches ${args.only.join(', ')}`);
		await h.importCredentials(uf, fx.sandboxCredentials(sb.url));
		await h.importWorkflows(
			uf,
			fixtures.map((f) => f.workflow),
		);

		// What the flows expect the CRM to hold already (case files to find, contacts to open cases for).
		await fx.seedSandbox(sb);

		const batch = args.oneByOne
			? null
			: await h.executeBatch(
					uf,
					fixtures.map((f) => f.id),
				);
		for (const f of fixtures) {
			const res = batch ? batch[f.id] : await h.execute(uf, f.id);
			// The sandbox calls made while this run's Wolkvox CRM node was executing.
			const w = h.nodeWindow(res, fx.NODE_NAME);
			const calls = w ? sb.requests({}).filter((q) => q.startedAt >= w.start - 2 && q.startedAt <= w.end + 2) : [];
			if (batch) console.log(`[e2e] ${f.id} (${f.name}): ${res.status} in ${res.ms} ms`);
			const out0 = h.itemsOf(res, fx.NODE_NAME, 0);
			const out1 = h.itemsOf(res, fx.NODE_NAME, 1);
			const byStatus = calls.reduce(
				(m, r) => ({ ...m, [r.status]: (m[r.status] || 0) + 1 }),
				/** @type {Record<string, number>} */ ({}),
			);
			const r = {
				id: f.id,
				name: f.name,
				rc: res.rc,
				status: res.status,
				ms: res.ms,
				items: out0.length,
				errorItems: out1.length,
				sandboxCalls: calls.length,
				sandboxStatus: byStatus,
				error: res.error,
			};
			results.push(r);
			console.log(`    ${f.notes}`);
			console.log(
				`    → ${r.status}, ${r.items} item(s)${r.errorItems ? ` + ${r.errorItems} on the error output` : ''}, ` +
					`${r.sandboxCalls} sandbox call(s) ${short(byStatus)}${res.error ? `, error: ${res.error.message}${res.error.description ? ` (${short(res.error.description, 200)})` : ''}` : ''}`,
			);
			if (out0.length) console.log(`      first item: ${short(out0[0])}`);
			if (out1.length) console.log(`      first error item: ${short(out1[0])}`);
		}
		const st = sb.stats();
		console.log(
			`[e2e] ${results.length} workflow(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s; sandbox totals ${short(st.byStatus || st, 300)}`,
		);
		if (args.json) console.log(JSON.stringify(results));

		if (args.editor) {
			const ed = await h.startEditor({ folder: uf, port: args.port });
			console.log(`[e2e] editor: ${ed.url}  login ${ed.login.email} / ${ed.login.password}  (Ctrl-C to stop)`);
			await new Promise(() => {}); // until SIGINT (the harness stops n8n; the sandbox dies with us)
		}
	} finally {
		await sb.close();
	}
}

main().catch((e) => {
	console.error(`[e2e] FAILED: ${e && e.stack ? e.stack : e}`);
	process.exit(1);
});
