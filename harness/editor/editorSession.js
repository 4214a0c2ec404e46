'use strict';
/**
 * Everything a look at the package in the editor needs, started together and stopped together: the wolkvox
 * sandbox, a real n8n with the packed package, the sandbox credential and the editor workflows imported, and
 * headless Chromium signed in as the owner.
 */

const { startSandbox } = require('../sandbox/server');
const { launchChromium } = require('./chromium');
const { startEditorServer } = require('./server');
const { signIn } = require('./session');
const { editorWorkflows, sandboxCredential } = require('./workflows');

/**
 * @typedef {object} EditorSession
 * @property {import('playwright-core').Page} page signed in
 * @property {() => Promise<import('playwright-core').Page>} newPage another tab of the same signed-in browser
 * @property {string} baseUrl the editor's URL
 * @property {import('../sandbox/server').Sandbox} sandbox
 * @property {() => Promise<void>} close browser, n8n, sandbox
 */

/**
 * @param {{tarball?: string}} [o]
 * @returns {Promise<EditorSession>}
 */
async function openEditorSession(o = {}) {
	/** @type {Array<() => Promise<void>|void>} */
	const stops = [];
	const close = async () => {
		for (const stop of stops.reverse()) await stop();
		stops.length = 0;
	};
	try {
		const sandbox = await startSandbox({});
		stops.push(() => sandbox.close());
		const server = await startEditorServer({
			tarball: o.tarball,
			credentials: [sandboxCredential(sandbox.url)],
			workflows: editorWorkflows(),
		});
		stops.push(() => server.stop());
		const browser = await launchChromium();
		stops.push(() => browser.close());
		await signIn(browser.page, server.editor.url, server.owner);
		return {
			page: browser.page,
			newPage: () => browser.context.newPage(),
			baseUrl: server.editor.url,
			sandbox,
			close,
		};
	} catch (e) {
		await close();
		throw e;
	}
}

module.exports = { openEditorSession };
