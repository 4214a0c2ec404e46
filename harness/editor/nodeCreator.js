'use strict';
/** The node panel a user opens with "+" to add a node: what it lists for a search. */

/** @typedef {import('playwright-core').Page} Page */

/**
 * Opens the node panel, types `text` into its search and returns the names it lists; closes the panel again.
 * @param {Page} page
 * @param {string} text
 * @returns {Promise<string[]>}
 */
async function searchNodePanel(page, text) {
	const creator = page.locator('[data-test-id="node-creator"]');
	if (!(await creator.isVisible()))
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const search = creator.locator('[data-test-id="node-creator-search-bar"]');
	await search.waitFor();
	const read = async () =>
		(await creator.locator('[data-test-id="node-creator-item-name"]').allInnerTexts())
			.map((n) => n.trim())
			.join('\n');
	const noResults = creator.locator('[data-test-id="node-creator-no-results"]');
	// What the panel lists before the search (its start view), to know when the search's results replaced it.
	const before = await read();
	await search.fill(text);
	let names = before;
	for (let k = 0; k < 80 && names === before && !(await noResults.isVisible()); k++) {
		await page.waitForTimeout(250);
		names = await read();
	}
	// The list can still be filling in: read it until two reads a moment apart agree.
	for (let k = 0; k < 40; k++) {
		await page.waitForTimeout(250);
		const again = await read();
		if (again === names) break;
		names = again;
	}
	// Escape closes the panel, except when the search found nothing: clear the search first.
	await search.fill('');
	await page.keyboard.press('Escape');
	await creator.waitFor({ state: 'hidden' });
	return names ? names.split('\n') : [];
}

module.exports = { searchNodePanel };
