'use strict';
/**
 * The demo's n8n user folder (.cache/demo-user, or WOLKVOX_DEMO_USER_FOLDER), kept between runs: one demo at a
 * time uses it; the package is reinstalled there when its tarball changed and the folder recreated when the n8n
 * version changed; the credential is imported again only when the sandbox's URL changed or it was edited.
 * A state file in the folder remembers what is there.
 */

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { tryLock } = require('../lock');
const { REPO, CREDENTIAL, sandboxCredential } = require('./demoWorkflow');

const USER_FOLDER = path.resolve(process.env.WOLKVOX_DEMO_USER_FOLDER || path.join(REPO, '.cache', 'demo-user'));
const STATE_FILE = path.join(USER_FOLDER, '.wolkvox-demo.json');
const LOCK_DIR = `${USER_FOLDER}.lock`;

/** @typedef {typeof import('../n8n/runner')} Runner */

/** @returns {any} the demo folder's state file ({} when missing) */
function readState() {
	try {
		return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	} catch {
		return {};
	}
}

/** Merges `patch` into the state file. @param {object} patch */
function writeState(patch) {
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	fs.writeFileSync(STATE_FILE, JSON.stringify({ ...readState(), ...patch }, null, 2) + '\n');
}

/** One demo at a time per user folder (two n8n processes on one sqlite file and one owner would trip). */
function takeLock() {
	const lock = tryLock(LOCK_DIR);
	if (!lock.release) throw new Error(`another demo (pid ${lock.holder || '?'}) is using ${USER_FOLDER}; stop it first`);
}

/** @param {string} file @returns {string} */
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * The demo user folder with the current package installed; reinstalls it when the tarball changed.
 * @param {Runner} h
 * @param {string} tarball
 * @param {string} n8nVersion
 * @returns {Promise<{folder: string, installed: 'reused'|'installed'|'created', ms: number, manifest: any}>}
 */
async function prepareUserFolder(h, tarball, n8nVersion) {
	const started = Date.now();
	const manifest = await h.tarballManifest(tarball);
	const tarballSha = sha256(tarball);
	const state = readState();
	let mode = /** @type {'reused'|'installed'|'created'} */ ('reused');
	const keyFile = path.join(USER_FOLDER, '.wolkvox-e2e.json');
	if (state.n8nVersion !== n8nVersion || !fs.existsSync(keyFile)) {
		// First run, an n8n upgrade or a damaged folder: start from scratch (the demo keeps nothing of value).
		fs.rmSync(USER_FOLDER, { recursive: true, force: true });
		mode = 'created';
	}
	const pkgJson = path.join(USER_FOLDER, '.n8n', 'nodes', 'node_modules', manifest.name, 'package.json');
	if (mode === 'created' || state.tarballSha256 !== tarballSha || !fs.existsSync(pkgJson)) {
		const encryptionKey =
			mode === 'created'
				? crypto.randomBytes(24).toString('base64url')
				: JSON.parse(fs.readFileSync(keyFile, 'utf8')).encryptionKey;
		await h.createUserFolder({ folder: USER_FOLDER, encryptionKey, tarball });
		if (mode !== 'created') mode = 'installed';
		if (mode === 'created') fs.writeFileSync(STATE_FILE, '{}\n'); // nothing of the old folder is valid any more
		writeState({
			n8nVersion,
			package: manifest.name,
			version: manifest.version,
			tarballSha256: tarballSha,
			installedAt: new Date().toISOString(),
		});
	}
	return { folder: USER_FOLDER, installed: mode, ms: Date.now() - started, manifest };
}

/**
 * When the credential was last changed in n8n's database, or undefined when it is not there.
 * @param {Runner} h
 * @param {string} folder
 */
async function credentialUpdatedAt(h, folder) {
	const row = (await h.queryDb(folder, 'select updatedAt from credentials_entity where id = ?', [CREDENTIAL.id]))[0];
	return row && row.updatedAt;
}

/**
 * Whether the credential in n8n already points at this sandbox and nobody edited or deleted it since (e.g. in the
 * editor), which its updatedAt in n8n's database tells.
 * @param {Runner} h
 * @param {string} folder
 * @param {string} sandboxUrl
 */
async function credentialIsCurrent(h, folder, sandboxUrl) {
	const updatedAt = await credentialUpdatedAt(h, folder);
	const last = readState().credential || {};
	return !!updatedAt && last.url === sandboxUrl && last.updatedAt === updatedAt;
}

/**
 * Imports the sandbox credential and remembers which sandbox it points at.
 * @param {Runner} h
 * @param {string} folder
 * @param {string} sandboxUrl
 */
async function importCredential(h, folder, sandboxUrl) {
	await h.importCredentials(folder, [sandboxCredential(sandboxUrl)]);
	writeState({ credential: { url: sandboxUrl, updatedAt: await credentialUpdatedAt(h, folder) } });
}

module.exports = { readState, writeState, takeLock, prepareUserFolder, credentialIsCurrent, importCredential };
