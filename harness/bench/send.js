'use strict';
/**
 * One bulk call from the benchmark, the way n8n's httpRequest helper makes it (axios 1.x, http adapter): the body
 * object stringified, the string encoded into a Buffer, written with Content-Length on a keep-alive connection;
 * or through fetch (undici) with `--client fetch`.
 */

const http = require('http');
const { TOKENS } = require('./settings');

const HEADERS = {
	'Content-Type': 'application/json',
	Accept: 'application/json',
	'Wolkvox-Token': TOKENS.inProcess,
};
/** @type {http.Agent|undefined} */
let agent;

/** @param {string} text */
function parseJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/**
 * @param {string} url
 * @param {unknown} body
 * @returns {Promise<{ status: number|undefined, json: any, text: string }>}
 */
function sendWithHttp(url, body) {
	agent = agent || new http.Agent({ keepAlive: true, maxSockets: 1 });
	const data = Buffer.from(JSON.stringify(body), 'utf-8');
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: 'POST', agent, headers: { ...HEADERS, 'Content-Length': data.length } },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode, json: parseJson(text), text }));
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(data);
	});
}

/**
 * @param {string} url
 * @param {unknown} body
 * @returns {Promise<{ status: number, json: any, text: string }>}
 */
async function sendWithFetch(url, body) {
	const res = await fetch(url, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, json: parseJson(text), text };
}

/**
 * Loads the chosen client once before the rows exist (fetch's undici and its WASM parser load lazily, about
 * 10 MB), so that the memory baseline holds it.
 * @param {string} url the sandbox
 * @param {'http'|'fetch'} client
 */
async function warmUpClient(url, client) {
	if (client === 'fetch') {
		await (await fetch(url + '/__sandbox/health')).text();
		return;
	}
	await new Promise((resolve, reject) =>
		http.get(url + '/__sandbox/health', (r) => r.resume().on('end', resolve)).on('error', reject),
	);
}

/** @param {'http'|'fetch'} client */
const senderFor = (client) => (client === 'fetch' ? sendWithFetch : sendWithHttp);

module.exports = { senderFor, warmUpClient };
