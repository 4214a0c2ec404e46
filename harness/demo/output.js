'use strict';
/** How the demo writes to the terminal: steps, dimmed details, colours on a TTY, JSON that fits the width. */

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
/** @param {string} code @returns {(s: unknown) => string} */
const paint = (code) => (s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : String(s));
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const yellow = paint('33');
const say = (s = '') => process.stdout.write(`${s}\n`);
/** @param {string} s */
const step = (s) => say(`${bold('▶')} ${s}`);
/** @param {string} s */
const detail = (s) => say(`  ${dim(s)}`);
/** @param {number} ms */
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** JSON on one line, with a space after each colon and comma. @param {unknown} v @returns {string} */
function oneLine(v) {
	if (v === null || typeof v !== 'object') return JSON.stringify(v);
	if (Array.isArray(v)) return `[${v.map(oneLine).join(', ')}]`;
	return `{ ${Object.entries(v)
		.map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x)}`)
		.join(', ')} }`;
}

/**
 * JSON with two-space indentation, but every object or array that fits in `width` characters on one line.
 * @param {unknown} value @param {number} [width] @param {string} [indent] @returns {string}
 */
function pretty(value, width = 100, indent = '') {
	const flat = oneLine(value);
	if (flat === undefined || value === null || typeof value !== 'object' || flat.length + indent.length <= width)
		return flat;
	const inner = indent + '  ';
	if (Array.isArray(value)) return `[\n${value.map((v) => inner + pretty(v, width, inner)).join(',\n')}\n${indent}]`;
	const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, width, inner)}`);
	return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** @param {string} text @param {string} pad */
const indentBlock = (text, pad) =>
	text
		.split('\n')
		.map((l) => pad + l)
		.join('\n');

module.exports = { bold, dim, green, red, yellow, say, step, detail, secs, pretty, indentBlock };
