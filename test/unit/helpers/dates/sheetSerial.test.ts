import { CoercionError } from '../../../../nodes/WolkvoxCrm/helpers/coerce';
import { parseDateInput } from '../../../../nodes/WolkvoxCrm/helpers/dates/calendarDate';
import {
	fromSheetSerial,
	MAX_SHEET_SERIAL,
} from '../../../../nodes/WolkvoxCrm/helpers/dates/sheetSerial';
import { ymd } from './readDates';

/** The calendar date Excel shows for a serial, computed independently with Date (valid from serial 61 on). */
function excelDate(serial: number): string {
	return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000)
		.toISOString()
		.slice(0, 10);
}

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
