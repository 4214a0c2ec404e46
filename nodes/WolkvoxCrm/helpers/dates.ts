/**
 * Dates as users hold them (ISO text, n8n/Luxon date-times, JS dates, sheet serial numbers, day-first text) turned
 * into the calendar dates and wall-clock times wolkvox expects. No date library: n8n community nodes may not carry
 * runtime dependencies, and `Intl` is enough for time-zone conversion.
 */
import { CoercionError, describeValue } from './coerce';

export type DateParts = { year: number; month: number; day: number };

/** How the user's dates are written. Separators `/`, `-` and `.` are interchangeable in the declared formats. */
export type InputDateFormat =
	| 'auto'
	| 'YYYY-MM-DD'
	| 'DD/MM/YYYY'
	| 'MM/DD/YYYY'
	| 'DD-MM-YYYY'
	| 'YYYYMMDD';

export type OutputDateFormat = 'YYYY-MM-DD' | 'DD-MM-YYYY';

/** Largest sheet serial number: 9999-12-31. */
export const MAX_SHEET_SERIAL = 2958465;

const EXPECTED_BY_FORMAT: Record<InputDateFormat, string> = {
	auto: 'a date like 2025-02-03, 03/02/2025 (day first) or a sheet serial number such as 45691',
	'YYYY-MM-DD': 'a date like 2025-02-03 or a sheet serial number such as 45691',
	'DD/MM/YYYY':
		'a date like 03/02/2025 (day first), 2025-02-03 or a sheet serial number such as 45691',
	'DD-MM-YYYY':
		'a date like 03-02-2025 (day first), 2025-02-03 or a sheet serial number such as 45691',
	'MM/DD/YYYY':
		'a date like 02/03/2025 (month first), 2025-02-03 or a sheet serial number such as 45691',
	YYYYMMDD: 'a date like 20250203, 2025-02-03 or a sheet serial number such as 45691',
};

/** What a date field expects, for messages. */
export function expectedDate(format: InputDateFormat = 'auto'): string {
	return EXPECTED_BY_FORMAT[format] ?? EXPECTED_BY_FORMAT.auto;
}

function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Dates are written with a four-digit year; wolkvox's pages show nothing else. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

/**
 * A real calendar date with a four-digit year (no 2025-02-30). Years before 1000 are typos in CRM data, and the
 * reference sandbox, like any check built on Date.UTC, reads years 0–99 as 1900–1999.
 */
export function isValidDate(year: number, month: number, day: number): boolean {
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
	if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
	return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** Calendar date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days; exact, no Date object). */
function civilFromDays(days: number): DateParts {
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Excel / Google Sheets serial number (1900 date system) to a calendar date; the fraction (time) is ignored.
 * Serial 1 is 1900-01-01. Excel copied Lotus 1-2-3 in counting a 1900-02-29 that never was (serial 60), so
 * serials from 61 on are one day ahead of a plain count: 61 is 1900-03-01 and 45658 is 2025-01-01.
 * Returns undefined for serial 60 and anything outside 1..2958465.
 */
export function fromSheetSerial(serial: number): DateParts | undefined {
	if (!Number.isFinite(serial)) return undefined;
	const whole = Math.floor(serial);
	if (whole < 1 || whole > MAX_SHEET_SERIAL || whole === 60) return undefined;
	// 25569 is the serial of 1970-01-01; below 60 there is no phantom leap day to skip.
	return civilFromDays(whole < 60 ? whole - 25568 : whole - 25569);
}

function pad2(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

function pad4(n: number): string {
	return n >= 1000 ? String(n) : ('000' + n).slice(-4);
}

/** `YYYY-MM-DD` (wolkvox's bulk endpoint) or `DD-MM-YYYY` (the insert-obligation page's examples). */
export function formatDate(parts: DateParts, format: OutputDateFormat = 'YYYY-MM-DD'): string {
	const { year, month, day } = parts;
	if (format === 'DD-MM-YYYY') return `${pad2(day)}-${pad2(month)}-${pad4(year)}`;
	return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

// What may follow a written date: a time, which is ignored for calendar dates (`2025-02-03T10:00:00.000-05:00`).
const TIME_SUFFIX =
	/^(?:[Tt]|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

const DAY_FIRST_FORMATS: ReadonlySet<InputDateFormat> = new Set<InputDateFormat>([
	'auto',
	'DD/MM/YYYY',
	'DD-MM-YYYY',
]);

/** Reads a run of digits at `at`; returns [value, end]. */
function readDigits(s: string, at: number, to: number): [number, number] {
	let value = 0;
	let i = at;
	while (i < to) {
		const c = s.charCodeAt(i);
		if (c < 48 || c > 57) break;
		value = value * 10 + (c - 48);
		i++;
	}
	return [value, i];
}

function isDateSeparator(code: number): boolean {
	return code === 45 || code === 47 || code === 46; // - / .
}

function result(year: number, month: number, day: number): DateParts | undefined {
	return isValidDate(year, month, day) ? { year, month, day } : undefined;
}

/** Why a value is no date: a hint for the user, empty when there is nothing to add to what was expected. */
export interface DateFailure {
	hint: string;
}

const NOT_A_DATE: DateFailure = { hint: '' };
const NO_SUCH_DATE: DateFailure = { hint: 'no such date' };
const TWO_DIGIT_YEAR: DateFailure = {
	hint: 'two-digit years are not guessed; write the year with four digits',
};
const LOOKS_MONTH_FIRST: DateFailure = {
	hint: 'this looks month first; choose MM/DD/YYYY as the input date format if your data is written so',
};

/** Text is scanned by hand: bulk loads parse two dates per row. */
function parseDateText(raw: string, format: InputDateFormat): DateParts | DateFailure {
	let from = 0;
	let to = raw.length;
	while (from < to && raw.charCodeAt(from) <= 32) from++;
	while (to > from && raw.charCodeAt(to - 1) <= 32) to--;
	if (from === to) return NOT_A_DATE;

	const [a, aEnd] = readDigits(raw, from, to);
	const aLen = aEnd - from;
	if (aLen === 0) return NOT_A_DATE;

	// Digits only: YYYYMMDD, or a sheet serial number kept as text (maybe with its time fraction).
	if (aEnd === to) {
		if (aLen === 8)
			return result(Math.floor(a / 10000), Math.floor(a / 100) % 100, a % 100) ?? NO_SUCH_DATE;
		return aLen <= 7 ? (fromSheetSerial(a) ?? NOT_A_DATE) : NOT_A_DATE;
	}
	if (
		raw.charCodeAt(aEnd) === 46 &&
		aLen <= 7 &&
		aEnd + 1 < to &&
		readDigits(raw, aEnd + 1, to)[1] === to
	) {
		return fromSheetSerial(a) ?? NOT_A_DATE;
	}

	const sep = raw.charCodeAt(aEnd);
	if (!isDateSeparator(sep)) return NOT_A_DATE;
	const [b, bEnd] = readDigits(raw, aEnd + 1, to);
	const bLen = bEnd - aEnd - 1;
	if (bLen < 1 || bLen > 2 || raw.charCodeAt(bEnd) !== sep) return NOT_A_DATE;
	const [c, cEnd] = readDigits(raw, bEnd + 1, to);
	const cLen = cEnd - bEnd - 1;
	if (cLen < 1) return NOT_A_DATE;
	if (cEnd < to && !TIME_SUFFIX.test(raw.slice(cEnd, to))) return NOT_A_DATE;

	// Year first is unambiguous, so it is understood whatever format was declared.
	if (aLen === 4) return cLen <= 2 ? (result(a, b, c) ?? NO_SUCH_DATE) : NOT_A_DATE;
	if (aLen > 2) return NOT_A_DATE;
	if (cLen === 2) return TWO_DIGIT_YEAR;
	if (cLen !== 4 || format === 'YYYY-MM-DD' || format === 'YYYYMMDD') return NOT_A_DATE;

	if (DAY_FIRST_FORMATS.has(format)) {
		// Falling back to month first row by row would read one file two ways; say what the date looks like instead.
		return result(c, b, a) ?? (result(c, a, b) ? LOOKS_MONTH_FIRST : NO_SUCH_DATE);
	}
	return result(c, a, b) ?? NO_SUCH_DATE;
}

interface LuxonLike {
	isLuxonDateTime?: boolean;
	toISODate?: () => string | null;
	toISO?: () => string | null;
	toMillis?: () => number;
	isValid?: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** Whether dateOrFailure found no date. */
export function isDateFailure(parsed: DateParts | DateFailure): parsed is DateFailure {
	return (parsed as DateFailure).hint !== undefined;
}

/** The calendar date of a value, or why it is none. Does not throw: loops over many rows call it. */
export function dateOrFailure(
	value: unknown,
	format: InputDateFormat = 'auto',
): DateParts | DateFailure {
	if (typeof value === 'string') return parseDateText(value, format);
	if (typeof value === 'number') {
		if (Number.isInteger(value) && value >= 10000101 && value <= 99991231) {
			return (
				result(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100) ??
				NO_SUCH_DATE
			);
		}
		return fromSheetSerial(value) ?? NOT_A_DATE;
	}
	// A JS Date is an instant; its UTC calendar date is taken, which is what `new Date('2025-02-03')` means and
	// what an n8n server on UTC (the Docker default) shows. A Luxon DateTime keeps its own zone, so its date is read
	// as the object holds it.
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return NOT_A_DATE;
		return (
			result(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()) ?? NO_SUCH_DATE
		);
	}
	if (isObject(value)) {
		const dt = value as LuxonLike;
		const iso =
			typeof dt.toISODate === 'function'
				? dt.toISODate()
				: typeof dt.toISO === 'function'
					? dt.toISO()
					: undefined;
		return typeof iso === 'string' ? parseDateText(iso, 'YYYY-MM-DD') : NOT_A_DATE;
	}
	return NOT_A_DATE;
}

/** `must be <expected>, got <value> (<hint>)` */
export function dateFailureMessage(
	value: unknown,
	failure: DateFailure,
	format: InputDateFormat = 'auto',
): string {
	return `must be ${expectedDate(format)}, got ${describeValue(value)}${failure.hint ? ` (${failure.hint})` : ''}`;
}

/**
 * The calendar date a user meant, from:
 * - ISO text (`2025-02-03`, `2025-02-03T10:00:00Z`, `…-05:00`): the date as written, never shifted by a zone;
 * - `DD/MM/YYYY` (the default for slash dates: Latin America), `YYYY/MM/DD`, or the declared format;
 * - `YYYYMMDD` as text or number;
 * - sheet serial numbers (number or numeric text, 1..2958465, 1900 date system; the time fraction is ignored);
 * - JS Date (its UTC date) and Luxon DateTime objects (their own date).
 * Throws CoercionError for anything else, and for dates that do not exist (2025-02-30).
 */
export function parseDateInput(value: unknown, format: InputDateFormat = 'auto'): DateParts {
	const parsed = dateOrFailure(value, format);
	if (isDateFailure(parsed)) {
		throw new CoercionError(expectedDate(format), value, dateFailureMessage(value, parsed, format));
	}
	return parsed;
}

// ---------------------------------------------------------------------------------------------------------------
// Date and time for tasks
// ---------------------------------------------------------------------------------------------------------------

export const EXPECTED_DATE_TIME =
	'a date and time like 2026-11-30 17:00:00, 2026-11-30T17:00:00 or 30/11/2026 17:00';

/** Day first, as Latin American sheets write it: `30/11/2026 17:00`, `30-11-2026 17:00:05`, `30/11/2026`. */
const DAY_FIRST_DATE_TIME =
	/^(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** Whether `timeZone` is an IANA zone this runtime knows (e.g. America/Bogota). */
export function isValidTimeZone(timeZone: string): boolean {
	if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
	try {
		formatterFor(timeZone);
		return true;
	} catch {
		return false;
	}
}

function wallTime(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
	return `${pad4(y)}-${pad2(mo)}-${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
}

/** The wall-clock time of an instant in a zone, as `YYYY-MM-DD HH:mm:ss`. */
function inZone(epochMs: number, timeZone: string, value: unknown): string {
	if (!isValidTimeZone(timeZone)) {
		throw new CoercionError(
			'a time zone such as America/Bogota',
			timeZone,
			`cannot be converted: the time zone ${describeValue(timeZone)} is unknown`,
		);
	}
	// Out of range, the formatter would print a year of another era (2 BC as "2") or of more than four digits.
	if (!Number.isFinite(epochMs) || epochMs < EARLIEST_MS || epochMs > LATEST_MS)
		throw new CoercionError(EXPECTED_DATE_TIME, value);
	const parts: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const hour = parts.hour % 24; // some ICU versions still answer 24 for midnight despite h23
	if (!isValidDate(parts.year, parts.month, parts.day) || !(hour >= 0 && hour <= 23))
		throw new CoercionError(EXPECTED_DATE_TIME, value);
	return wallTime(parts.year, parts.month, parts.day, hour, parts.minute, parts.second);
}

/** A day of margin either side of the four-digit years, for zones; inZone checks the year it prints. */
const EARLIEST_MS = utcMillis(MIN_YEAR, 1, 1) - 86400000;
const LATEST_MS = utcMillis(MAX_YEAR, 12, 31) + 2 * 86400000;

/** Date.UTC without its mapping of years 0–99 to 1900–1999. */
function utcMillis(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
	const date = new Date(0);
	date.setUTCFullYear(y, mo - 1, d);
	date.setUTCHours(h, mi, s, ms);
	return date.getTime();
}

/** Minutes east of UTC of `Z`, `+05`, `-0530`, `+05:30`; NaN for an offset no clock has (`+99:99`). */
/** A wall time written as the user wrote it, once its parts are checked. */
function wallTimeOrThrow(
	value: unknown,
	...[y, mo, d, h, mi, s]: [number, number, number, number, number, number]
): string {
	if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || s > 59)
		throw new CoercionError(EXPECTED_DATE_TIME, value);
	return wallTime(y, mo, d, h, mi, s);
}

function offsetMinutes(zone: string): number {
	if (zone === 'Z' || zone === 'z') return 0;
	const sign = zone.charCodeAt(0) === 45 ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
	if (hours > 23 || minutes > 59) return NaN;
	return sign * (hours * 60 + minutes);
}

/**
 * `YYYY-MM-DD HH:mm:ss` for task dates, as the task endpoint documents them. Text without an offset (what n8n's dateTime parameter gives,
 * `2026-11-24T10:00:00`, or `2026-11-24 10:00`) keeps its wall time as written; a date alone is midnight. Text
 * with `Z` or an offset, JS Dates and Luxon DateTimes are instants, shown in `timeZone` (IANA, e.g.
 * America/Bogota). Throws CoercionError otherwise.
 */
export function toWolkvoxDateTime(value: unknown, timeZone: string): string {
	if (value instanceof Date) return inZone(value.getTime(), timeZone, value);
	if (isObject(value)) {
		const dt = value as LuxonLike;
		if (typeof dt.toMillis === 'function' && dt.isValid !== false)
			return inZone(dt.toMillis(), timeZone, value);
		if (typeof dt.toISO === 'function') {
			const iso = dt.toISO();
			if (typeof iso === 'string') return toWolkvoxDateTime(iso, timeZone);
		}
		throw new CoercionError(EXPECTED_DATE_TIME, value);
	}
	if (typeof value !== 'string') throw new CoercionError(EXPECTED_DATE_TIME, value);
	const dayFirst = DAY_FIRST_DATE_TIME.exec(value.trim());
	if (dayFirst) {
		const [, ds, , mos, ys, hs = '0', mis = '0', ss = '0'] = dayFirst;
		return wallTimeOrThrow(
			value,
			Number(ys),
			Number(mos),
			Number(ds),
			Number(hs),
			Number(mis),
			Number(ss),
		);
	}
	const m = ISO_DATE_TIME.exec(value.trim());
	if (!m) throw new CoercionError(EXPECTED_DATE_TIME, value);
	const [, ys, mos, ds, hs, mis, ss, fraction, zone] = m;
	const y = Number(ys);
	const mo = Number(mos);
	const d = Number(ds);
	const h = hs === undefined ? 0 : Number(hs);
	const mi = mis === undefined ? 0 : Number(mis);
	const s = ss === undefined ? 0 : Number(ss);
	if (zone === undefined) return wallTimeOrThrow(value, y, mo, d, h, mi, s);
	if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || s > 59)
		throw new CoercionError(EXPECTED_DATE_TIME, value);
	const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
	const epoch = utcMillis(y, mo, d, h, mi, s, ms) - offsetMinutes(zone) * 60000;
	return inZone(epoch, timeZone, value);
}
