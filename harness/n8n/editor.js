'use strict';
/** A real `n8n start` on 127.0.0.1 with an owner account set up or logged into, and an authenticated REST client. */

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { asFolder, buildEnv, runtime } = require('./n8nCli');
const { log, secs, installHooks, killGroup, freePort, track, tail } = require('./processes');

/** @typedef {import('./n8nCli').UserFolder} UserFolder */

/**
 * @typedef {object} Editor
 * @property {string} url e.g. http://127.0.0.1:5688
 * @property {number} port
 * @property {{email: string, password: string}} login
 * @property {string} cookie the `n8n-auth` cookie for /rest calls
 * @property {(method: string, p: string, body?: any) => Promise<{status: number, body: any}>} rest authenticated REST call
 * @property {string} logFile server log
 * @property {number} ms time until healthy + logged in
 * @property {number} pid
 * @property {() => Promise<void>} stop SIGTERM (then SIGKILL after 10 s); resolves when gone
 */

const OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2eTestPassw0rd!' };

/**
 * Starts `n8n start` on 127.0.0.1, waits for /healthz, then sets up (or logs into) the owner account.
 * @param {{folder: UserFolder|string, port?: number, owner?: {email: string, password: string, firstName?: string, lastName?: string}, timeoutMs?: number, env?: Record<string,string>}} o
 * @returns {Promise<Editor>}
 */
async function startEditor(o) {
	installHooks();
	const uf = asFolder(o.folder);
	const port = o.port || (await freePort());
	const brokerPort = await freePort();
	const owner = { ...OWNER, ...(o.owner || {}) };
	const url = `http://127.0.0.1:${port}`;
	const env = buildEnv({
		folder: uf.folder,
		encryptionKey: uf.encryptionKey,
		brokerPort,
		extra: {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_EDITOR_BASE_URL: `${url}/`,
			WEBHOOK_URL: `${url}/`,
			...(o.env || {}),
		},
	});
	const logFile = path.join(uf.folder, `n8n-start-${port}.log`);
	const fd = fs.openSync(logFile, 'a');
	const started = Date.now();
	const rt = runtime();
	const child = spawn(rt.nodeBin, [rt.n8nEntry, 'start'], {
		cwd: uf.folder,
		env,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	track(child);
	/** @type {Promise<void>} */
	const exited = new Promise((resolve) => child.on('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const t0 = Date.now();
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10000);
		await exited;
		clearTimeout(timer);
		try {
			process.kill(-child.pid, 'SIGKILL'); // stragglers (task runner) in the group
		} catch {
			/* none */
		}
		log(`editor on ${url} stopped in ${secs(Date.now() - t0)}`);
	};
	try {
		const deadline = Date.now() + (o.timeoutMs || 120000);
		for (;;) {
			if (child.exitCode !== null)
				throw new Error(
					`n8n start exited (rc ${child.exitCode}); log ${logFile}:\n${tail(fs.readFileSync(logFile, 'utf8'))}`,
				);
			if (Date.now() > deadline)
				throw new Error(`n8n start not healthy after ${o.timeoutMs || 120000} ms; log ${logFile}`);
			try {
				const h = await fetch(`${url}/healthz/readiness`);
				if (h.ok) break;
			} catch {
				/* not listening yet */
			}
			await new Promise((r) => setTimeout(r, 300));
		}
		const healthyMs = Date.now() - started;
		let cookie = '';
		/** @param {Response} res */
		const grabCookie = (res) => {
			const sc =
				typeof res.headers.getSetCookie === 'function'
					? res.headers.getSetCookie()
					: [res.headers.get('set-cookie') || ''];
			const auth = sc.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
			if (auth) cookie = auth;
		};
		const rest = async (method, p, body) => {
			const res = await fetch(`${url}${p}`, {
				method,
				headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			grabCookie(res);
			const text = await res.text();
			let parsed = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				/* not JSON */
			}
			return { status: res.status, body: parsed };
		};
		// /healthz/readiness turns 200 before the REST controllers are mounted ("Editor is now
		// accessible" comes ~1-2 s later); until then every /rest POST answers 404.
		let setup = await rest('POST', '/rest/owner/setup', owner);
		while (setup.status === 404 && Date.now() < deadline && child.exitCode === null) {
			await new Promise((r) => setTimeout(r, 250));
			setup = await rest('POST', '/rest/owner/setup', owner);
		}
		if (setup.status !== 200) {
			// Already set up (reused folder): log in instead.
			setup = await rest('POST', '/rest/login', {
				emailOrLdapLoginId: owner.email,
				email: owner.email,
				password: owner.password,
			});
			if (setup.status !== 200)
				throw new Error(`owner setup/login failed: ${setup.status} ${JSON.stringify(setup.body).slice(0, 300)}`);
		}
		const ms = Date.now() - started;
		log(
			`editor ${url}: healthy ${secs(healthyMs)}, logged in ${secs(ms)} (login ${owner.email} / ${owner.password}); log ${logFile}`,
		);
		return {
			url,
			port,
			login: { email: owner.email, password: owner.password },
			cookie,
			rest,
			logFile,
			ms,
			pid: child.pid,
			stop,
		};
	} catch (e) {
		await stop();
		throw e;
	}
}

module.exports = { startEditor };
