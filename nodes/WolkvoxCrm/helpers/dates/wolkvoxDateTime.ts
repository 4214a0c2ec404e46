/** Date-times sent to wolkvox (tasks, gestiones, date ranges) as wall times in the workflow's time zone. */
import { CoercionError } from '../coerce';
import { isValidDate, utcMillis } from './calendar';
import { EXPECTED_DATE_TIME } from './inputDateFormat';
import { hasLuxonInstant, luxonIsoText } from './luxonDateTime';
import { wallTimeInZone } from './timeZones';
import { formatWallTime } from './wolkvoxFormat';

/** Day first, as Latin American sheets write it: `30/11/2026 17:00`, `30-11-2026 17:00:05`, `30/11/2026`. */
const DAY_FIRST_DATE_TIME =
	/^(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A wall time written as the user wrote it, once its parts are checked. */
function wallTimeOrThrow(
	value: unknown,
	...[y, mo, d, h, mi, s]: [number, number, number, number, number, number]
): string {
	if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || s > 59)
		throw new CoercionError(EXPECTED_DATE_TIME, value);
	return formatWallTime(y, mo, d, h, mi, s);
}

/** Minutes east of UTC of `Z`, `+05`, `-0530`, `+05:30`; NaN for an offset no clock has (`+99:99`). */
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
	if (value instanceof Date) return wallTimeInZone(value.getTime(), timeZone, value);
	if (typeof value !== 'string') {
		if (hasLuxonInstant(value)) return wallTimeInZone(value.toMillis(), timeZone, value);
		const iso = luxonIsoText(value);
		if (iso !== undefined) return toWolkvoxDateTime(iso, timeZone);
		throw new CoercionError(EXPECTED_DATE_TIME, value);
	}
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
	return wallTimeInZone(epoch, timeZone, value);
}
