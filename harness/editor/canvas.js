'use strict';
/** The workflow canvas: a node by its name, the subtitle it shows, running the workflow, opening a node's panel. */

/** @typedef {import('playwright-core').Page} Page */

/** @param {Page} page @param {string} name */
function canvasNode(page, name) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

/**
 * The line under a node's name on the canvas (n8n renders the node type's `subtitle` expression there).
 * @param {Page} page
 * @param {string} name
 * @returns {Promise<string>}
 */
async function nodeSubtitle(page, name) {
	const lines = (
		await canvasNode(page, name).locator('[data-test-id="canvas-default-node"]').innerText()
	)
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	return lines.filter((l) => l !== name).join('\n');
}

/**
 * Clicks "Execute workflow" and waits until the given node has run (its success or error mark on the canvas).
 * @param {Page} page
 * @param {string} lastNode
 * @param {{timeoutMs?: number}} [o]
 * @returns {Promise<'success'|'error'>}
 */
async function executeWorkflow(page, lastNode, o = {}) {
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	const node = canvasNode(page, lastNode);
	const success = node.locator('[data-test-id="canvas-node-status-success"]');
	const error = node.locator(
		'[data-test-id="canvas-node-status-error"], [data-test-id="canvas-node-status-issues"]',
	);
	await success
		.or(error)
		.first()
		.waitFor({ timeout: o.timeoutMs || 120000 });
	return (await success.count()) > 0 ? 'success' : 'error';
}

/**
 * Opens a node's panel (double click on the canvas) and waits for it.
 * @param {Page} page
 * @param {string} name
 */
async function openNodePanel(page, name) {
	await canvasNode(page, name).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor();
	await page.locator('[data-test-id="node-parameters"]').waitFor();
}

module.exports = { canvasNode, nodeSubtitle, executeWorkflow, openNodePanel };
