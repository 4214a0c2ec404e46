'use strict';
/**
 * A real n8n editor with this package in it, as a user who installed the community package has it: the built
 * package packed, installed into a fresh user folder the way n8n's installer does, the given credentials and
 * workflows imported with n8n's CLI, then `n8n start` on a free loopback port with an owner account.
 * The n8n is the default leg of harness/n8n/matrix.js (WOLKVOX_N8N_VERSION picks another).
 */

const path = require('path');
const h = require('../n8n/runner');

const REPO = path.resolve(__dirname, '..', '..');

/** A login for the throw-away editor only (n8n wants 8+ characters, a digit and an upper-case letter). */
const OWNER = {
	email: 'editor@example.com',
	firstName: 'Ana',
	lastName: 'Gestora',
	password: 'EditorTest2026',
};

/**
 * @typedef {object} EditorServer
 * @property {import('../n8n/runner').Editor} editor
 * @property {import('../n8n/runner').UserFolder} folder
 * @property {{email: string, password: string}} owner
 * @property {() => Promise<void>} stop
 */

/**
 * @param {{credentials?: import('../n8n/runner').CredentialFixture[], workflows?: object[], tarball?: string}} [o]
 * @returns {Promise<EditorServer>}
 */
async function startEditorServer(o = {}) {
	const tarball = o.tarball || (await h.packPackage(REPO));
	const folder = await h.createUserFolder({ tarball });
	if (o.credentials && o.credentials.length) await h.importCredentials(folder, o.credentials);
	if (o.workflows && o.workflows.length) await h.importWorkflows(folder, o.workflows);
	const editor = await h.startEditor({ folder, owner: OWNER });
	return { editor, folder, owner: OWNER, stop: editor.stop };
}

module.exports = { REPO, OWNER, startEditorServer };
