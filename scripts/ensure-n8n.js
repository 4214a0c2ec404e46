#!/usr/bin/env node
'use strict';
/**
 * Installs (once) a leg of the test matrix into .cache/: its Node.js and its pinned n8n (harness/n8n/ensureN8n.js).
 *
 *   node scripts/ensure-n8n.js [--n8n <version|newest|oldest>] [--force] [--quiet]
 *
 * Prints, as its last stdout line, a JSON object {"n8nBin", "version", "nodeBin", "nodeVersion", "cacheDir", ...}.
 */

const { ensureN8n } = require('../harness/n8n/ensureN8n');

const args = process.argv.slice(2);
const at = args.indexOf('--n8n');
const version = at >= 0 ? args[at + 1] : undefined;
const started = Date.now();
ensureN8n({ version, force: args.includes('--force'), quiet: args.includes('--quiet') })
	.then((r) => {
		if (r.reused && !args.includes('--quiet')) {
			process.stderr.write(
				`[ensure-n8n] reusing n8n ${r.version} (Node.js ${r.nodeVersion}) in ${r.cacheDir} ` +
					`(checked in ${Date.now() - started} ms)\n`,
			);
		}
		process.stdout.write(JSON.stringify(r) + '\n');
	})
	.catch((e) => {
		process.stderr.write(`[ensure-n8n] FAILED: ${e.message}\n`);
		process.exit(1);
	});
