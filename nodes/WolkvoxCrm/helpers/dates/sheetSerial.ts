/** Sheet serial numbers (Excel and Google Sheets, 1900 date system) as calendar dates. */
import type { DateParts } from './calendar';

/** Largest sheet serial number: 9999-12-31. */
export const MAX_SHEET_SERIAL = 2958465;

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
