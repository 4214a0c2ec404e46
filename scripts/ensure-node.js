#!/usr/bin/env node
'use strict';
/**
 * Fetches (once) the exact Node.js a leg of the test matrix runs under into .cache/ (harness/n8n/ensureNode.js).
 *
 *   node scripts/ensure-node.js [version]     (default: the Node.js of the default leg, harness/n8n/matrix.js)
 *
 * Prints, as its last stdout line, {"nodeBin", "version", "headersDir", "fetched", ...}.
 */

const { ensureNode } = require('../harness/n8n/ensureNode');
const { targetFor } = require('../harness/n8n/matrix');

ensureNode(process.argv[2] || targetFor().node)
	.then((r) => process.stdout.write(JSON.stringify(r) + '\n'))
	.catch((e) => {
		process.stderr.write(`[ensure-node] FAILED: ${e.message}\n`);
		process.exit(1);
	});
