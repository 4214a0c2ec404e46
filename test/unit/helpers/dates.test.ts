import { DateTime } from 'luxon';

import { CoercionError } from '../../../nodes/WolkvoxCrm/helpers/coerce';
import {
	dateOrFailure,
	formatDate,
	fromSheetSerial,
	isDateFailure,
	isValidTimeZone,
	MAX_SHEET_SERIAL,
	parseDateInput,
	toWolkvoxDateTime,
	type DateParts,
	type InputDateFormat,
} from '../../../nodes/WolkvoxCrm/helpers/dates';

const ymd = (value: unknown, format?: InputDateFormat) => formatDate(parseDateInput(value, format));

function messageOf(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		if (error instanceof CoercionError) return error.message;
		throw new Error(`expected a CoercionError, got ${String(error)}`);
	}
	throw new Error('expected a CoercionError, nothing was thrown');
}

/** The calendar date Excel shows for a serial, computed independently with Date (valid from serial 61 on). */
function excelDate(serial: number): string {
	return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000)
		.toISOString()
		.slice(0, 10);
}

describe('parseDateInput: ISO text', () => {
	it.each<[string, string]>([
		['2025-02-03', '2025-02-03'],
		['  2025-02-03 ', '2025-02-03'],
		['2025-02-03T10:00:00Z', '2025-02-03'],
		['2025-02-03T10:00:00.000-05:00', '2025-02-03'],
		['2025-02-03 10:00', '2025-02-03'],
		['2025-2-3', '2025-02-03'],
		['2025/02/03', '2025-02-03'],
		['2024-02-29', '2024-02-29'],
	])('reads %j as %s', (text, expected) => {
		expect(ymd(text)).toBe(expected);
	});

	it('takes the calendar date as written, never shifted by the offset', () => {
		// 23:30 at -05:00 is already the 4th in UTC; the user wrote the 3rd.
		expect(ymd('2025-02-03T23:30:00-05:00')).toBe('2025-02-03');
		expect(ymd('2025-02-03T00:30:00+09:00')).toBe('2025-02-03');
	});

	it('is understood whatever input format was declared', () => {
		for (const format of [
			'DD/MM/YYYY',
			'MM/DD/YYYY',
			'DD-MM-YYYY',
			'YYYYMMDD',
			'YYYY-MM-DD',
		] as const) {
			expect(ymd('2025-02-03', format)).toBe('2025-02-03');
		}
	});
});

describe('parseDateInput: day-first and declared formats', () => {
	it('reads slash dates day first in automatic mode (Latin America)', () => {
		expect(ymd('03/02/2025')).toBe('2025-02-03');
		expect(ymd('3/2/2025')).toBe('2025-02-03');
		expect(ymd('15/12/2026')).toBe('2026-12-15');
	});

	it('accepts - and . as separators like /', () => {
		expect(ymd('03-02-2025')).toBe('2025-02-03');
		expect(ymd('03.02.2025')).toBe('2025-02-03');
		expect(ymd('03.02.2025 10:30', 'DD-MM-YYYY')).toBe('2025-02-03');
	});

	it('does not mix separators', () => {
		expect(() => parseDateInput('03/02-2025')).toThrow(CoercionError);
	});

	it('reads month first only when told so', () => {
		expect(ymd('02/03/2025', 'MM/DD/YYYY')).toBe('2025-02-03');
		expect(ymd('02/13/2025', 'MM/DD/YYYY')).toBe('2025-02-13');
		expect(() => parseDateInput('13/02/2025', 'MM/DD/YYYY')).toThrow(CoercionError);
	});

	it('does not fall back to month first row by row, and says what the date looks like', () => {
		const message = messageOf(() => parseDateInput('02/13/2025'));
		expect(message).toContain('got "02/13/2025"');
		expect(message).toContain('looks month first');
		expect(message).toContain('MM/DD/YYYY');
	});

	it('refuses day-first text when YYYY-MM-DD was declared', () => {
		expect(() => parseDateInput('03/02/2025', 'YYYY-MM-DD')).toThrow(CoercionError);
	});

	it('reads YYYYMMDD as text or number', () => {
		expect(ymd('20250203')).toBe('2025-02-03');
		expect(ymd(20250203)).toBe('2025-02-03');
		expect(ymd('20250203', 'YYYYMMDD')).toBe('2025-02-03');
		expect(() => parseDateInput('20250230')).toThrow(CoercionError);
	});

	it('does not guess the century of two-digit years', () => {
		const message = messageOf(() => parseDateInput('03/02/25'));
		expect(message).toContain('four digits');
	});
});

describe('parseDateInput: sheet serial numbers', () => {
	it('follows the 1900 date system with its phantom 1900-02-29', () => {
		expect(ymd(1)).toBe('1900-01-01');
		expect(ymd(59)).toBe('1900-02-28');
		expect(() => parseDateInput(60)).toThrow(CoercionError);
		expect(ymd(61)).toBe('1900-03-01');
		expect(ymd(45658)).toBe('2025-01-01');
		expect(ymd(MAX_SHEET_SERIAL)).toBe('9999-12-31');
	});

	it('agrees with an independent Date computation over the whole range', () => {
		for (let serial = 61; serial <= MAX_SHEET_SERIAL; serial += 997) {
			expect([serial, ymd(serial)]).toEqual([serial, excelDate(serial)]);
		}
		for (let serial = 45000; serial < 47000; serial++) {
			expect([serial, ymd(serial)]).toEqual([serial, excelDate(serial)]);
		}
	});

	it('ignores the time fraction and accepts serials written as text', () => {
		expect(ymd(45658.75)).toBe('2025-01-01');
		expect(ymd('45658')).toBe('2025-01-01');
		expect(ymd('45658.999')).toBe('2025-01-01');
	});

	it('refuses numbers outside the serial range', () => {
		for (const n of [
			0,
			-1,
			0.5,
			MAX_SHEET_SERIAL + 1,
			5000000,
			Number.NaN,
			Number.POSITIVE_INFINITY,
		]) {
			expect(() => parseDateInput(n)).toThrow(CoercionError);
		}
		expect(fromSheetSerial(60)).toBeUndefined();
	});
});

describe('parseDateInput: date objects', () => {
	it('takes the UTC calendar date of a JS Date', () => {
		expect(ymd(new Date('2025-02-03'))).toBe('2025-02-03');
		expect(ymd(new Date('2025-02-03T23:30:00-05:00'))).toBe('2025-02-04');
	});

	it('takes a Luxon DateTime date in its own zone', () => {
		const late = DateTime.fromISO('2025-02-03T23:30:00', { zone: 'America/Bogota' });
		expect(ymd(late)).toBe('2025-02-03');
		expect(ymd(DateTime.fromISO('2025-07-04T00:15:00', { zone: 'Asia/Tokyo' }))).toBe('2025-07-04');
	});

	it('accepts duck-typed date-time objects', () => {
		expect(ymd({ isLuxonDateTime: true, toISODate: () => '2025-07-04' })).toBe('2025-07-04');
		expect(ymd({ toISO: () => '2025-07-04T10:00:00.000-05:00' })).toBe('2025-07-04');
	});

	it('refuses invalid dates and objects', () => {
		expect(() => parseDateInput(new Date('nonsense'))).toThrow(CoercionError);
		expect(() => parseDateInput(DateTime.invalid('test'))).toThrow(CoercionError);
		expect(() => parseDateInput({})).toThrow(CoercionError);
		expect(() => parseDateInput([2025, 2, 3])).toThrow(CoercionError);
	});
});

describe('parseDateInput: what is no date', () => {
	it.each<[unknown]>([
		['2025-02-30'],
		['2023-02-29'],
		['29/02/2023'],
		['31/04/2025'],
		['2025-13-01'],
		['2025-00-10'],
		['garbage'],
		['2025-02-03garbage'],
		['2025-02-03T25'],
		['03/02/2025 abc'],
		['1/2/3/2025'],
		['12345/02/03'],
		[''],
		['   '],
		[null],
		[undefined],
		[true],
	])('rejects %j with a CoercionError', (value) => {
		expect(() => parseDateInput(value)).toThrow(CoercionError);
	});

	it('names the value and what was expected', () => {
		expect(messageOf(() => parseDateInput('2025-02-30'))).toBe(
			'must be a date like 2025-02-03, 03/02/2025 (day first) or a sheet serial number such as 45691, got "2025-02-30" (no such date)',
		);
		expect(messageOf(() => parseDateInput('x', 'MM/DD/YYYY'))).toContain('month first');
	});

	it('answers with a failure instead of throwing in dateOrFailure', () => {
		const parsed = dateOrFailure('2025-02-30');
		expect(isDateFailure(parsed)).toBe(true);
		expect(isDateFailure(dateOrFailure('2025-02-28'))).toBe(false);
	});
});

describe('formatDate', () => {
	const parts: DateParts = { year: 2025, month: 2, day: 3 };

	it('writes YYYY-MM-DD by default and DD-MM-YYYY on request, zero-padded', () => {
		expect(formatDate(parts)).toBe('2025-02-03');
		expect(formatDate(parts, 'DD-MM-YYYY')).toBe('03-02-2025');
		expect(formatDate({ year: 987, month: 11, day: 30 })).toBe('0987-11-30');
	});

	it('round-trips every day of a leap year through day-first text', () => {
		const start = Date.UTC(2024, 0, 1);
		for (let d = 0; d < 366; d++) {
			const iso = new Date(start + d * 86400000).toISOString().slice(0, 10);
			const [y, m, day] = iso.split('-');
			expect(ymd(`${day}/${m}/${y}`)).toBe(iso);
		}
	});
});

describe('toWolkvoxDateTime', () => {
	const BOGOTA = 'America/Bogota';

	it('keeps the wall time of text without an offset (what n8n date-time parameters give)', () => {
		expect(toWolkvoxDateTime('2026-11-24T10:00:00', BOGOTA)).toBe('2026-11-24 10:00:00');
		expect(toWolkvoxDateTime('2026-11-24T10:00:00', 'Asia/Tokyo')).toBe('2026-11-24 10:00:00');
		expect(toWolkvoxDateTime('2026-11-24 10:05', BOGOTA)).toBe('2026-11-24 10:05:00');
		expect(toWolkvoxDateTime('2026-11-24T9:05:07.250', BOGOTA)).toBe('2026-11-24 09:05:07');
	});

	it('makes a date alone midnight', () => {
		expect(toWolkvoxDateTime('2026-11-24', BOGOTA)).toBe('2026-11-24 00:00:00');
	});

	it('reads day-first dates as Latin American sheets write them, wall time as written', () => {
		expect(toWolkvoxDateTime('30/11/2026 17:00', BOGOTA)).toBe('2026-11-30 17:00:00');
		expect(toWolkvoxDateTime(' 3-2-2026 7:05:09 ', BOGOTA)).toBe('2026-02-03 07:05:09');
		expect(toWolkvoxDateTime('30/11/2026', BOGOTA)).toBe('2026-11-30 00:00:00');
		for (const bad of [
			'31/11/2026 10:00',
			'30/11/2026 24:00',
			'30/11-2026 10:00',
			'11/30/2026 10:00',
		])
			expect(() => toWolkvoxDateTime(bad, BOGOTA)).toThrow(/30\/11\/2026 17:00/);
	});

	it('converts text with Z or an offset to the time zone', () => {
		expect(toWolkvoxDateTime('2026-11-24T15:00:00Z', BOGOTA)).toBe('2026-11-24 10:00:00');
		expect(toWolkvoxDateTime('2026-11-24T10:00:00+01:00', BOGOTA)).toBe('2026-11-24 04:00:00');
		expect(toWolkvoxDateTime('2026-11-24T03:00:00.000Z', BOGOTA)).toBe('2026-11-23 22:00:00');
		expect(toWolkvoxDateTime('2026-11-24T10:00:00-0500', 'UTC')).toBe('2026-11-24 15:00:00');
	});

	it('follows daylight saving time of the zone', () => {
		expect(toWolkvoxDateTime('2026-07-01T12:00:00Z', 'Europe/Madrid')).toBe('2026-07-01 14:00:00');
		expect(toWolkvoxDateTime('2026-01-15T12:00:00Z', 'Europe/Madrid')).toBe('2026-01-15 13:00:00');
	});

	it('converts JS Dates and Luxon DateTimes, which are instants', () => {
		expect(toWolkvoxDateTime(new Date('2026-11-24T15:00:00Z'), BOGOTA)).toBe('2026-11-24 10:00:00');
		const tokyo = DateTime.fromISO('2026-11-25T00:00:00', { zone: 'Asia/Tokyo' });
		expect(toWolkvoxDateTime(tokyo, BOGOTA)).toBe('2026-11-24 10:00:00');
		expect(toWolkvoxDateTime({ toISO: () => '2026-11-24T15:00:00.000Z' }, BOGOTA)).toBe(
			'2026-11-24 10:00:00',
		);
	});

	it.each<[unknown]>([
		['nope'],
		['2026-11-24T24:00:00'],
		['2026-11-24T10:60'],
		['2026-02-30T10:00:00'],
		// Day first is read, as sheets write it, but not an impossible day or a month-first order.
		['31/11/2026 10:00'],
		['11/24/2026 10:00'],
		[''],
		[1764000000000],
		[null],
		[new Date('x')],
		[DateTime.invalid('test')],
		[{}],
	])('rejects %j', (value) => {
		expect(() => toWolkvoxDateTime(value, BOGOTA)).toThrow(CoercionError);
	});

	it('refuses an unknown time zone with a CoercionError that names it', () => {
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
		expect(isValidTimeZone(BOGOTA)).toBe(true);
		expect(messageOf(() => toWolkvoxDateTime('2026-11-24T15:00:00Z', 'Mars/Olympus'))).toContain(
			'Mars/Olympus',
		);
	});
});

describe('years outside four digits', () => {
	it.each<[unknown]>([
		['0050-01-01'],
		['0999-12-31'],
		[new Date('0050-06-01T00:00:00Z')],
		[new Date(8.64e15)],
		[new Date(-8.64e15)],
	])('are no calendar date: %p', (value) => {
		expect(isDateFailure(dateOrFailure(value))).toBe(true);
	});

	it('keep the first and last four-digit years', () => {
		expect(ymd('1000-01-01')).toBe('1000-01-01');
		expect(ymd(new Date('9999-12-31T00:00:00Z'))).toBe('9999-12-31');
	});

	it.each<[unknown]>([
		// Date.UTC read the year 0050 as 1950, and a date of 2 BC printed as year 0002.
		['0050-01-01T00:00:00Z'],
		['0999-12-31T23:00:00'],
		[new Date(-6e13)],
		[new Date(-7e13)],
		[new Date(8.64e15)],
		[DateTime.fromISO('+012345-01-01T00:00:00Z')],
	])('are no task date-time: %p', (value) => {
		expect(() => toWolkvoxDateTime(value, 'America/Bogota')).toThrow(CoercionError);
	});

	it('keeps the ends of the range in the zone', () => {
		expect(toWolkvoxDateTime('1000-01-01T12:00:00Z', 'UTC')).toBe('1000-01-01 12:00:00');
		expect(toWolkvoxDateTime('9999-12-31T12:00:00Z', 'UTC')).toBe('9999-12-31 12:00:00');
		expect(() => toWolkvoxDateTime('1000-01-01T01:00:00Z', 'America/Bogota')).toThrow(
			CoercionError,
		);
	});

	it('refuses an offset no clock has', () => {
		expect(() => toWolkvoxDateTime('2026-11-24T10:00:00+99:00', 'UTC')).toThrow(CoercionError);
		expect(() => toWolkvoxDateTime('2026-11-24T10:00:00+05:75', 'UTC')).toThrow(CoercionError);
		expect(toWolkvoxDateTime('2026-11-24T10:00:00+14:00', 'UTC')).toBe('2026-11-23 20:00:00');
	});
});
