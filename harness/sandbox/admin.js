'use strict';
/**
 * The sandbox's own routes under /__sandbox: what it received, its counters, its settings, what it stored, and
 * reset / configure, for processes that run the sandbox apart (`npm run sandbox`).
 */

const { readBody, sendJson } = require('./httpIo.js');

const ADMIN_PREFIX = '/__sandbox';

const ROUTES_HELP = [
	'GET /__sandbox/health',
	'GET /__sandbox/requests?path=&since=&limit=',
	'GET /__sandbox/stats',
	'GET /__sandbox/config',
	'POST /__sandbox/config',
	'POST /__sandbox/reset',
	'GET /__sandbox/store[?full=1&module=&limit=]',
	'GET /__sandbox/store/records?module=',
	'GET /__sandbox/store/caseFiles?identification=',
	'GET /__sandbox/store/obligations?wolkvox_id=',
	'GET /__sandbox/store/gestiones',
	'GET /__sandbox/store/cases?wolkvox_id=',
];

/** @param {URLSearchParams} q */
function storeFilter(q) {
	return {
		module: q.get('module') || undefined,
		limit: q.has('limit') ? Number(q.get('limit')) : 1000,
	};
}

/** @param {string} pathname */
function isAdminPath(pathname) {
	return pathname === ADMIN_PREFIX || pathname.startsWith(ADMIN_PREFIX + '/');
}

/**
 * The answer to a GET of the sandbox's state, or undefined for an unknown route.
 * @param {import('./server.js').Sandbox} sandbox
 * @param {import('./server.js').SandboxState} state
 * @param {string} route
 * @param {URLSearchParams} q
 * @returns {unknown}
 */
function readRoute(sandbox, state, route, q) {
	switch (route) {
		case '/':
		case '/health':
			return { ok: true, url: sandbox.url, port: sandbox.port };
		case '/requests':
			return {
				requests: sandbox.requests({
					path: q.get('path') || undefined,
					since: q.has('since') ? Number(q.get('since')) : undefined,
					limit: q.has('limit') ? Number(q.get('limit')) : undefined,
				}),
			};
		case '/stats':
			return sandbox.stats();
		case '/config':
			return sandbox.config();
		case '/store':
			return q.has('full') ? sandbox.store(storeFilter(q)) : state.store.counts();
		case '/store/records':
			return { records: sandbox.store(storeFilter(q)).records };
		case '/store/caseFiles': {
			const ident = q.get('identification');
			const all = sandbox.store(ident ? {} : storeFilter(q)).caseFiles;
			return { caseFiles: ident ? all.filter((c) => c.Identification === ident) : all };
		}
		case '/store/obligations': {
			const caseId = q.get('wolkvox_id');
			return { obligations: caseId ? state.store.obligationsOf(caseId) : sandbox.store(storeFilter(q)).obligations };
		}
		case '/store/gestiones':
			return { gestiones: sandbox.store(storeFilter(q)).gestiones };
		case '/store/cases': {
			const caseId = q.get('wolkvox_id');
			const all = sandbox.store(caseId ? {} : storeFilter(q)).cases;
			return { cases: caseId ? all.filter((c) => c.wolkvox_id === caseId) : all };
		}
		default:
			return undefined;
	}
}

/**
 * POST /__sandbox/config: a JSON patch, as configure() takes it.
 * @param {import('./server.js').Sandbox} sandbox
 * @param {import('node:http').ServerResponse} res
 * @param {string} text
 */
function postConfig(sandbox, res, text) {
	let patch;
	try {
		patch = text ? JSON.parse(text) : {};
	} catch {
		return sendJson(res, 400, { error: 'config body must be JSON' });
	}
	try {
		return sendJson(res, 200, sandbox.configure(patch));
	} catch (err) {
		return sendJson(res, 400, { error: String(err && /** @type {Error} */ (err).message) });
	}
}

/**
 * @param {import('./server.js').Sandbox} sandbox
 * @param {import('./server.js').SandboxState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
async function handleAdmin(sandbox, state, req, res, url) {
	const route = url.pathname.slice(ADMIN_PREFIX.length) || '/';
	const method = (req.method || 'GET').toUpperCase();
	const raw = await readBody(req, 16 * 1024 * 1024);
	const key = `${method} ${route}`;
	if (key === 'POST /reset') {
		sandbox.reset();
		return sendJson(res, 200, { ok: true });
	}
	if (key === 'POST /config') return postConfig(sandbox, res, raw.text);
	const answer = method === 'GET' ? readRoute(sandbox, state, route, url.searchParams) : undefined;
	if (answer !== undefined) return sendJson(res, 200, answer);
	return sendJson(res, 404, { error: `unknown sandbox admin route ${key}`, routes: ROUTES_HELP });
}

module.exports = { ADMIN_PREFIX, isAdminPath, handleAdmin };
