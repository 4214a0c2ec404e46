/**
 * Calendar dates written as text: ISO, day first, month first when declared, `YYYYMMDD`, sheet serials kept as
 * text. Scanned by hand rather than with regular expressions: bulk loads parse two dates per row.
 */
import { datePartsIfValid, type DateParts } from './calendar';
import {
	LOOKS_MONTH_FIRST,
	NO_SUCH_DATE,
	NOT_A_DATE,
	TWO_DIGIT_YEAR,
	type DateFailure,
} from './dateFailure';
import type { InputDateFormat } from './inputDateFormat';
import { fromSheetSerial } from './sheetSerial';

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

/** The calendar date written in `raw`, or why it is none; a time after the date is allowed and ignored. */
export function parseDateText(raw: string, format: InputDateFormat): DateParts | DateFailure {
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
			return (
				datePartsIfValid(Math.floor(a / 10000), Math.floor(a / 100) % 100, a % 100) ?? NO_SUCH_DATE
			);
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
	if (aLen === 4) return cLen <= 2 ? (datePartsIfValid(a, b, c) ?? NO_SUCH_DATE) : NOT_A_DATE;
	if (aLen > 2) return NOT_A_DATE;
	if (cLen === 2) return TWO_DIGIT_YEAR;
	if (cLen !== 4 || format === 'YYYY-MM-DD' || format === 'YYYYMMDD') return NOT_A_DATE;

	if (DAY_FIRST_FORMATS.has(format)) {
		// Falling back to month first row by row would read one file two ways; say what the date looks like instead.
		return (
			datePartsIfValid(c, b, a) ?? (datePartsIfValid(c, a, b) ? LOOKS_MONTH_FIRST : NO_SUCH_DATE)
		);
	}
	return datePartsIfValid(c, a, b) ?? NO_SUCH_DATE;
}
