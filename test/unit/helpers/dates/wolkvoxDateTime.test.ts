import { DateTime } from 'luxon';

import { CoercionError } from '../../../../nodes/WolkvoxCrm/helpers/coerce';
import { isValidTimeZone } from '../../../../nodes/WolkvoxCrm/helpers/dates/timeZones';
import { toWolkvoxDateTime } from '../../../../nodes/WolkvoxCrm/helpers/dates/wolkvoxDateTime';
import { messageOf } from './readDates';

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
