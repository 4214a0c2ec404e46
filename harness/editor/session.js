'use strict';
/** Signing in to the n8n editor through its own form and opening a workflow on the canvas, ready to use. */

/** @typedef {import('playwright-core').Page} Page */

/**
 * Signs in with the owner's email and password on /signin, as a person would.
 * @param {Page} page
 * @param {string} baseUrl e.g. http://127.0.0.1:5688
 * @param {{email: string, password: string}} owner
 */
async function signIn(page, baseUrl, owner) {
	await page.goto(`${baseUrl}/signin`);
	await page
		.locator('[data-test-id="signin-form"] input[name="emailOrLdapLoginId"]')
		.fill(owner.email);
	await page.locator('[data-test-id="signin-form"] input[name="password"]').fill(owner.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60000 });
}

/**
 * Opens a workflow by id and waits until its nodes are on the canvas. When the editor says the workflow is being
 * edited in another tab (an earlier page of this browser still holds it), takes the editing over.
 * @param {Page} page
 * @param {string} baseUrl
 * @param {string} workflowId
 */
async function openWorkflow(page, baseUrl, workflowId) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60000 });
	const editHere = page.getByRole('button', { name: 'Edit here' });
	if (await editHere.isVisible()) await editHere.click();
	await editHere.waitFor({ state: 'hidden' });
}

/**
 * Closes every notification toast (e.g. "Workflow executed successfully"), which would cover part of a picture.
 * @param {Page} page
 */
async function closeToasts(page) {
	const close = page.locator('.el-notification .el-notification__closeBtn:visible');
	while ((await close.count()) > 0) {
		await close.first().click();
		await page.waitForTimeout(300); // the toast's leave animation; the next one moves up
	}
}

module.exports = { signIn, openWorkflow, closeToasts };
