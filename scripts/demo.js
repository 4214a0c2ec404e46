#!/usr/bin/env node
'use strict';
/**
 * The package's demo: a real n8n runs the Wolkvox CRM node against the local wolkvox sandbox.
 *
 *   npm run demo                      build, start the sandbox, install (or reuse) the pinned n8n with the package,
 *                                     run demo/wolkvox-demo.workflow.json headlessly, print a report
 *   npm run demo -- --editor          the same set-up, then the n8n editor on 127.0.0.1 (URL and login printed)
 *                                     until Ctrl-C; open the workflow and click "Execute workflow"
 * Options:
 *   --editor        start the editor instead of running the workflow headlessly (= npm run demo:editor)
 *   --port <n>      editor port (default 5678, or a free one when 5678 is taken)
 *   --no-build      skip `npm run build` when dist/ exists (quicker re-runs while nothing changed)
 *   --help
 *
 * What it does, step by step:
 *   1. `npm run build`
 *   2. starts the wolkvox sandbox (harness/sandbox/) in this process, on a free port of 127.0.0.1
 *   3. makes sure the pinned n8n is installed in .cache/ (harness/n8n/ensureN8n.js; the first time takes a few
 *      minutes and shows progress every 15 s)
 *   4. packs the package (`npm pack`) and installs the tarball into the demo n8n user folder
 *      .cache/demo-user/.n8n/nodes as n8n's community-package installer does; reused while the tarball's
 *      sha256 is unchanged, reinstalled when the package changed, recreated when the n8n version changed
 *   5. loads the case file of the debtor who calls in the demo into the sandbox ("last month's load", one API
 *      call made by this script, reported apart) and writes its wolkvox_id into the workflow's
 *      "Debtor Who Called" node: the node has no lookup operation, so that id is data (see the sticky note)
 *   6. imports the sandbox credential and the workflow with n8n's own CLI (import:credentials, import:workflow)
 *   7. `n8n execute --id` (or `n8n start` with --editor), then reports what was sent, what the CRM answered,
 *      the API calls and token uses, and the time taken
 * Exit code 0 only when the run succeeded and everything went as the demo expects (the one invalid row on the
 * error output, every case file inserted, no refused call). Every process it starts is stopped on exit and on
 * Ctrl-C; the sandbox lives in this process. The steps are in harness/demo/.
 *
 * Plain CommonJS, Node >= 20.
 */

const fs = require('fs');
const h = require('../harness/n8n/runner');
const { bold, red, say, detail } = require('../harness/demo/output');
const { installSignalHandlers, shutdown } = require('../harness/demo/processes');
const steps = require('../harness/demo/steps');
const { takeLock } = require('../harness/demo/userFolder');

function parseArgs(argv) {
	const o = { editor: false, port: 0, build: true };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--editor') o.editor = true;
		else if (a === '--port') o.port = Number(argv[++i]);
		else if (a.startsWith('--port=')) o.port = Number(a.slice(7));
		else if (a === '--no-build') o.build = false;
		else if (a === '--help' || a === '-h') {
			say(
				fs
					.readFileSync(__filename, 'utf8')
					.split('*/')[0]
					.replace(/^#!.*\n'use strict';\n\/\*\*\n/, '')
					.replace(/^ \* ?/gm, ''),
			);
			process.exit(0);
		} else {
			console.error(`unknown argument ${a} (try --help)`);
			process.exit(2);
		}
	}
	if (o.port && !(Number.isInteger(o.port) && o.port > 0 && o.port < 65536)) {
		console.error('--port wants a TCP port number');
		process.exit(2);
	}
	return o;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	installSignalHandlers();
	h.setLogger((l) => detail(l.replace(/^\[n8n-e2e\] /, '')));
	takeLock();
	const t = steps.createTimings();
	say(bold(`wolkvox demo${args.editor ? ' (editor)' : ''}`));
	await steps.build(args, t);
	const sb = await steps.startDemoSandbox(args);
	const n8n = await steps.prepareN8n(t);
	const uf = await steps.installPackage(n8n.version, t);
	const imported = await steps.importDemo(uf.folder, sb, t);
	if (args.editor) await steps.openEditor(args, uf.folder, sb, t, t0);
	return steps.runHeadless(uf, sb, n8n, imported, t, t0);
}

main()
	.then((code) => shutdown(code))
	.catch((e) => {
		console.error(red(`\n✖ demo failed: ${e && e.message ? e.message : e}`));
		if (process.env.WOLKVOX_DEMO_DEBUG === '1' && e && e.stack) console.error(e.stack);
		shutdown(1);
	});
