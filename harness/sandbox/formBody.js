'use strict';
/**
 * Form bodies as PHP reads them: multipart/form-data (text fields and file parts, RFC 7578) and
 * application/x-www-form-urlencoded. Pure, no dependencies: bytes and Content-Type in, fields and files out.
 */

/**
 * @typedef {{ name: string, filename: string, contentType: string, data: Buffer }} FilePart
 * @typedef {{ fields: Record<string, string>, files: FilePart[] }} Form
 */

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** @param {string} contentType */
function boundaryOf(contentType) {
	const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return m ? m[1] || m[2] : '';
}

/**
 * A header parameter such as `name="x"`, unquoted or quoted (with `\"` escapes).
 * @param {string} header
 * @param {string} key
 * @returns {string|undefined}
 */
function headerParam(header, key) {
	const m = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
	if (!m) return undefined;
	return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

/**
 * One part's headers, lower-cased names.
 * @param {string} block
 * @returns {Record<string, string>}
 */
function partHeaders(block) {
	/** @type {Record<string, string>} */
	const headers = {};
	for (const line of block.split('\r\n')) {
		const at = line.indexOf(':');
		if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
	}
	return headers;
}

/**
 * @param {Buffer} buf
 * @param {string} contentType
 * @returns {{ form: Form } | { error: string }}
 */
function parseMultipart(buf, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) return { error: 'multipart/form-data needs a boundary in its Content-Type' };
	const delimiter = Buffer.from(`--${boundary}`);
	const between = Buffer.concat([CRLF, delimiter]);
	/** @type {Record<string, string>} */
	const fields = Object.create(null);
	/** @type {FilePart[]} */
	const files = [];
	let pos = buf.indexOf(delimiter);
	if (pos < 0) return { error: 'the multipart body has no part (its boundary was not found)' };
	for (;;) {
		pos += delimiter.length;
		if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) break; // the closing delimiter `--boundary--`
		if (buf[pos] !== 0x0d || buf[pos + 1] !== 0x0a) return { error: 'malformed multipart body: a boundary is not followed by a line break' };
		// From the line break itself, so a part without headers is found too.
		const headerEnd = buf.indexOf(HEADER_END, pos);
		if (headerEnd < 0) return { error: 'malformed multipart body: a part has no end of headers' };
		const next = buf.indexOf(between, headerEnd + HEADER_END.length);
		if (next < 0) return { error: 'the multipart body ends before its closing boundary' };
		const headers = partHeaders(buf.toString('utf8', pos + CRLF.length, headerEnd));
		const disposition = headers['content-disposition'] || '';
		const name = headerParam(disposition, 'name');
		if (!/^form-data\b/i.test(disposition) || !name) return { error: 'a multipart part has no Content-Disposition: form-data with a name' };
		const data = buf.subarray(headerEnd + HEADER_END.length, next);
		const filename = headerParam(disposition, 'filename');
		if (filename === undefined) fields[name] = data.toString('utf8');
		// An empty file input sends a part with no file name and no bytes: no file, as PHP reads it.
		else if (filename !== '' || data.length > 0) {
			// PHP keeps the last file of a repeated name (a name ending in [] makes a list instead).
			const earlier = name.endsWith('[]') ? -1 : files.findIndex((f) => f.name === name);
			if (earlier >= 0) files.splice(earlier, 1);
			files.push({ name, filename, contentType: headers['content-type'] || 'application/octet-stream', data: Buffer.from(data) });
		}
		pos = next + CRLF.length;
	}
	return { form: { fields, files } };
}

/**
 * @param {Buffer} buf the whole body
 * @param {string} contentType the request's Content-Type header
 * @returns {{ form: Form } | { error: string }}
 */
function parseForm(buf, contentType) {
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (type === 'multipart/form-data') return parseMultipart(buf, contentType);
	if (type === 'application/x-www-form-urlencoded') {
		/** @type {Record<string, string>} */
		const fields = Object.create(null);
		for (const [k, v] of new URLSearchParams(buf.toString('utf8'))) fields[k] = v;
		return { form: { fields, files: [] } };
	}
	return { error: `the body must be multipart/form-data (got ${type ? JSON.stringify(type) : 'no Content-Type'})` };
}

/**
 * What the request log keeps of a form: its text fields, and each file as its name, type and size.
 * @param {Form} form
 * @returns {Record<string, unknown>}
 */
function formLogView(form) {
	/** @type {Record<string, unknown>} */
	const view = { ...form.fields };
	for (const f of form.files) {
		const summary = { filename: f.filename, contentType: f.contentType, bytes: f.data.length };
		const seen = Object.prototype.hasOwnProperty.call(view, f.name) ? view[f.name] : undefined;
		const value = seen === undefined ? summary : [...(Array.isArray(seen) ? seen : [seen]), summary];
		// defineProperty: a part named "__proto__" stays a key.
		Object.defineProperty(view, f.name, { value, enumerable: true, writable: true, configurable: true });
	}
	return view;
}

module.exports = { parseForm, formLogView };
