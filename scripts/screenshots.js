#!/usr/bin/env node
'use strict';
/**
 * The README's pictures of the node, taken from a real n8n editor in headless Chromium (Debian's chromium,
 * driven by playwright-core), so they can be taken again whenever the forms change:
 *
 *   npm run screenshots                 build, then take every picture into docs/images/
 *   npm run screenshots -- --no-build   skip the build when dist/ is current
 *
 * The n8n is the default leg of the test matrix (harness/n8n/matrix.js) with the packed package installed as a
 * community package; the workflows hold a twelve-column Spanish collections sheet (harness/editor/); the real
 * run goes to the local wolkvox sandbox. Needs the cached n8n (node scripts/ensure-n8n.js) and
 * `apt-get install -y chromium`.
 */

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const h = require('../harness/n8n/runner');
const { openEditorSession } = require('../harness/editor/editorSession');
const { openWorkflow, closeToasts } = require('../harness/editor/session');
const { executeWorkflow, openNodePanel } = require('../harness/editor/canvas');
const {
	dragParametersPane,
	outputBranches,
	scrollOutputTo,
	showOutputAs,
	showOutputBranch,
} = require('../harness/editor/nodePanel');
const { IDS, N } = require('../harness/editor/workflows');

const REPO = path.resolve(__dirname, '..');
const OUT_DIR = path.join(REPO, 'docs', 'images');

/** @typedef {import('playwright-core').Page} Page */

/**
 * A picture of the whole window, once the node panel has settled and no toast covers it.
 * @param {Page} page
 * @param {string} name file name in docs/images/
 */
async function picture(page, name) {
	await closeToasts(page);
	await page.mouse.move(0, 0); // no hover highlight on a table row or a button
	await page.waitForTimeout(500); // tooltips and panel transitions fade out
	const file = path.join(OUT_DIR, name);
	await page.screenshot({ path: file });
	console.log(`  ${path.relative(REPO, file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} KB`);
}

/**
 * The dry run: the panel as the user fills it in (the sheet on the left, the mapping in the middle) and the
 * report of which column feeds which field.
 * @param {Page} page @param {string} baseUrl
 */
async function dryRunPictures(page, baseUrl) {
	await openWorkflow(page, baseUrl, IDS.dryRun);
	const outcome = await executeWorkflow(page, N.crm);
	if (outcome !== 'success') throw new Error(`the dry run ended in ${outcome}`);
	await openNodePanel(page, N.crm);
	await picture(page, 'bulk-collections-panel.png');
	await showOutputAs(page, 'json');
	await scrollOutputTo(page, '"columns"', { block: 'start' }); // the mapping report, from its first line
	await picture(page, 'bulk-collections-dry-run-report.png');
}

/**
 * The real upload to the sandbox: the case files on the main output, the row to fix on the error output.
 * @param {Page} page @param {string} baseUrl
 */
async function runPictures(page, baseUrl) {
	await openWorkflow(page, baseUrl, IDS.run);
	const outcome = await executeWorkflow(page, N.crm);
	if (outcome !== 'success') throw new Error(`the upload ended in ${outcome}`);
	await openNodePanel(page, N.crm);
	await showOutputAs(page, 'table');
	const branches = await outputBranches(page);
	if (branches.length !== 2)
		throw new Error(`expected a success and an error branch, got ${JSON.stringify(branches)}`);
	await showOutputBranch(page, 0);
	await picture(page, 'bulk-collections-output.png');
	await showOutputBranch(page, 1);
	// The row's own columns come first: room for the output, and start at the bad value, so that its error and
	// message are in the picture.
	await dragParametersPane(page, -420);
	await scrollOutputTo(page, 'Saldo Capital', { inline: 'start' });
	await picture(page, 'bulk-collections-error-output.png');
}

async function main() {
	const args = process.argv.slice(2);
	if (!args.includes('--no-build') || !fs.existsSync(path.join(REPO, 'dist'))) {
		console.log('building the package (npm run build)');
		const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
		if (b.status !== 0) throw new Error('npm run build failed');
	}
	fs.mkdirSync(OUT_DIR, { recursive: true });
	h.setLogger((l) => console.log(`  ${l.replace(/^\[n8n-e2e\] /, '')}`));
	console.log(`starting n8n ${h.N8N_VERSION}, the wolkvox sandbox and Chromium`);
	const session = await openEditorSession();
	try {
		console.log('pictures:');
		await dryRunPictures(session.page, session.baseUrl);
		await runPictures(session.page, session.baseUrl);
	} finally {
		await session.close();
	}
}

const started = Date.now();
main()
	.then(() => {
		console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
		h.cleanup();
	})
	.catch((e) => {
		console.error(`screenshots failed: ${e && e.stack ? e.stack : e}`);
		h.cleanup();
		process.exit(1);
	});
