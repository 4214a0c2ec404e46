'use strict';
/**
 * Small pure helpers of the sandbox: value checks the validators share, the vendor's id and date shapes, and token
 * fingerprints.
 */

const crypto = require('node:crypto');

/**
 * Non-reversible short fingerprint of a token, safe to show in logs and admin output.
 * @param {string} token
 * @returns {string}
 */
function fingerprint(token) {
	return 'sha256:' + crypto.createHash('sha256').update(String(token)).digest('hex').slice(0, 12);
}

const OBJECT_ID_PROCESS = crypto.randomBytes(5).toString('hex');
let objectIdCounter = crypto.randomBytes(3).readUIntBE(0, 3);
/**
 * A 24-hex id shaped like the vendor's `wolkvox_id` (MongoDB ObjectId layout: time, process, counter).
 * @returns {string}
 */
function newWolkvoxId() {
	objectIdCounter = (objectIdCounter + 1) & 0xffffff;
	const time = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
	return time + OBJECT_ID_PROCESS + objectIdCounter.toString(16).padStart(6, '0');
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isPlainObject(v) {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Non-empty string, or a finite number. @param {unknown} v */
function isFilled(v) {
	if (typeof v === 'string') return v.trim() !== '';
	if (typeof v === 'number') return Number.isFinite(v);
	return false;
}

/** @param {unknown} v */
function isEmptyValue(v) {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** @param {number} y @param {number} m @param {number} d */
function isCalendarDate(y, m, d) {
	const dt = new Date(Date.UTC(y, m - 1, d));
	return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const RE_YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const RE_DMY = /^(\d{2})-(\d{2})-(\d{4})$/;
const RE_YMD_HMS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const RE_YMD_HM = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
const RE_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const RE_NUMERIC = /^-?\d+(\.\d+)?$/;

/** `YYYY-MM-DD`, a real calendar date. @param {unknown} v */
function isYmd(v) {
	const m = typeof v === 'string' ? RE_YMD.exec(v) : null;
	return !!m && isCalendarDate(+m[1], +m[2], +m[3]);
}
/** `DD-MM-YYYY`, a real calendar date. @param {unknown} v */
function isDmy(v) {
	const m = typeof v === 'string' ? RE_DMY.exec(v) : null;
	return !!m && isCalendarDate(+m[3], +m[2], +m[1]);
}
/** `YYYY-MM-DD HH:mm:ss`, a real date and time. @param {unknown} v */
function isYmdHms(v) {
	const m = typeof v === 'string' ? RE_YMD_HMS.exec(v) : null;
	return !!m && isCalendarDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 60;
}
/** `YYYY-MM-DD HH:mm`, a real date and time (the date queries' range bounds). @param {unknown} v */
function isYmdHm(v) {
	const m = typeof v === 'string' ? RE_YMD_HM.exec(v) : null;
	return !!m && isCalendarDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60;
}
/** Standard base64 text with its padding, not empty (no data: prefix, no line breaks). @param {unknown} v */
function isBase64(v) {
	return typeof v === 'string' && v !== '' && RE_BASE64.test(v);
}
/** A number, or a plain decimal string such as "1000" / "1750.50" (no thousands separators). @param {unknown} v */
function isNumeric(v) {
	if (typeof v === 'number') return Number.isFinite(v);
	return typeof v === 'string' && RE_NUMERIC.test(v.trim());
}

/** What a query compares: a typed value's `value`, a plain value as it is. @param {unknown} v */
function plainValue(v) {
	return isPlainObject(v) ? v.value : v;
}

/** Whether a stored value equals what a query asked for, compared as text. @param {unknown} v @param {string} wanted */
function matchesValue(v, wanted) {
	const plain = plainValue(v);
	return plain !== undefined && plain !== null && String(plain) === wanted;
}

/** A value as a problem message shows it. @param {unknown} v */
function describe(v) {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'an array';
	if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
	if (typeof v === 'object') return 'an object';
	return String(v);
}

/** `v` when it is a finite non-negative number, else `dflt`. @param {unknown} v @param {number} dflt */
function numberOr(v, dflt) {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : dflt;
}

/** Current time as the vendor's system dates look (`YYYY-MM-DD HH:mm:ss`, UTC). */
function wolkvoxNow() {
	return new Date().toISOString().slice(0, 19).replace('T', ' ');
}

/** Hours (rounded up, at least 1) until the next UTC midnight, when the daily quota restarts. */
function hoursToUtcMidnight() {
	const now = new Date();
	const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
	return Math.max(1, Math.ceil((next - now.getTime()) / 3600000));
}

module.exports = {
	fingerprint,
	newWolkvoxId,
	isPlainObject,
	isFilled,
	isEmptyValue,
	isYmd,
	isDmy,
	isYmdHms,
	isYmdHm,
	isBase64,
	isNumeric,
	plainValue,
	matchesValue,
	describe,
	numberOr,
	wolkvoxNow,
	hoursToUtcMidnight,
};
