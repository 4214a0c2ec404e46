'use strict';
/**
 * The package into an n8n user folder: `npm pack`, then the tarball installed into `<folder>/.n8n/nodes` the way
 * n8n's community-package installer does it.
 */

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { log, secs, makeTempDir, run, tail } = require('./processes');

/** @typedef {import('./n8nCli').UserFolder} UserFolder */

/**
 * `npm pack` the package (already built: run `npm run build` first) into a temp folder.
 * @param {string} repoDir package root
 * @param {{outDir?: string, ignoreScripts?: boolean}} [opts] ignoreScripts defaults to true (no prepack rebuild)
 * @returns {Promise<string>} absolute tarball path
 */
async function packPackage(repoDir, opts = {}) {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoDir, 'package.json'), 'utf8'));
	const missing = ((pkg.n8n && [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])]) || []).filter(
		(p) => !fs.existsSync(path.join(repoDir, p)),
	);
	if (missing.length) throw new Error(`${pkg.name}: not built, missing ${missing.join(', ')} (run npm run build)`);
	const outDir = opts.outDir || makeTempDir('pack');
	fs.mkdirSync(outDir, { recursive: true });
	const args = ['pack', '--json', '--pack-destination', outDir];
	if (opts.ignoreScripts !== false) args.push('--ignore-scripts');
	const r = await run('npm', args, { cwd: repoDir, timeoutMs: 300000 });
	if (r.rc !== 0) throw new Error(`npm pack failed (rc ${r.rc}):\n${tail(r.stderr || r.stdout)}`);
	let filename = '';
	try {
		filename = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')))[0].filename;
	} catch {
		filename = fs.readdirSync(outDir).find((n) => n.endsWith('.tgz')) || '';
	}
	const tarball = path.join(outDir, path.basename(filename.replace(/^@/, '').replace(/\//, '-')));
	if (!filename || !fs.existsSync(tarball))
		throw new Error(`npm pack: no tarball found in ${outDir}\n${tail(r.stdout)}`);
	log(
		`pack ${pkg.name}@${pkg.version}: ${secs(r.ms)} → ${tarball} (${(fs.statSync(tarball).size / 1024).toFixed(1)} KB)`,
	);
	return tarball;
}

/**
 * Reads `package/package.json` out of a tarball made by `npm pack`.
 * @param {string} tarball
 * @returns {Promise<any>}
 */
async function tarballManifest(tarball) {
	const r = await run('tar', ['-xzOf', path.resolve(tarball), 'package/package.json'], { timeoutMs: 60000 });
	if (r.rc !== 0) throw new Error(`cannot read package.json from ${tarball}: ${r.stderr}`);
	return JSON.parse(r.stdout);
}

/**
 * Installs one tarball into `<nodesDir>/node_modules/<name>` exactly like n8n's
 * CommunityPackagesService.downloadPackage (the same in 2.8.4 and 2.41.1): extract with --strip-components=1, drop
 * devDependencies/peerDependencies/optionalDependencies from its package.json, run
 * `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 * --ignore-scripts=true --package-lock=false` inside the package folder, then record the
 * dependency in `<nodesDir>/package.json`.
 * @param {string} nodesDir
 * @param {string} tarball
 * @returns {Promise<string>} package name
 */
async function installLikeN8n(nodesDir, tarball) {
	const manifest = await tarballManifest(tarball);
	const pkgDir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(pkgDir, { recursive: true });
	const x = await run('tar', ['-xzf', path.resolve(tarball), '-C', pkgDir, '--strip-components=1'], {
		timeoutMs: 120000,
	});
	if (x.rc !== 0) throw new Error(`tar -xzf ${tarball} failed: ${x.stderr}`);
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = manifest; // eslint-disable-line no-unused-vars
	fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(kept, null, 2), 'utf-8');
	const r = await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: pkgDir, timeoutMs: 600000 },
	);
	if (r.rc !== 0) throw new Error(`npm install in ${pkgDir} failed (rc ${r.rc}):\n${tail(r.stderr || r.stdout)}`);
	const rootPj = path.join(nodesDir, 'package.json');
	const root = JSON.parse(fs.readFileSync(rootPj, 'utf8'));
	root.dependencies = { ...(root.dependencies || {}), [manifest.name]: manifest.version };
	fs.writeFileSync(rootPj, JSON.stringify(root, null, 2), 'utf-8');
	return manifest.name;
}

/**
 * Creates an N8N_USER_FOLDER and installs the package tarball(s) as community packages into
 * `<folder>/.n8n/nodes/node_modules`, so the node type is `<package-name>.<node name>`.
 *
 * installMode:
 * - `'n8n'` (default): what n8n's own installer does (see installLikeN8n): dev, peer and
 *   optional dependencies are dropped, so `n8n-workflow` and `zod` resolve to n8n's own copies.
 * - `'npm'`: `npm install --omit=dev --omit=peer --no-audit --no-fund <tgz...>` in `.n8n/nodes`
 *   (the same packages resolve as with installMode 'n8n').
 * @param {{tarball?: string|string[], encryptionKey?: string, folder?: string, installMode?: 'n8n'|'npm'}} [o]
 * @returns {Promise<UserFolder>}
 */
async function createUserFolder(o = {}) {
	const started = Date.now();
	const folder = o.folder ? path.resolve(o.folder) : makeTempDir('user');
	const encryptionKey = o.encryptionKey || crypto.randomBytes(24).toString('base64url');
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(folder, '.wolkvox-e2e.json'), JSON.stringify({ encryptionKey }, null, 2) + '\n');
	const pj = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pj)) fs.writeFileSync(pj, JSON.stringify({ private: true, dependencies: {} }, null, 2) + '\n');
	const tarballs = o.tarball ? (Array.isArray(o.tarball) ? o.tarball : [o.tarball]) : [];
	const mode = o.installMode || 'n8n';
	/** @type {string[]} */
	const packages = [];
	if (tarballs.length && mode === 'npm') {
		const r = await run(
			'npm',
			['install', '--omit=dev', '--omit=peer', '--no-audit', '--no-fund', ...tarballs.map((t) => path.resolve(t))],
			{ cwd: nodesDir, timeoutMs: 600000 },
		);
		if (r.rc !== 0)
			throw new Error(`npm install of ${tarballs.join(', ')} failed (rc ${r.rc}):\n${tail(r.stderr || r.stdout)}`);
		for (const t of tarballs) packages.push((await tarballManifest(t)).name);
	} else {
		for (const t of tarballs) packages.push(await installLikeN8n(nodesDir, t));
	}
	if (tarballs.length)
		log(`install ${packages.join(', ')} into ${nodesDir} (${mode} mode): ${secs(Date.now() - started)}`);
	return { folder, encryptionKey, nodesDir, packages };
}

module.exports = { packPackage, tarballManifest, installLikeN8n, createUserFolder };
