/**
 * The calendar date of any value users hold a date in: text, `YYYYMMDD` and sheet serial numbers, JS Dates and
 * n8n DateTimes.
 */
import { CoercionError } from '../coerce';
import { datePartsIfValid, type DateParts } from './calendar';
import {
	dateFailureMessage,
	isDateFailure,
	NO_SUCH_DATE,
	NOT_A_DATE,
	type DateFailure,
} from './dateFailure';
import { parseDateText } from './dateText';
import { expectedDate, type InputDateFormat } from './inputDateFormat';
import { luxonDateText } from './luxonDateTime';
import { fromSheetSerial } from './sheetSerial';

/** The calendar date of a value, or why it is none. Does not throw: loops over many rows call it. */
export function dateOrFailure(
	value: unknown,
	format: InputDateFormat = 'auto',
): DateParts | DateFailure {
	if (typeof value === 'string') return parseDateText(value, format);
	if (typeof value === 'number') {
		if (Number.isInteger(value) && value >= 10000101 && value <= 99991231) {
			return (
				datePartsIfValid(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100) ??
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
			datePartsIfValid(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()) ??
			NO_SUCH_DATE
		);
	}
	const iso = luxonDateText(value);
	return iso !== undefined ? parseDateText(iso, 'YYYY-MM-DD') : NOT_A_DATE;
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
