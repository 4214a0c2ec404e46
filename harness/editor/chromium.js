'use strict';
/**
 * Headless Chromium from Debian's package, driven by playwright-core: Playwright's own browser downloads do not
 * work on a closed network, so the system browser is launched with the flags that keep it off the network.
 */

const fs = require('fs');
const { makeTempDir } = require('../n8n/processes');

/** Where Debian's `chromium` package puts the browser (CHROMIUM_PATH overrides). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps dialling Google services the closed network refuses. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The viewport the pictures and the tests use: a common laptop screen, wide enough for n8n's three-pane node panel. */
const VIEWPORT = { width: 1440, height: 900 };

/**
 * Launches Chromium headless with a fresh profile (a temp folder removed on exit).
 * @param {{viewport?: {width: number, height: number}}} [o]
 * @returns {Promise<{context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close: () => Promise<void>}>}
 */
async function launchChromium(o = {}) {
	if (!fs.existsSync(CHROMIUM_PATH))
		throw new Error(
			`no Chromium at ${CHROMIUM_PATH}: install it with apt-get install -y chromium (or set CHROMIUM_PATH)`,
		);
	const { chromium } = require('playwright-core');
	const context = await chromium.launchPersistentContext(makeTempDir('chromium'), {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: o.viewport || VIEWPORT,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	const page = context.pages()[0] || (await context.newPage());
	return { context, page, close: () => context.close() };
}

module.exports = { CHROMIUM_PATH, CHROMIUM_ARGS, VIEWPORT, launchChromium };
