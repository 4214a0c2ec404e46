/**
 * The wall-clock time of an instant in an IANA time zone (e.g. America/Bogota), through `Intl`: enough for
 * time-zone conversion without a date library.
 */
import { CoercionError, describeValue } from '../coerce';
import { isValidDate, MAX_YEAR, MIN_YEAR, utcMillis } from './calendar';
import { EXPECTED_DATE_TIME } from './inputDateFormat';
import { formatWallTime } from './wolkvoxFormat';

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

/** A day of margin either side of the four-digit years, for zones; wallTimeInZone checks the year it prints. */
const EARLIEST_MS = utcMillis(MIN_YEAR, 1, 1) - 86400000;
const LATEST_MS = utcMillis(MAX_YEAR, 12, 31) + 2 * 86400000;

/**
 * The wall-clock time of an instant in a zone, as `YYYY-MM-DD HH:mm:ss`. `value` is what the user gave, for the
 * message when the instant has no four-digit year there.
 */
export function wallTimeInZone(epochMs: number, timeZone: string, value: unknown): string {
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
	return formatWallTime(parts.year, parts.month, parts.day, hour, parts.minute, parts.second);
}
