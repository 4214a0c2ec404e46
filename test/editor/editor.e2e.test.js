'use strict';
/**
 * What a user sees of the node in the real n8n editor (the default leg of the test matrix), in headless Chromium:
 * the Record → Create field form, the node's subtitle on the canvas, the words that find it in the node panel, and
 * a Spanish collections sheet's dry run and upload (to the wolkvox sandbox) as the node panel shows them.
 *
 * Needs: `npm run build` (dist/), the cached n8n (node scripts/ensure-n8n.js) and Debian's chromium
 * (/usr/bin/chromium, or CHROMIUM_PATH). Run with `npm run test:editor`.
 * WOLKVOX_E2E_TARBALL=<tgz> tests that tarball instead of packing; WOLKVOX_E2E_VERBOSE=1 prints the harness's step
 * timings; WOLKVOX_E2E_KEEP=1 keeps the n8n user folder.
 */

const h = require('../../harness/n8n/runner');
const { openEditorSession } = require('../../harness/editor/editorSession');
const { openWorkflow } = require('../../harness/editor/session');
const { executeWorkflow, nodeSubtitle, openNodePanel } = require('../../harness/editor/canvas');
const {
	addFixedCollectionRow,
	outputBranches,
	outputPanel,
	outputTable,
	scrollOutputTo,
	showOutputAs,
	showOutputBranch,
	parameterInput,
	parameterLabels,
	selectOption,
	shownParameterNames,
} = require('../../harness/editor/nodePanel');
const { searchNodePanel } = require('../../harness/editor/nodeCreator');
const { IDS, N } = require('../../harness/editor/workflows');
const { sheetRows } = require('../../harness/editor/collectionsSheet');

jest.setTimeout(600000);
h.setLogger(
	process.env.WOLKVOX_E2E_VERBOSE === '1' ? (l) => process.stderr.write(l + '\n') : () => {},
);

/** @type {import('../../harness/editor/editorSession').EditorSession} */
let session;
/** @type {import('playwright-core').Page} */
let page;

beforeAll(async () => {
	session = await openEditorSession({ tarball: process.env.WOLKVOX_E2E_TARBALL || undefined });
});

afterAll(async () => {
	if (session) await session.close();
	h.cleanup();
});

/** A fresh tab per group, so an unsaved edit of one workflow never stands in the way of the next. */
async function freshTab() {
	if (page) await page.close();
	page = await session.newPage();
	return page;
}

// Before the field form's test edits the Record workflow: an unsaved edit in a closed tab keeps that workflow
// "being edited in another tab" for a while.
describe('the canvas', () => {
	test('a node set to Bulk Collections → Upload reads "Upload: Bulk Collection" under its name', async () => {
		await freshTab();
		await openWorkflow(page, session.baseUrl, IDS.dryRun);
		expect(await nodeSubtitle(page, N.crm)).toBe('Upload: Bulk Collection');
	});

	test('a node set to Record → Create reads "Create: Record"', async () => {
		await freshTab();
		await openWorkflow(page, session.baseUrl, IDS.record);
		expect(await nodeSubtitle(page, N.crm)).toBe('Create: Record');
	});
});

describe('Record → Create, field by field', () => {
	/** @type {import('playwright-core').Locator} */
	let fields;

	beforeAll(async () => {
		await freshTab();
		await openWorkflow(page, session.baseUrl, IDS.record);
		await openNodePanel(page, N.crm);
		fields = await addFixedCollectionRow(page, 'fields');
	});

	test('"Add Field" opens a row with Field Name and Field Type first, and one Value for the default Text type', async () => {
		expect(await parameterLabels(fields)).toEqual(['Field Name', 'Field Type', 'Value']);
		expect(await shownParameterNames(fields)).toEqual(['name', 'valueType', 'value']);
	});

	test('a Telephone field shows its phone country sub-fields, and no currency sub-field', async () => {
		await selectOption(page, parameterInput(fields, 'valueType'), 'Telephone');
		expect(await parameterLabels(fields)).toEqual([
			'Field Name',
			'Field Type',
			'Phone Country',
			'Phone Country Code',
			'Value',
		]);
		const names = await shownParameterNames(fields);
		expect(names).toEqual(expect.arrayContaining(['country', 'countryCode']));
		expect(names).not.toContain('currencySymbol');
	});

	test('a Currency field shows Value Currency, and the phone sub-fields go away', async () => {
		await selectOption(page, parameterInput(fields, 'valueType'), 'Currency');
		expect(await parameterLabels(fields)).toEqual([
			'Field Name',
			'Field Type',
			'Value',
			'Value Currency',
			'Value in Base Currency',
		]);
		expect(await shownParameterNames(fields)).not.toContain('country');
	});

	test('back to Text, the row shows neither the phone nor the currency sub-fields', async () => {
		await selectOption(page, parameterInput(fields, 'valueType'), 'Text');
		expect(await parameterLabels(fields)).toEqual(['Field Name', 'Field Type', 'Value']);
		const names = await shownParameterNames(fields);
		expect(names).not.toContain('currencySymbol');
		expect(names).not.toContain('country');
	});

	test('a Table field takes its rows in the one JSON value field shown', async () => {
		await selectOption(page, parameterInput(fields, 'valueType'), 'Table');
		expect(await parameterLabels(fields)).toEqual(['Field Name', 'Field Type', 'Value']);
		expect(await shownParameterNames(fields)).toEqual(['name', 'valueType', 'jsonValue']);
	});
});

describe('the node panel search', () => {
	beforeAll(async () => {
		await freshTab();
		await openWorkflow(page, session.baseUrl, IDS.dryRun);
	});

	test.each(['cobranza', 'cartera', 'deudor', 'gestión', 'obligación', 'wolkvox'])(
		'"%s" finds Wolkvox CRM',
		async (words) => {
			expect(await searchNodePanel(page, words)).toContain('Wolkvox CRM');
		},
	);

	test("another service's name finds that node and not Wolkvox CRM", async () => {
		const names = await searchNodePanel(page, 'Google Sheets');
		expect(names).toContain('Google Sheets');
		expect(names).not.toContain('Wolkvox CRM');
	});
});

describe('Bulk Collections → Upload with a Spanish sheet', () => {
	test('the dry run shows which column feeds each field, and the column that feeds none', async () => {
		await freshTab();
		await openWorkflow(page, session.baseUrl, IDS.dryRun);
		expect(await executeWorkflow(page, N.crm)).toBe('success');
		await openNodePanel(page, N.crm);
		await showOutputAs(page, 'json');
		// The JSON view draws only the lines in sight: bring the report into it, then read it as shown.
		await scrollOutputTo(page, '"columns"', { block: 'start' });
		const shown = (
			await outputPanel(page).locator('[data-test-id="ndv-data-container"]').innerText()
		)
			.replace(/\s+/g, ' ')
			.replace(/([[{]) /g, '$1')
			.replace(/ ([\]}])/g, '$1');
		const report = shown.slice(shown.indexOf('"columns": {'), shown.indexOf('"body": {'));
		expect(report).toMatch(/^"columns": \{/);
		for (const [field, column] of [
			['Identification', 'Número Documento'],
			['Name', 'Nombre Completo'],
			['Email', 'Correo Electrónico'],
			['Telephone', 'Teléfono Celular'],
			['Address', 'Dirección'],
			['name', 'Producto'],
			['id', 'N° Obligación'],
			['total_balance', 'Saldo Capital'],
			['expiring_date', 'Fecha Vencimiento'],
			['days_delay', 'Días Mora'],
			['portfolio_type', 'Tipo Cartera'],
		])
			expect(report).toContain(`"${field}": "${column}"`);
		expect(report).toContain('"otherColumns": ["Ciudad"]');
	});

	test('an upload shows the case files on the success branch and the row to fix on the error branch', async () => {
		await freshTab();
		await openWorkflow(page, session.baseUrl, IDS.run);
		expect(await executeWorkflow(page, N.crm)).toBe('success');
		await openNodePanel(page, N.crm);
		await showOutputAs(page, 'table');
		expect(await outputBranches(page)).toEqual([
			'Success Branch (5 items)',
			'Error Branch (1 item)',
		]);
		await showOutputBranch(page, 0);
		const inserted = await outputTable(page);
		expect(inserted.headers.slice(0, 4)).toEqual([
			'Identification',
			'Name',
			'status',
			'obligations',
		]);
		expect(inserted.rows.map((r) => r.slice(0, 3))).toEqual([
			['1020304050', 'Daniela Castaño Ríos', 'inserted'],
			['0079456123', 'Jorge Iván Muñoz', 'inserted'],
			['52987001', 'Lucía Fernanda Peña', 'inserted'],
			['900123456', 'Distribuciones El Sol S.A.S.', 'inserted'],
			['1143998877', 'Andrés Felipe Rojas', 'inserted'],
		]);
		await showOutputBranch(page, 1);
		const toFix = await outputTable(page);
		const cell = (/** @type {string} */ header) => toFix.rows[0][toFix.headers.indexOf(header)];
		expect(toFix.rows).toHaveLength(1);
		expect(cell('Saldo Capital')).toBe('pendiente');
		expect(cell('error')).toContain('(column "Saldo Capital")');
		expect(cell('message')).toBe('This row was not sent. Correct it and load it again.');
	});

	test('with Include Summary Item, the summary has a branch of its own: the case files branch holds case files only', async () => {
		await freshTab();
		await openWorkflow(page, session.baseUrl, IDS.summary);
		expect(await executeWorkflow(page, N.crm)).toBe('success');
		await openNodePanel(page, N.crm);
		await showOutputAs(page, 'table');
		expect(await outputBranches(page)).toEqual([
			'Case Files Branch (5 items)',
			'Summary Branch (1 item)',
			'Error Branch (1 item)',
		]);
		await showOutputBranch(page, 0);
		const caseFiles = await outputTable(page);
		expect(caseFiles.headers).not.toContain('summary');
		expect(caseFiles.rows).toHaveLength(5);
		await showOutputBranch(page, 1);
		const summary = await outputTable(page);
		const cell = (/** @type {string} */ header) => summary.rows[0][summary.headers.indexOf(header)];
		expect(summary.rows).toHaveLength(1);
		expect([cell('rows'), cell('invalidRows'), cell('caseFiles')]).toEqual([String(sheetRows().length), '1', '5']);
	});
});
