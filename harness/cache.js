'use strict';
/**
 * Shared by the installers that fill `.cache/` (harness/n8n/ensureNode.js, harness/n8n/ensureN8n.js): the repository's
 * cache folder, and the environment for an npm install there. (Their lock: harness/lock.js.)
 */

const path = require('path');

const REPO_DIR = path.resolve(__dirname, '..');

/** @returns {string} `<repo>/.cache` */
function cacheRoot() {
	return path.join(REPO_DIR, '.cache');
}

/**
 * The environment for an install outside the project. Under `npm test`, npm hands the project's settings to child
 * processes as npm_config_* variables (among them ignore-scripts=true from the project's .npmrc); they are dropped
 * so the install in `.cache/` gets npm's defaults and the user's own configuration.
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function cleanNpmEnv(extra = {}) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_(config|package|lifecycle)_/i.test(key)) env[key] = value;
	}
	return { ...env, ...extra };
}

module.exports = { REPO_DIR, cacheRoot, cleanNpmEnv };
