import { DateTime } from 'luxon';

import { CoercionError } from '../../../../nodes/WolkvoxCrm/helpers/coerce';
import {
	dateOrFailure,
	parseDateInput,
} from '../../../../nodes/WolkvoxCrm/helpers/dates/calendarDate';
import { isDateFailure } from '../../../../nodes/WolkvoxCrm/helpers/dates/dateFailure';
import { messageOf, ymd } from './readDates';

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
});
