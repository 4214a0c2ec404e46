'use strict';
/**
 * The work whose instructions instructions.js counts, run under callgrind as
 * `node --expose-gc instructionsChild.js '<json options>'`, in phases that each run the ones before it:
 * - `setup`: load the compiled node of `dist`, generate the rows, build their bodies three times to warm up, as the
 *   timed bench does at this size (the first passes also compile, and re-compile what V8 optimised too early, which
 *   costs more than the work itself at 20,000 rows), collect garbage;
 * - `node`: build the bulk bodies of the rows again, as sizeChild.js does;
 * - `bodies`: then collect garbage, so that JSON.stringify starts from the same heap in every build;
 * - `stringify`: then JSON.stringify those bodies once.
 * node − setup is the node's work (with the collections it causes), stringify − bodies JSON.stringify's, whatever
 * starting Node.js and loading modules cost.
 */

const fs = require('fs');
const path = require('path');
const { generatePortfolio } = require('../portfolio');
const { OPERATION, DEFAULT_BATCH } = require('./settings');

/**
 * @typedef {{ dist: string, rows: number, seed: number, phase: 'setup'|'node'|'bodies'|'stringify' }} InstructionsOptions
 */

const WARM_UP_PASSES = 3;

/** Two full collections (the second sweeps what the first's finalisers freed). */
function collectGarbage() {
	const gc = global.gc;
	if (typeof gc !== 'function') throw new Error('the child needs --expose-gc');
	gc();
	gc();
}

/**
 * The functions the bulk path runs before its first call, wherever the build keeps them: the bulk/ folder, or
 * the layout before it (a build of an older commit, for a comparison).
 * @param {string} dist
 */
function bulkFunctions(dist) {
	const node = path.join(dist, 'nodes/WolkvoxCrm');
	if (fs.existsSync(path.join(node, 'bulk/rowsToCaseFiles.js'))) {
		return {
			caseFilesFromRows: require(path.join(node, 'bulk/rowsToCaseFiles')).caseFilesFromRows,
			chunk: require(path.join(node, 'bulk/batches')).chunk,
		};
	}
	return {
		caseFilesFromRows: require(path.join(node, 'actions/bulkCollections/collectCaseFiles'))
			.caseFilesFromRows,
		chunk: require(path.join(node, 'helpers/caseFiles')).chunk,
	};
}

/** @param {InstructionsOptions} o @returns {number} what the last phase produced, so that none of it is dropped */
function run(o) {
	const { caseFilesFromRows, chunk } = bulkFunctions(o.dist);
	const settings = {
		keyColumn: '',
		mapping: { caseFile: {}, obligation: {} },
		extraColumns: 'drop',
		dateInputFormat: 'auto',
	};
	/** @param {Array<Record<string, unknown>>} rows */
	const bodiesOf = (rows) => {
		const batches = chunk(caseFilesFromRows(rows, settings).caseFiles, DEFAULT_BATCH);
		return batches.map((batch) => ({
			operation: OPERATION,
			collections: batch.map((d) => d.body),
		}));
	};
	const rows = generatePortfolio(o.rows, { seed: o.seed });
	for (let pass = 0; pass < WARM_UP_PASSES; pass++) bodiesOf(rows);
	collectGarbage();
	if (o.phase === 'setup') return rows.length;
	const bodies = bodiesOf(rows);
	if (o.phase === 'node') return bodies.length;
	collectGarbage();
	if (o.phase === 'bodies') return bodies.length;
	let bytes = 0;
	for (const body of bodies) bytes += JSON.stringify(body).length;
	return bytes;
}

if (require.main === module) {
	process.stdout.write(`${run(JSON.parse(process.argv[2]))}\n`);
}

module.exports = { run };
