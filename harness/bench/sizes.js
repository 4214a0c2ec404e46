'use strict';
/**
 * The in-process part of the benchmark: each portfolio size measured in a fresh `node --expose-gc` child
 * (sizeChild.js), then checked against what the sandbox counted and stored.
 */

const path = require('path');
const { spawn } = require('child_process');
const { describePortfolio, generatePortfolio } = require('../portfolio');
const { fingerprint } = require('../sandbox/server');
const { REPO, TOKENS, progress, fmtInt } = require('./settings');

/**
 * Runs one size in a fresh `node --expose-gc` child; resolves with its figures.
 * @param {import('./sizeChild').SizeOptions} o
 * @returns {Promise<any>}
 */
function runSize(o) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, 'sizeChild.js'), JSON.stringify(o)], {
			cwd: REPO,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let stdout = '';
		child.stdout.on('data', (b) => (stdout += b));
		child.on('error', reject);
		child.on('close', (code) => {
			const line = stdout.trim().split('\n').pop() || '';
			if (code !== 0) return reject(new Error(`size ${o.rows}: child exited with ${code}\n${stdout.slice(-2000)}`));
			try {
				resolve(JSON.parse(line));
			} catch {
				reject(new Error(`size ${o.rows}: no JSON from the child:\n${stdout.slice(-2000)}`));
			}
		});
	});
}

/**
 * What the sandbox saw of one size's calls, and whether every case file and obligation got stored.
 * @param {any} r the size's figures
 * @param {import('../sandbox/server').Sandbox} sb
 */
function checkStored(r, sb) {
	const st = sb.stats();
	r.sandbox = {
		calls: st.perToken[fingerprint(TOKENS.inProcess)].requests,
		byStatus: st.byStatus,
		rejectedConcurrency: st.rejectedConcurrency,
		storedCaseFiles: st.store.caseFiles,
		storedObligations: st.store.obligations,
	};
	r.allStored =
		r.sandbox.calls === r.apiCalls &&
		r.sandbox.storedCaseFiles === r.caseFiles &&
		r.sandbox.storedObligations === r.obligations &&
		r.obligations + r.rowErrors === r.rows;
}

/**
 * Every size of `args.sizes`, one after another, against a sandbox reset before each.
 * @param {{ sizes: number[], seed: number, reps: number, client: 'http'|'fetch' }} args
 * @param {import('../sandbox/server').Sandbox} sb
 * @returns {Promise<any[]>}
 */
async function measureSizes(args, sb) {
	const sizes = [];
	for (const rows of args.sizes) {
		sb.reset();
		progress(`size ${fmtInt(rows)}: child process`);
		const r = await runSize({ rows, url: sb.url, seed: args.seed, reps: args.reps, client: args.client });
		checkStored(r, sb);
		r.portfolio = describePortfolio(generatePortfolio(rows, { seed: args.seed }));
		sizes.push(r);
		progress(`size ${fmtInt(rows)}: node ${r.nodeMs} ms, stringify ${r.stringifyMs} ms, ×${r.ratio}, peak RSS ${r.peakRssMb} MB`);
	}
	return sizes;
}

module.exports = { measureSizes };
