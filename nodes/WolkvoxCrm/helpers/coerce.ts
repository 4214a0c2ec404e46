/**
 * Value coercion for data that comes from sheets, CSV files and databases: amounts written the Latin-American
 * or the US way, ids and phones that must keep their leading zeros, whole numbers typed as text.
 * Pure functions; the hot paths scan characters instead of running regular expressions because bulk loads
 * call them hundreds of thousands of times.
 */

/** What the user is told a value should look like (also reused by the callers' messages). */
export const EXPECTED_AMOUNT = 'an amount like 1.234.567,89 or 1234567.89';
export const EXPECTED_INTEGER = 'a whole number like 33';
export const EXPECTED_ID = 'text or a whole number';
export const EXPECTED_TEXT = 'text';

/** A value that cannot be turned into what wolkvox expects. `message` reads well after a field name. */
export class CoercionError extends Error {
	/** What was expected, e.g. "an amount like 1.234.567,89 or 1234567.89" */
	readonly expected: string;

	readonly value: unknown;

	constructor(expected: string, value: unknown, message?: string) {
		super(message ?? `must be ${expected}, got ${describeValue(value)}`);
		this.name = 'CoercionError';
		this.expected = expected;
		this.value = value;
	}
}

/** A short, quoted rendering of a user's value for error messages. Never throws, whatever the value. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string': {
			const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
			return `"${shown}"`;
		}
		case 'number':
		case 'boolean':
			return String(value);
		case 'bigint':
			return `${value.toString()}n`;
		case 'symbol':
			return 'a symbol';
		case 'function':
			return 'a function';
	}
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
	if (Array.isArray(value)) return 'a list';
	// n8n hands over Luxon DateTimes; an invalid one says so through isValid.
	if ((value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true)
		return (value as { isValid?: unknown }).isValid === false ? 'an invalid date' : 'a date-time';
	return 'an object';
}

/**
 * `text.trim()`, skipping the call for the common cell that has nothing to trim (checked on its first and last
 * character): bulk loads trim a dozen cells per row.
 */
export function trimText(text: string): string {
	const length = text.length;
	if (length === 0) return text;
	const first = text.charCodeAt(0);
	const last = text.charCodeAt(length - 1);
	if (first > 32 && last > 32 && first !== 0xa0 && last !== 0xa0 && first < 0x1680 && last < 0x1680)
		return text;
	return text.trim();
}

/** undefined, null, or a string of only spaces: an empty cell. 0 and false are values. */
export function isBlank(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	return typeof value === 'string' && trimText(value) === '';
}

function isSpace(code: number): boolean {
	// space, tab, no-break space, narrow no-break space (French/Spanish locales group thousands with them)
	return code === 32 || code === 9 || code === 0xa0 || code === 0x202f;
}

function isGroupMark(code: number): boolean {
	return isSpace(code) || code === 39 || code === 0x2019; // ' and ’ (Swiss style)
}

/**
 * Reads digits with thousands and decimal separators in s[from, to) and returns the number as canonical decimal
 * text (`1234567.89`: no leading zeros, no trailing fraction zeros, `.` for decimals), or '' when it is none.
 * Building the text directly is much cheaper than parsing a double and printing it again, which matters at
 * hundreds of thousands of cells.
 *
 * - Both `.` and `,` present: the one that occurs last is the decimal separator and must occur once.
 * - One of them, several times: thousands separator (`1.234.567`).
 * - One of them, once: thousands when exactly three digits follow and one to three digits (not starting with 0)
 *   precede: `1.500` and `1,500` are 1500. Latin-American sheets write thousands with a dot and rarely give
 *   amounts to three decimals, so reading `1.500` as 1.5 would be the costlier mistake. Otherwise decimal.
 * - Spaces and apostrophes group thousands (`12 345,6`, `1'234.5`); with them present a single `.`/`,` is decimal.
 * Thousands groups are checked: 1–3 digits first, then exactly 3.
 */
function canonicalDecimal(s: string, from: number, to: number): string {
	let digits = 0;
	let dots = 0;
	let commas = 0;
	let marks = 0;
	let lastDot = -1;
	let lastComma = -1;
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i);
		if (c >= 48 && c <= 57) digits++;
		else if (c === 46) {
			dots++;
			lastDot = i;
		} else if (c === 44) {
			commas++;
			lastComma = i;
		} else if (isGroupMark(c)) marks++;
		else return '';
	}
	if (digits === 0) return '';

	let decimalAt = -1;
	let thousands = -1; // char code of the punctuation grouping thousands, -1 if none
	if (dots > 0 && commas > 0) {
		if (lastDot > lastComma) {
			if (dots !== 1) return '';
			decimalAt = lastDot;
			thousands = 44;
		} else {
			if (commas !== 1) return '';
			decimalAt = lastComma;
			thousands = 46;
		}
	} else if (dots + commas > 1) thousands = dots > 0 ? 46 : 44;
	else if (dots + commas === 1) {
		const last = dots > 0 ? lastDot : lastComma;
		const before = last - from;
		if (
			marks === 0 &&
			to - last - 1 === 3 &&
			before >= 1 &&
			before <= 3 &&
			s.charCodeAt(from) !== 48
		) {
			thousands = dots > 0 ? 46 : 44;
		} else decimalAt = last;
	}

	// Already canonical (`1234567.89`, `1500`: no grouping, no leading zero, no trailing fraction zero): the text
	// itself, so the usual cell of a database export costs no new string.
	if (thousands === -1 && marks === 0 && commas === 0) {
		const intLength = (decimalAt >= 0 ? decimalAt : to) - from;
		if (
			intLength >= 1 &&
			(intLength === 1 || s.charCodeAt(from) !== 48) &&
			(decimalAt < 0 || (decimalAt < to - 1 && s.charCodeAt(to - 1) !== 48))
		)
			return s.substring(from, to);
	}

	// Integer part: check the groups and drop leading zeros. Up to 15 digits the value is accumulated as a number
	// (exact in a double) and printed once, which allocates far less than joining the digit groups.
	const intEnd = decimalAt >= 0 ? decimalAt : to;
	let value = 0;
	let intDigits = 0;
	let group = 0;
	let groups = 0;
	for (let i = from; i < intEnd; i++) {
		const c = s.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			value = value * 10 + (c - 48);
			intDigits++;
			group++;
			continue;
		}
		if (c !== thousands && !isGroupMark(c)) return '';
		if (groups === 0 ? group < 1 || group > 3 : group !== 3) return '';
		groups++;
		group = 0;
	}
	if (groups > 0 && group !== 3) return '';
	let text: string;
	if (intDigits <= 15) text = String(value);
	else {
		text = '';
		for (let i = from; i < intEnd; i++) {
			const c = s.charCodeAt(i);
			if (c >= 48 && c <= 57 && (text !== '' || c !== 48)) text += s[i];
		}
		if (text === '') text = '0';
	}

	// Fraction: digits only, trailing zeros dropped.
	if (decimalAt >= 0) {
		if (decimalAt === to - 1) return '';
		let end = decimalAt + 1;
		for (let i = decimalAt + 1; i < to; i++) {
			const c = s.charCodeAt(i);
			if (c < 48 || c > 57) return '';
			if (c !== 48) end = i + 1;
		}
		if (end > decimalAt + 1) text += '.' + s.slice(decimalAt + 1, end);
	}
	return text;
}

function isTrimmable(code: number): boolean {
	return isSpace(code) || code === 10 || code === 13;
}

/** Canonical text of a plain signed number without currency (`-1.234,5`, `+33`, `1 200`), or ''. */
function plainNumberText(s: string): string {
	let from = 0;
	let to = s.length;
	while (from < to && isTrimmable(s.charCodeAt(from))) from++;
	while (to > from && isTrimmable(s.charCodeAt(to - 1))) to--;
	const first = s.charCodeAt(from);
	const negative = first === 45 || first === 0x2212;
	if (negative || first === 43) from++;
	const text = canonicalDecimal(s, from, to);
	return negative && text !== '' && text !== '0' ? '-' + text : text;
}

// Only reached for text that is not a plain number (currency signs and codes, parentheses), so a regular
// expression is affordable here. Codes must be upper case so that `12a` or `abc` stay errors.
const CURRENCY = '(?:[A-Z]{1,3}\\$|S/\\.?|Bs\\.?|[A-Z]{3}|[$€£¥₡₲₱₹])';
const AMOUNT_WITH_CURRENCY = new RegExp(
	`^(\\()?\\s*([-+−])?\\s*(?:${CURRENCY}\\s*)?([-+−])?\\s*([0-9.,'’\\s]+?)\\s*(?:(?:[A-Z]{3}|[$€£¥₡₲₱₹])\\s*)?(\\))?$`,
);

/** Canonical text of an amount written with a currency sign or code, or in accounting parentheses; or ''. */
function amountWithCurrencyText(s: string): string {
	// Real amounts are short; the cap also keeps the backtracking of the expression bounded.
	if (s.length > 64) return '';
	const m = AMOUNT_WITH_CURRENCY.exec(s.trim());
	if (!m) return '';
	const [, open, sign1, sign2, body, close] = m;
	if (Boolean(open) !== Boolean(close) || (sign1 && sign2)) return '';
	const trimmed = body.trim();
	const text = canonicalDecimal(trimmed, 0, trimmed.length);
	const sign = sign1 ?? sign2;
	const negative = (open ? 1 : 0) + (sign === '-' || sign === '−' ? 1 : 0) === 1;
	return negative && text !== '' && text !== '0' ? '-' + text : text;
}

/**
 * The amount as the text wolkvox gets, or undefined when the value is no amount. Same result as
 * `formatAmount(parseMoney(value))` for amounts of up to 15 significant digits; longer ones keep every digit
 * written. Does not throw: for loops over many rows.
 */
export function amountText(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const text = plainNumberText(value);
		if (text !== '') return text;
		const withCurrency = amountWithCurrencyText(value);
		return withCurrency === '' ? undefined : withCurrency;
	}
	if (typeof value === 'number') return Number.isFinite(value) ? formatAmount(value) : undefined;
	if (typeof value === 'bigint') return value.toString();
	return undefined;
}

/** parseMoney without the throw: NaN when the value is no amount. */
export function moneyOrNaN(value: unknown): number {
	if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
	const text = amountText(value);
	return text === undefined ? NaN : Number(text);
}

/**
 * An amount from a number or from text: `1.234.567,89`, `1,234,567.89`, `$ 1.500`, `COP 2.000`, `1,5`,
 * `-1.234,00`, `12 345,6`, `(1.500)` (negative). See canonicalDecimal for how separators are read.
 * Throws CoercionError for anything else, blanks included: use isBlank first when the field is optional.
 */
export function parseMoney(value: unknown): number {
	const n = moneyOrNaN(value);
	if (Number.isNaN(n)) throw new CoercionError(EXPECTED_AMOUNT, value);
	return n;
}

/** Writes a number in plain decimal notation: `1e21` → `1000000000000000000000`, `1e-7` → `0.0000001`. */
function expandExponent(text: string): string {
	const e = text.indexOf('e');
	if (e < 0) return text;
	let mantissa = text.slice(0, e);
	const exponent = Number(text.slice(e + 1));
	let sign = '';
	if (mantissa.charCodeAt(0) === 45) {
		sign = '-';
		mantissa = mantissa.slice(1);
	}
	const dot = mantissa.indexOf('.');
	const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
	const point = (dot < 0 ? mantissa.length : dot) + exponent;
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The text wolkvox gets for an amount (its examples carry amounts as strings): plain decimal notation, no
 * thousands separator, no exponent, no padding (1500 → "1500"), and every decimal the number holds
 * (1234.567 → "1234.567"). Noise from binary arithmetic upstream (0.1 + 0.2) is rounded away at 15 significant
 * digits; any amount parsed from text has fewer, so it comes out exactly as written.
 */
export function formatAmount(n: number): string {
	if (typeof n !== 'number' || !Number.isFinite(n)) throw new CoercionError(EXPECTED_AMOUNT, n);
	if (n === 0) return '0';
	let text = String(n);
	if (text.length > 16 && !Number.isInteger(n)) text = String(Number(n.toPrecision(15)));
	return text.indexOf('e') >= 0 ? expandExponent(text) : text;
}

/** Why a number cannot stand for text: said after "must be text". */
export const UNSAFE_NUMBER_HINT = `numbers above ${Number.MAX_SAFE_INTEGER} have already lost their last digits; send it as text`;

/** Whether a number is finite and, when whole, within the range where every digit is kept. */
export function isSafeNumber(n: number): boolean {
	return Number.isFinite(n) && (Math.abs(n) <= Number.MAX_SAFE_INTEGER || !Number.isInteger(n));
}

/**
 * A number as the text it stands for: plain decimal, every digit the double holds, no exponent (`3001234567`,
 * `1750.5`, `1e-7` → `0.0000001`). Undefined for NaN, ±Infinity and whole numbers beyond 2^53 - 1, whose digits
 * are already gone by the time they reach us.
 */
export function numberText(n: number): string | undefined {
	if (!isSafeNumber(n)) return undefined;
	if (n === 0) return '0';
	const text = String(n);
	return text.indexOf('e') >= 0 ? expandExponent(text) : text;
}

/**
 * The one rule for a value where text is expected: text as it is, a finite number as its plain decimal text
 * (see numberText). Undefined for anything else: booleans, objects, lists, dates (valid or not), NaN, ±Infinity,
 * unsafe whole numbers, functions, symbols, bigints. Never throws; callers say what went wrong, which
 * textProblem words for them.
 */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return numberText(value);
	return undefined;
}

/** What to tell the user about a value textOf refused: reads after the field's name. */
export function textProblem(value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value))
		return `must be text, got the number ${BigInt(value).toString()} (${UNSAFE_NUMBER_HINT})`;
	return `must be ${EXPECTED_TEXT}, got ${describeValue(value)}`;
}

/**
 * A whole number as text (`"1.200"` → `"1200"`, `"33.0"` → `"33"`), or undefined when the value is not a whole
 * number. Does not throw: for loops over many rows.
 */
export function integerText(value: unknown): string | undefined {
	if (typeof value === 'number') {
		if (!Number.isInteger(value)) return undefined;
		return Math.abs(value) <= Number.MAX_SAFE_INTEGER
			? String(value === 0 ? 0 : value)
			: BigInt(value).toString();
	}
	if (typeof value === 'string') {
		const text = plainNumberText(value);
		return text === '' || text.indexOf('.') >= 0 ? undefined : text;
	}
	if (typeof value === 'bigint') return value.toString();
	return undefined;
}

/** parseInteger without the throw: NaN when the value is not a whole number. */
export function integerOrNaN(value: unknown): number {
	const text = integerText(value);
	return text === undefined ? NaN : Number(text);
}

/** A whole number such as days overdue: `33`, `"33"`, `"33.0"`, `"1.200"` (1200). Rejects `33.5` and text. */
export function parseInteger(value: unknown): number {
	const n = integerOrNaN(value);
	if (Number.isNaN(n)) throw new CoercionError(EXPECTED_INTEGER, value);
	return n;
}

/**
 * Names, emails, addresses, ids and phones from sheets, trimmed: textOf's rule (text, or a number as plain
 * decimal text; leading zeros live only in text, `0012` stays `0012`). Undefined for anything else. Does not
 * throw: for loops over many rows.
 */
export function textOrUndefined(value: unknown): string | undefined {
	if (typeof value === 'string') return trimText(value);
	return typeof value === 'number' ? numberText(value) : undefined;
}
