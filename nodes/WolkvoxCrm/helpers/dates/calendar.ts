/**
 * Calendar facts without a Date object's quirks: which dates exist, and the instant of a date and time in UTC.
 * No date library: n8n community nodes may not carry runtime dependencies.
 */

export type DateParts = { year: number; month: number; day: number };

/** Dates are written with a four-digit year; wolkvox's pages show nothing else. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * A real calendar date with a four-digit year (no 2025-02-30). Years before 1000 are typos in CRM data, and the
 * reference sandbox, like any check built on Date.UTC, reads years 0–99 as 1900–1999.
 */
export function isValidDate(year: number, month: number, day: number): boolean {
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
	if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
	return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** The date's parts when the date exists, otherwise undefined. */
export function datePartsIfValid(year: number, month: number, day: number): DateParts | undefined {
	return isValidDate(year, month, day) ? { year, month, day } : undefined;
}

/** Date.UTC without its mapping of years 0–99 to 1900–1999. */
export function utcMillis(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
	const date = new Date(0);
	date.setUTCFullYear(y, mo - 1, d);
	date.setUTCHours(h, mi, s, ms);
	return date.getTime();
}
