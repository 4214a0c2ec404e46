#!/usr/bin/env node
'use strict';
/**
 * Harness self-test, independent of the wolkvox node: builds a tiny community package
 * `n8n-nodes-probe` (node type `n8n-nodes-probe.probe`, plus a credential type `probeApi`) in a
 * temp folder, packs it with `npm pack`, installs the tarball into a fresh N8N_USER_FOLDER the way
 * n8n's community-package installer does, imports a credential and workflows, and executes them
 * against a loopback HTTP server. Also checks a failing run (rc 1, status error) and, with
 * --editor, `n8n start` + owner setup + the node appearing in /types/nodes.json.
 *
 * Usage: node test/harness/n8n/probe-smoke.js [--editor] [--npm-mode]
 *   --npm-mode  install the tarball with `npm install --omit=dev --omit=peer <tgz>` instead of
 *               n8n 2.8.4's own installer steps (extract + strip dev/peer/optional deps + npm install)
 * Exits 0 when every check passes.
 */

const fs = require('fs');
const path = require('path');
const http = require('http');
const assert = require('assert');
const h = require('../../../harness/n8n/runner');
const { ensureN8n } = require('../../../harness/n8n/ensureN8n');

const NODE_JS = `'use strict';
// Not a dependency of the package: must resolve to n8n's own copies, as for the real node.
const { z } = require('zod');
const { NodeOperationError } = require('n8n-workflow');
class Probe {
  constructor() {
    this.description = {
      displayName: 'Probe', name: 'probe', icon: 'fa:vial', group: ['transform'], version: 1,
      description: 'E2E probe node', defaults: { name: 'Probe' }, inputs: ['main'], outputs: ['main'],
      credentials: [{ name: 'probeApi', required: false }],
      properties: [
        { displayName: 'Message', name: 'message', type: 'string', default: 'hello' },
        { displayName: 'URL (optional GET)', name: 'url', type: 'string', default: '' },
        { displayName: 'Use Credential', name: 'useCred', type: 'boolean', default: false },
      ],
    };
  }
  async execute() {
    const items = this.getInputData(); const out = [];
    for (let i = 0; i < items.length; i++) {
      const message = this.getNodeParameter('message', i);
      const url = this.getNodeParameter('url', i, '');
      const useCred = this.getNodeParameter('useCred', i, false);
      const json = { probe: true, message, upper: String(message).toUpperCase(), index: i, input: items[i].json,
        zodOk: z.object({ row: z.number() }).safeParse(items[i].json).success,
        zodFrom: require.resolve('zod'), workflowFrom: require.resolve('n8n-workflow') };
      if (message === 'throw') throw new NodeOperationError(this.getNode(), 'probe refused item ' + i, { itemIndex: i });
      if (url) {
        const opts = { method: 'GET', url, json: true };
        json.fetched = useCred
          ? await this.helpers.httpRequestWithAuthentication.call(this, 'probeApi', opts)
          : await this.helpers.httpRequest(opts);
      }
      out.push({ json, pairedItem: { item: i } });
    }
    return [out];
  }
}
module.exports = { Probe };
`;

const CRED_JS = `'use strict';
class ProbeApi {
  constructor() {
    this.name = 'probeApi'; this.displayName = 'Probe API';
    this.properties = [
      { displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
      { displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
    ];
    this.authenticate = { type: 'generic', properties: { headers: { 'x-probe-key': '={{$credentials.apiKey}}' } } };
  }
}
module.exports = { ProbeApi };
`;

/** Writes the probe package into dir. @param {string} dir */
function writeProbePackage(dir) {
	fs.mkdirSync(path.join(dir, 'dist/nodes/Probe'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'dist/credentials'), { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-probe',
				version: '0.1.0',
				main: 'index.js',
				files: ['dist', 'index.js'],
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/ProbeApi.credentials.js'],
					nodes: ['dist/nodes/Probe/Probe.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	fs.writeFileSync(path.join(dir, 'index.js'), 'module.exports = {};\n');
	fs.writeFileSync(path.join(dir, 'dist/nodes/Probe/Probe.node.js'), NODE_JS);
	fs.writeFileSync(path.join(dir, 'dist/credentials/ProbeApi.credentials.js'), CRED_JS);
}

/** @returns {Promise<{url: string, requests: any[], close: () => Promise<void>}>} */
function startLoopback() {
	/** @type {any[]} */
	const requests = [];
	const srv = http.createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, key: req.headers['x-probe-key'] || null });
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ ok: true, path: req.url, n: requests.length, key: req.headers['x-probe-key'] || null }));
	});
	return new Promise((resolve) =>
		srv.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${/** @type {any} */ (srv.address()).port}`,
				requests,
				close: () => new Promise((r) => srv.close(() => r())),
			}),
		),
	);
}

/**
 * @param {string} id
 * @param {object} probeParams
 * @param {number} count items made by the Code node
 * @param {object} [credentials]
 */
function workflow(id, probeParams, count, credentials) {
	return {
		id,
		name: id,
		nodes: [
			{
				id: 'a0000000-0000-4000-8000-000000000001',
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'Make Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { row: i, name: 'r' + i } }));`,
				},
			},
			{
				id: 'a0000000-0000-4000-8000-000000000003',
				name: 'Probe',
				type: 'n8n-nodes-probe.probe',
				typeVersion: 1,
				position: [400, 0],
				parameters: probeParams,
				...(credentials ? { credentials } : {}),
			},
		],
		connections: {
			Manual: { main: [[{ node: 'Make Items', type: 'main', index: 0 }]] },
			'Make Items': { main: [[{ node: 'Probe', type: 'main', index: 0 }]] },
		},
	};
}

async function main() {
	const t0 = Date.now();
	const withEditor = process.argv.includes('--editor');
	await ensureN8n();
	const pkgDir = h.makeTempDir('probe-pkg');
	writeProbePackage(pkgDir);
	const tarball = await h.packPackage(pkgDir);
	const uf = await h.createUserFolder({ tarball, installMode: process.argv.includes('--npm-mode') ? 'npm' : 'n8n' });
	assert.deepStrictEqual(uf.packages, ['n8n-nodes-probe']);
	const lb = await startLoopback();
	try {
		await h.importCredentials(uf, [
			{ id: 'probeCred000001', name: 'Probe Loopback', type: 'probeApi', data: { apiKey: 'k-123', baseUrl: lb.url } },
		]);
		await h.importWorkflows(uf, [
			workflow(
				'e2eProbeHttp0001',
				{ message: '={{ $json.name }}', url: `=${lb.url}/item/{{ $json.row }}`, useCred: true },
				3,
				{
					probeApi: { id: 'probeCred000001', name: 'Probe Loopback' },
				},
			),
			workflow('e2eProbeFail0001', { message: 'x', url: 'http://127.0.0.1:1/closed' }, 1),
			workflow('e2eProbeThrow001', { message: 'throw' }, 2),
		]);

		const ok = await h.execute(uf, 'e2eProbeHttp0001');
		assert.strictEqual(ok.rc, 0, ok.stdoutTail);
		assert.strictEqual(ok.status, 'success');
		const items = h.itemsOf(ok, 'Probe');
		assert.strictEqual(items.length, 3);
		assert.deepStrictEqual(
			items.map((i) => [i.message, i.fetched.path, i.fetched.key]),
			[
				['r0', '/item/0', 'k-123'],
				['r1', '/item/1', 'k-123'],
				['r2', '/item/2', 'k-123'],
			],
		);
		assert.deepStrictEqual(
			h.rawItemsOf(ok, 'Probe').map((i) => i.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
		assert.strictEqual(lb.requests.length, 3);
		assert.ok(
			items.every((i) => i.zodOk),
			'zod resolved and parsed',
		);
		assert.match(items[0].zodFrom, /n8n-2\.8\.4|\.cache|node_modules\/n8n/, `zod from ${items[0].zodFrom}`);
		console.log(`  zod → ${items[0].zodFrom}\n  n8n-workflow → ${items[0].workflowFrom}`);

		const bad = await h.execute(uf, 'e2eProbeFail0001');
		assert.strictEqual(bad.rc, 1);
		assert.strictEqual(bad.status, 'error');
		assert.match(String(bad.error && bad.error.message), /ECONNREFUSED|refused/i);
		assert.strictEqual(bad.error.node, 'Probe');

		// A NodeOperationError: rc 1, and n8n prints the IRun JSON (status error) on stdout.
		const thrown = await h.execute(uf, 'e2eProbeThrow001');
		assert.strictEqual(thrown.rc, 1);
		assert.strictEqual(thrown.status, 'error');
		assert.strictEqual(thrown.source, 'stdout');
		assert.strictEqual(thrown.error.message, 'probe refused item 0');
		assert.strictEqual(thrown.error.node, 'Probe');

		// Same two workflows in one n8n process: results read back from the DB.
		const before = lb.requests.length;
		const batch = await h.executeBatch(uf, ['e2eProbeHttp0001', 'e2eProbeFail0001']);
		assert.strictEqual(batch.e2eProbeHttp0001.status, 'success');
		assert.deepStrictEqual(
			h.itemsOf(batch.e2eProbeHttp0001, 'Probe').map((i) => i.fetched.path),
			['/item/0', '/item/1', '/item/2'],
		);
		assert.strictEqual(batch.e2eProbeFail0001.status, 'error');
		assert.match(String(batch.e2eProbeFail0001.error && batch.e2eProbeFail0001.error.message), /ECONNREFUSED|refused/i);
		assert.strictEqual(lb.requests.length - before, 3);

		if (withEditor) {
			const ed = await h.startEditor({ folder: uf });
			try {
				const types = await ed.rest('GET', '/types/nodes.json');
				assert.strictEqual(types.status, 200);
				const names = types.body.map((t) => t.name).filter((n) => /probe/i.test(n));
				assert.deepStrictEqual(names, ['n8n-nodes-probe.probe']);
				const wfs = await ed.rest('GET', '/rest/workflows');
				assert.strictEqual(wfs.status, 200);
				const ids = (wfs.body.data || []).map((w) => w.id).sort();
				assert.deepStrictEqual(ids, ['e2eProbeFail0001', 'e2eProbeHttp0001', 'e2eProbeThrow001']);
				// execute while the editor runs (distinct broker ports, shared sqlite)
				const again = await h.execute(uf, 'e2eProbeHttp0001');
				assert.strictEqual(again.status, 'success');
			} finally {
				await ed.stop();
			}
		}
	} finally {
		await lb.close();
	}
	console.log(`probe smoke OK in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

module.exports = { writeProbePackage, startLoopback, workflow };

if (require.main === module) {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
