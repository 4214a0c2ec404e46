'use strict';
/**
 * The n8n versions the tests run on, and the Node.js each one runs under. This table is the only place they are
 * named: ensureNode.js, ensureN8n.js, the real-n8n runner (runner.js) and the test suite (harness/testSuite.js)
 * read it, and the README's Compatibility section lists the same rows.
 *
 * - newest: the newest n8n installable here.
 * - oldest: the oldest n8n the README claims, so nothing the package uses is missing from it.
 * `npm test` runs the end-to-end suite (and, on the newest, the engine suite) on the DEFAULT_ROLE leg;
 * `.ci/run` (npm test -- --matrix) runs the end-to-end suite on the other leg as well.
 *
 * WOLKVOX_N8N_VERSION (a version, `newest` or `oldest`) picks the n8n that `npm run test:e2e`, `npm run demo`,
 * `npm run bench` and `node scripts/ensure-n8n.js` use (default: the DEFAULT_ROLE leg).
 */

/**
 * @typedef {object} N8nTarget
 * @property {'newest'|'oldest'} role
 * @property {string} n8n exact n8n version
 * @property {string} node exact Node.js version it runs under (fetched from the npm registry unless it is the one running)
 * @property {boolean} ignoreScripts install with --ignore-scripts, then rebuild only `rebuild`
 * @property {string[]} rebuild packages whose install scripts are run after an --ignore-scripts install
 * @property {string} note why this version
 */

/** @type {N8nTarget[]} */
const TARGETS = [
	{
		role: 'newest',
		n8n: '2.41.1',
		node: '24.22.3',
		// @confluentinc/kafka-javascript's install script downloads from the internet; only sqlite3's build matters.
		ignoreScripts: true,
		rebuild: ['sqlite3'],
		note: 'newest installable: n8n 2.41.3 (the latest) needs @n8n/* packages (e.g. @n8n/agents@0.26.2) the registry lacks',
	},
	{
		role: 'oldest',
		n8n: '2.8.4',
		node: '20.20.2',
		ignoreScripts: false,
		rebuild: [],
		note: 'oldest claimed: the newest n8n whose engines accept Node.js 20',
	},
];

/**
 * The leg `npm test` runs in a real n8n (and `npm run demo`, `npm run test:e2e` use). `.ci/run` adds the other.
 * @type {'newest'|'oldest'}
 */
const DEFAULT_ROLE = 'newest';

/** @param {'newest'|'oldest'} role @returns {N8nTarget} */
function targetByRole(role) {
	const t = TARGETS.find((x) => x.role === role);
	if (!t) throw new Error(`no ${role} target`);
	return t;
}

/**
 * The target for an n8n version (default: WOLKVOX_N8N_VERSION, else the newest).
 * @param {string} [version]
 * @returns {N8nTarget}
 */
function targetFor(version = process.env.WOLKVOX_N8N_VERSION || '') {
	if (!version) return targetByRole(DEFAULT_ROLE);
	if (version === 'newest') return targetByRole('newest');
	if (version === 'oldest') return targetByRole('oldest');
	const t = TARGETS.find((x) => x.n8n === version);
	if (!t) {
		throw new Error(
			`n8n ${version} is not in the test matrix (harness/n8n/matrix.js): ${TARGETS.map((x) => x.n8n).join(', ')}`,
		);
	}
	return t;
}

module.exports = { TARGETS, DEFAULT_ROLE, targetFor, targetByRole };
