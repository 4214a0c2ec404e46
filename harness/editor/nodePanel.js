'use strict';
/**
 * Inside an open node panel: a parameter's input, choosing a dropdown option, the labels shown, adding a row to a
 * fixed collection, the output panel's display mode and branches.
 */

/** @typedef {import('playwright-core').Page} Page @typedef {import('playwright-core').Locator} Locator */

/** @param {Page} page */
const panel = (page) => page.locator('[data-test-id="ndv"]');

/** @param {Page} page */
async function closeNodePanel(page) {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await panel(page).waitFor({ state: 'hidden' });
}

/**
 * A parameter's input by the parameter's name, inside `scope` (a page: its open node panel).
 * @param {Page|Locator} scope
 * @param {string} name
 */
function parameterInput(scope, name) {
	const within = 'goto' in scope ? panel(scope) : scope;
	return within.locator(`[data-test-id="parameter-input-${name}"]`);
}

/**
 * Opens a dropdown parameter and picks the option whose name is exactly this text (an option with a
 * description shows the description under the name).
 * @param {Page} page
 * @param {Locator} input from parameterInput
 * @param {string} optionText
 */
async function selectOption(page, input, optionText) {
	await input.click();
	const options = page.locator('.el-select-dropdown__item:visible');
	await options.first().waitFor();
	const names = (await options.allInnerTexts()).map((t) => t.split('\n')[0].trim());
	const index = names.indexOf(optionText);
	if (index < 0) throw new Error(`no option "${optionText}" among ${JSON.stringify(names)}`);
	await options.nth(index).click();
	await options.first().waitFor({ state: 'hidden' });
}

/**
 * The parameter labels shown inside `scope`, top to bottom (without the Fixed/Expression toggle's words).
 * @param {Locator} scope
 * @returns {Promise<string[]>}
 */
async function parameterLabels(scope) {
	const texts = await scope.locator('[data-test-id="input-label"]').allInnerTexts();
	return texts.map((t) => t.split('\n')[0].trim());
}

/**
 * The names of the parameters whose inputs are shown inside `scope` (from their `parameter-input-<name>` ids).
 * @param {Locator} scope
 * @returns {Promise<string[]>}
 */
async function shownParameterNames(scope) {
	return scope
		.locator('[data-test-id^="parameter-input-"]')
		.evaluateAll((els) =>
			els
				.map((e) =>
					/** @type {string} */ (e.getAttribute('data-test-id')).replace(/^parameter-input-/, ''),
				)
				.filter((n) => n !== 'field' && n !== 'hint'),
		);
}

/**
 * Clicks a fixed collection's add button (e.g. "Add Field") and returns the collection.
 * @param {Page} page
 * @param {string} name the fixedCollection parameter's name
 */
async function addFixedCollectionRow(page, name) {
	const collection = panel(page).locator(`[data-test-id="fixed-collection-${name}"]`);
	await collection.locator('[data-test-id="fixed-collection-add"]').click();
	return collection;
}

/**
 * Drags the parameters pane sideways by `dx` pixels (negative = left), as a user does with its grip, to give the
 * output more room.
 * @param {Page} page
 * @param {number} dx
 */
async function dragParametersPane(page, dx) {
	const grip = panel(page).locator('[data-test-id="panel-drag-button"]');
	const box = await grip.boundingBox();
	if (!box) throw new Error('the node panel has no drag grip');
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	await page.mouse.move(x, y);
	await page.mouse.down();
	for (let k = 1; k <= 10; k++) await page.mouse.move(x + (dx * k) / 10, y);
	await page.mouse.up();
}

/** @param {Page} page */
const outputPanel = (page) => page.locator('[data-test-id="output-panel"]');

/**
 * Switches the output panel to Schema, Table or JSON.
 * @param {Page} page
 * @param {'schema'|'table'|'json'} mode
 */
async function showOutputAs(page, mode) {
	await outputPanel(page).locator(`[data-test-id="radio-button-${mode}"]`).click();
}

/**
 * The output's branch tabs (e.g. "Success Branch (5 items)", "Error Branch (1 item)").
 * @param {Page} page
 * @returns {Promise<string[]>}
 */
async function outputBranches(page) {
	return (
		await outputPanel(page)
			.locator('[data-test-id="branches"] [data-test-id^="tab-"]')
			.allInnerTexts()
	).map((t) => t.trim());
}

/**
 * Shows one output branch: 0 = the main (success) output, 1 = the error output.
 * @param {Page} page
 * @param {number} index
 */
async function showOutputBranch(page, index) {
	await outputPanel(page)
		.locator(`[data-test-id="branches"] [data-test-id="tab-${index}"]`)
		.click();
}

/**
 * The output table as shown: its header cells and each row's cells.
 * @param {Page} page
 * @returns {Promise<{headers: string[], rows: string[][]}>}
 */
async function outputTable(page) {
	const table = outputPanel(page).locator('[data-test-id="ndv-data-container"] table').first();
	await table.waitFor();
	return table.evaluate((t) => ({
		headers: Array.from(t.querySelectorAll('thead th'), (th) =>
			/** @type {HTMLElement} */ (th).innerText.trim(),
		),
		rows: Array.from(t.querySelectorAll('tbody tr'), (tr) =>
			Array.from(tr.querySelectorAll('td'), (td) =>
				/** @type {HTMLElement} */ (td).innerText.trim(),
			),
		),
	}));
}

/**
 * Scrolls the output so that the first element showing `text` (a JSON key such as `"columns"`, a table header)
 * is where `at` puts it, e.g. `{ block: 'start' }` at the top, `{ inline: 'start' }` at the left edge.
 * @param {Page} page
 * @param {string} text
 * @param {{block?: 'start'|'center'|'nearest', inline?: 'start'|'center'|'nearest'}} [at]
 */
async function scrollOutputTo(page, text, at = { block: 'start' }) {
	const found = await outputPanel(page)
		.locator('[data-test-id="ndv-data-container"]')
		.evaluate((container, [t, where]) => {
			const first = Array.from(container.querySelectorAll('*')).find(
				(e) => e.children.length === 0 && (e.textContent || '').includes(t),
			);
			if (!first) return false;
			first.scrollIntoView({ block: 'nearest', inline: 'nearest', ...where });
			return true;
		}, /** @type {[string, ScrollIntoViewOptions]} */ ([text, at]));
	if (!found) throw new Error(`the output shows no "${text}"`);
}

module.exports = {
	dragParametersPane,
	scrollOutputTo,
	panel,
	closeNodePanel,
	parameterInput,
	selectOption,
	parameterLabels,
	shownParameterNames,
	addFixedCollectionRow,
	outputPanel,
	showOutputAs,
	outputBranches,
	showOutputBranch,
	outputTable,
};
