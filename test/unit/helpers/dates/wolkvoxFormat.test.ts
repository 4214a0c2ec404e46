import type { DateParts } from '../../../../nodes/WolkvoxCrm/helpers/dates/calendar';
import { formatDate } from '../../../../nodes/WolkvoxCrm/helpers/dates/wolkvoxFormat';
import { ymd } from './readDates';

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
