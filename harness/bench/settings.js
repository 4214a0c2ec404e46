'use strict';
/** What the Bulk Collections benchmark measures against, the line it prints while it works, how it writes numbers. */

const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const DIST = path.join(REPO, 'dist');
const BULK_PATH = '/server/API/v2/collections/massiveCollections.php';
const OPERATION = 'bench_operation';
const TOKENS = {
	inProcess: 'bench-token-in-process-0001',
	n8nNode: 'bench-token-n8n-node-0001',
	n8nDiy: 'bench-token-n8n-diy-0001',
};
const QUOTA = 1000000; // far above any real quota, so that the quota never interferes with the measurement
const DEFAULT_BATCH = 100;
const TARGETS = { ratioAt100k: 3, memoryRatio: 3, rowsPerCall: 300 };
const MB = 1024 * 1024;

/** @param {string} line */
const progress = (line) => process.stderr.write(`[bench] ${line}\n`);

/** @param {number[]} xs */
const median = (xs) => {
	const s = [...xs].sort((x, y) => x - y);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** @param {number} x @param {number} [d] decimals */
const round = (x, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

/** @param {unknown} n e.g. 100,000 */
const fmtInt = (n) => (n === null || n === undefined ? '-' : Number(n).toLocaleString('en-US'));
/** @param {unknown} n @param {number} [d] decimals */
const fmt = (n, d = 1) => (n === null || n === undefined ? '-' : Number(n).toFixed(d));

module.exports = {
	REPO,
	DIST,
	BULK_PATH,
	OPERATION,
	TOKENS,
	QUOTA,
	DEFAULT_BATCH,
	TARGETS,
	MB,
	progress,
	median,
	round,
	fmtInt,
	fmt,
};
