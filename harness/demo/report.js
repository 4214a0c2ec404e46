'use strict';
/**
 * The demo's report after a headless run: what n8n sent, what the CRM answered, the API use; and the problems
 * found, each a way the run differed from what the demo expects (empty = the demo did what it should).
 */

const { bold, dim, green, red, yellow, say, pretty, indentBlock } = require('./output');
const {
	WORKFLOW_ID,
	SANDBOX_OPERATION,
	N,
	EXPECTED_INVALID,
	CALLER_CASE_FILE,
} = require('./demoWorkflow');

/**
 * @typedef {typeof import('../n8n/runner')} Runner
 * @typedef {import('../n8n/runner').ExecResult} ExecResult
 * @typedef {import('../sandbox/server').Sandbox} Sandbox
 * @typedef {import('../sandbox/server').ReceivedRequest} ReceivedRequest
 * @typedef {(ok: unknown, msg: string) => unknown} Expect  records `msg` as a problem unless `ok`; returns `ok`
 * @typedef {{ seedSeq: number, n8nVersion: string, pkg: string, workflowName: string }} ReportContext
 */

const HEX24 = /^[0-9a-f]{24}$/;

/** @param {number} n @param {string} word */
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The workflow's calls by endpoint (tasks apart from records, both on custom/insert.php).
 * @param {ReceivedRequest[]} calls
 * @returns {Map<string, any[]>}
 */
function callsByEndpoint(calls) {
	const byEndpoint = new Map();
	for (const c of calls) {
		const ep = c.path.replace(/^.*\/API\/v2\//, '');
		const key =
			ep === 'custom/insert.php' && c.body && c.body.type === 'task' ? `${ep} (task)` : ep;
		if (!byEndpoint.has(key)) byEndpoint.set(key, []);
		byEndpoint.get(key).push(c);
	}
	return byEndpoint;
}

/** @param {ExecResult} res @param {ReportContext} ctx @param {Sandbox} sb @param {Expect} expect */
function reportRun(res, ctx, sb, expect) {
	say('');
	say(bold('wolkvox demo report'));
	say(
		`  workflow "${res.run ? ctx.workflowName : WORKFLOW_ID}": ${res.status === 'success' ? green('success') : red(res.status)}` +
			` (n8n ${ctx.n8nVersion}, ${ctx.pkg}, sandbox ${sb.url})`,
	);
	expect(
		res.status === 'success',
		`the workflow run ended "${res.status}": ${res.error ? res.error.message : ''}`,
	);
	if (res.error)
		say(
			`  ${red('error')}: ${res.error.message}${res.error.node ? ` (node "${res.error.node}")` : ''}`,
		);
}

/**
 * One endpoint's calls: how many, and the first body (a bulk call's with one case file shown).
 * @param {string} ep
 * @param {any[]} list
 * @param {number} sheetRows
 */
function reportEndpointCalls(ep, list, sheetRows) {
	const first = list[0].body;
	let what = '';
	/** @type {unknown} */
	let example = first;
	if (ep.endsWith('massiveCollections.php')) {
		const cf = list.reduce((n, c) => n + c.body.collections.length, 0);
		const ob = list.reduce(
			(n, c) => n + c.body.collections.reduce((m, x) => m + (x.Obligations || []).length, 0),
			0,
		);
		what = `${sheetRows} sheet rows → ${cf} case files with ${ob} obligations`;
		const shown =
			first.collections.find((c) => c.Identification === '0012345678') || first.collections[0];
		example = {
			operation: first.operation,
			collections: [shown, `… ${first.collections.length - 1} more case files`],
		};
	}
	say(`  ${bold(ep)}: ${plural(list.length, 'call')}${what ? `, ${what}` : ''}`);
	say(dim(indentBlock(pretty(example, Math.max(150, process.stdout.columns || 0)), '      ')));
}

/** @param {Map<string, any[]>} byEndpoint @param {number} sheetRows */
function reportSent(byEndpoint, sheetRows) {
	say('');
	say(bold('What n8n sent'));
	for (const [ep, list] of byEndpoint) reportEndpointCalls(ep, list, sheetRows);
	if (!byEndpoint.size) say('  (nothing reached the sandbox)');
}

/**
 * The bulk calls' summaries, each case file's status, and the summary item.
 * @param {Runner} h @param {ExecResult} res @param {any[]} bulkCalls @param {Map<string, any>} storedCaseFiles
 * @param {Expect} expect
 */
function reportBulk(h, res, bulkCalls, storedCaseFiles, expect) {
	for (const c of bulkCalls) {
		const s = c.response && c.response.summary;
		if (!s) continue;
		say(
			`  bulk call: HTTP ${c.status}, received ${s.total_records_received}, inserted ${s.successful_inserts}, failed ${s.failed_count}`,
		);
		expect(
			s.failed_count === 0,
			`wolkvox refused ${s.failed_count} case file(s): ${JSON.stringify(s.failed_Sumary)}`,
		);
	}
	const bulkOut = h.itemsOf(res, N.bulk, 0);
	for (const cf of bulkOut) {
		const stored = storedCaseFiles.get(cf.Identification);
		const mark = cf.status === 'inserted' ? green('inserted') : red(cf.status);
		say(
			`    ${String(cf.Identification).padEnd(11)} ${(stored ? String(stored.Name) : '').padEnd(28)} ${mark}` +
				`, ${plural(cf.obligations, 'obligation')}, call ${cf.call}` +
				`${stored ? dim(`  case file ${stored.wolkvox_id}`) : ''}${cf.reason ? `  ${red(cf.reason)}` : ''}` +
				`${cf.conflicts ? yellow(`  (rows disagree on ${cf.conflicts.map((x) => x.field).join(', ')}: first row kept)`) : ''}`,
		);
		expect(
			cf.status === 'inserted',
			`case file ${cf.Identification}: ${cf.status} ${cf.reason || ''}`,
		);
	}
	// The summary has an output of its own (Case Files, Summary, then the error output).
	const summary = h.itemsOf(res, N.bulk, 1)[0] || {};
	if (summary.summary) {
		say(
			`  summary item: ${summary.rows} rows, ${summary.invalidRows} invalid, ${summary.caseFiles} case files, ` +
				`${summary.calls} call(s), ${summary.inserted} inserted, ${summary.failed} failed, ${summary.notSent} not sent`,
		);
	}
}

/** The rows on the bulk node's error output, which "Rows to Fix" lists. @param {Runner} h @param {ExecResult} res @param {Expect} expect */
function reportErrorOutput(h, res, expect) {
	const bulkErrors = h.rawItemsOf(res, N.bulk, 2);
	say(`  error output (${plural(bulkErrors.length, 'row')} not sent, listed by "${N.fix}"):`);
	const fixed = h.itemsOf(res, N.fix);
	bulkErrors.forEach((e, k) => {
		const f = fixed[k] || {};
		say(
			`    ${yellow(e.json.error)}${f.sheet_row === undefined ? red('  ("Rows to Fix" did not get its sheet row)') : ''}`,
		);
	});
	const errorRows = fixed.map((f) => f.sheet_row);
	expect(
		JSON.stringify(errorRows) === JSON.stringify(EXPECTED_INVALID.map((x) => x.sheetRow)) &&
			bulkErrors.every((e, k) => e.json.error.includes(EXPECTED_INVALID[k].column)),
		`expected exactly the invalid sheet row(s) ${EXPECTED_INVALID.map((x) => x.sheetRow).join(', ')} on the error output, got ${JSON.stringify(errorRows)}`,
	);
}

/**
 * The gestion and the task for the debtor who called, and whether both are on her case file.
 * @param {Runner} h @param {ExecResult} res @param {Sandbox} sb @param {Map<string, any[]>} byEndpoint
 * @param {Map<string, any>} storedCaseFiles @param {Expect} expect
 */
function reportCaller(h, res, sb, byEndpoint, storedCaseFiles, expect) {
	const found = h.itemsOf(res, N.find);
	const caller = storedCaseFiles.get(CALLER_CASE_FILE.Identification);
	if (
		expect(
			found.length === 1 && caller && found[0].wolkvox_id === caller.wolkvox_id,
			`"${N.find}" should find exactly ${CALLER_CASE_FILE.Name}'s case file, got ${JSON.stringify(found.map((f) => f.wolkvox_id))}`,
		)
	) {
		say(
			`  found:   ${green(`${CALLER_CASE_FILE.Name}'s case file`)} ${found[0].wolkvox_id}, by Identification ${CALLER_CASE_FILE.Identification}`,
		);
	}
	const gestion = h.itemsOf(res, N.gestion)[0];
	const task = h.itemsOf(res, N.task)[0];
	if (
		expect(
			gestion && HEX24.test(gestion.wolkvox_id),
			`no gestion was created (${JSON.stringify(gestion)})`,
		)
	) {
		say(`  gestion: ${green('created')}, wolkvox_id ${gestion.wolkvox_id} ("${gestion.msg}")`);
	}
	if (
		expect(task && HEX24.test(task.wolkvox_id), `no task was created (${JSON.stringify(task)})`)
	) {
		say(`  task:    ${green('created')}, wolkvox_id ${task.wolkvox_id} ("${task.msg}")`);
	}
	const gestionCall = (byEndpoint.get('collections/insertGestion.php') || [])[0];
	if (!gestionCall || !caller) return;
	const onCaseFile = gestionCall.body.fields.wolkvox_idRecord === caller.wolkvox_id;
	say(
		`  both are on ${caller.Name}'s case file ${caller.wolkvox_id}, which today's load updated ` +
			`(${sb.store().obligations.filter((o) => o.wolkvox_idRecord === caller.wolkvox_id).length} obligations now): ` +
			`${onCaseFile ? green('yes') : red('no')}`,
	);
	expect(
		onCaseFile,
		`the gestion went to ${gestionCall.body.fields.wolkvox_idRecord}, not to the case file ${caller.wolkvox_id}`,
	);
}

/** @param {Runner} h @param {ExecResult} res @param {Sandbox} sb @param {Map<string, any[]>} byEndpoint @param {Expect} expect */
function reportAnswers(h, res, sb, byEndpoint, expect) {
	say('');
	say(bold('What the CRM answered'));
	const storedCaseFiles = new Map(sb.store().caseFiles.map((c) => [c.Identification, c]));
	reportBulk(
		h,
		res,
		byEndpoint.get('collections/massiveCollections.php') || [],
		storedCaseFiles,
		expect,
	);
	reportErrorOutput(h, res, expect);
	reportCaller(h, res, sb, byEndpoint, storedCaseFiles, expect);
}

/** @param {ReceivedRequest[]} calls @param {Sandbox} sb @param {number} sheetRows @param {Expect} expect */
function reportApiUse(calls, sb, sheetRows, expect) {
	const stats = sb.stats();
	const tokenStats =
		Object.values(stats.perToken).find((t) => t.operation === SANDBOX_OPERATION) || {};
	say('');
	say(bold('API use'));
	const failedCalls = calls.filter((c) => c.status < 200 || c.status >= 300);
	const spent = calls.filter((c) => c.quotaSpent).length;
	say(
		`  ${plural(calls.length, 'API call')} by the workflow, ${plural(spent, 'token use')}` +
			` (token ${tokenStats.used} of ${tokenStats.quota} used today, ${tokenStats.remaining} left, counting the set-up call)`,
	);
	say(
		`  refused: ${failedCalls.length} (concurrency ${stats.rejectedConcurrency}, quota ${stats.rejectedQuota}); ` +
			`most calls in flight at once: ${stats.maxInFlightObserved}`,
	);
	say(
		dim(
			`  one call per sheet row, as an HTTP Request per row would do, would have taken ${sheetRows} calls for the portfolio alone`,
		),
	);
	say(
		dim(
			`  set-up before the run: 1 call (this script loaded ${CALLER_CASE_FILE.Name}'s case file as last month's load)`,
		),
	);
	expect(
		failedCalls.length === 0,
		`${failedCalls.length} API call(s) were refused: ${failedCalls.map((c) => `${c.path} ${c.status}`).join(', ')}`,
	);
	expect(
		stats.rejectedConcurrency === 0,
		`${stats.rejectedConcurrency} call(s) were refused for concurrency`,
	);
}

/**
 * Prints what happened and returns the problems found (empty = the demo did what it should).
 * @param {Runner} h
 * @param {ExecResult} res
 * @param {Sandbox} sb
 * @param {ReportContext} ctx
 * @returns {string[]}
 */
function report(h, res, sb, ctx) {
	/** @type {string[]} */
	const problems = [];
	/** @type {Expect} */
	const expect = (ok, msg) => {
		if (!ok) problems.push(msg);
		return ok;
	};
	const calls = sb.requests({ since: ctx.seedSeq });
	const byEndpoint = callsByEndpoint(calls);
	const sheetRows = h.itemsOf(res, N.sheet).length;
	reportRun(res, ctx, sb, expect);
	reportSent(byEndpoint, sheetRows);
	reportAnswers(h, res, sb, byEndpoint, expect);
	reportApiUse(calls, sb, sheetRows, expect);
	return problems;
}

module.exports = { report };
