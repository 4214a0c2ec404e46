'use strict';
/** The sandbox's HTTP plumbing: reading a request body within a limit, writing a JSON answer, reading a header. */

/**
 * Reads the whole body, as bytes (a form's file parts) and as text. Past `limit` it keeps draining (so the client
 * can read the answer) but stops storing.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<{ text: string, buffer: Buffer, bytes: number, tooLarge: boolean }>}
 */
function readBody(req, limit) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let bytes = 0;
		let tooLarge = false;
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			const buffer = tooLarge || bytes === 0 ? Buffer.alloc(0) : Buffer.concat(chunks, bytes);
			resolve({ text: buffer.toString('utf8'), buffer, bytes, tooLarge });
		};
		req.on('data', (/** @type {Buffer} */ chunk) => {
			bytes += chunk.length;
			if (tooLarge) return;
			if (bytes > limit) {
				tooLarge = true;
				chunks.length = 0;
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', finish);
		req.on('error', finish);
		req.on('close', finish);
	});
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers) {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		...(headers || {}),
	});
	res.end(text);
}

/** @param {string|string[]|undefined} v */
function headerValue(v) {
	const s = Array.isArray(v) ? v.join(', ') : v;
	return s && s.trim() ? s.trim() : '';
}

module.exports = { readBody, sendJson, headerValue };
