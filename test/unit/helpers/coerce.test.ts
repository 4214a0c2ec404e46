import { DateTime } from 'luxon';

import {
	amountText,
	CoercionError,
	describeValue,
	EXPECTED_AMOUNT,
	formatAmount,
	integerText,
	isBlank,
	parseInteger,
	parseMoney,
	numberText,
	textOf,
	textOrUndefined,
	textProblem,
	trimText,
} from '../../../nodes/WolkvoxCrm/helpers/coerce';

function coercionErrorOf(fn: () => unknown): CoercionError {
	try {
		fn();
	} catch (error) {
		if (error instanceof CoercionError) return error;
		throw new Error(`expected a CoercionError, got ${String(error)}`);
	}
	throw new Error('expected a CoercionError, nothing was thrown');
}

describe('parseMoney', () => {
	it.each<[string, number]>([
		['1.234.567,89', 1234567.89],
		['1,234,567.89', 1234567.89],
		['$ 1.500', 1500],
		['$1,234.56', 1234.56],
		['1.500,5', 1500.5],
		['-1.234,00', -1234],
		['COP 2.000', 2000],
		['2.000 COP', 2000],
		['US$ 1,234.50', 1234.5],
		['-$1.500', -1500],
		['$ -1.500', -1500],
		['(1.500)', -1500],
		['1500', 1500],
		['1500.75', 1500.75],
		['1,5', 1.5],
		['  12 345,6 ', 12345.6],
		['1 234 567', 1234567],
		["1'234.50", 1234.5],
		['+33', 33],
		['0012', 12],
		['.5', 0.5],
		['0,5', 0.5],
		['1234.567', 1234.567],
	])('reads %j as %d', (text, expected) => {
		expect(parseMoney(text)).toBe(expected);
	});

	it('reads a single separator followed by exactly three digits as thousands (Latin-American sheets)', () => {
		expect(parseMoney('1.500')).toBe(1500);
		expect(parseMoney('1,500')).toBe(1500);
		expect(parseMoney('999.999')).toBe(999999);
	});

	it('reads a single separator as decimal when it cannot be a thousands mark', () => {
		// leading zero, four integer digits, or not exactly three decimals
		expect(parseMoney('0.500')).toBe(0.5);
		expect(parseMoney('1234.500')).toBe(1234.5);
		expect(parseMoney('1.50')).toBe(1.5);
		expect(parseMoney('1.5000')).toBe(1.5);
	});

	it('passes finite numbers through', () => {
		expect(parseMoney(1234.5)).toBe(1234.5);
		expect(parseMoney(-3)).toBe(-3);
		expect(parseMoney(0)).toBe(0);
	});

	it.each<[unknown]>([
		['abc'],
		['12a'],
		['1.2.3,4,5'],
		['1.5.000'],
		['1,234.5,6'],
		['12.'],
		['1..5'],
		['--5'],
		['$'],
		['usd 100'],
		[''],
		['   '],
		[null],
		[undefined],
		[Number.NaN],
		[Number.POSITIVE_INFINITY],
		[true],
		[{}],
		[[1]],
	])('rejects %j with a CoercionError that says what was expected', (value) => {
		const error = coercionErrorOf(() => parseMoney(value));
		expect(error.expected).toBe(EXPECTED_AMOUNT);
		expect(error.message).toContain('must be an amount like 1.234.567,89 or 1234567.89');
		expect(error.value).toBe(value);
	});

	it('names the rejected text in the message', () => {
		expect(coercionErrorOf(() => parseMoney('abc')).message).toBe(
			'must be an amount like 1.234.567,89 or 1234567.89, got "abc"',
		);
	});

	it('rejects absurdly long text without hanging on it', () => {
		const started = Date.now();
		expect(() => parseMoney(`$ ${'1 '.repeat(5000)}x`)).toThrow(CoercionError);
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('formatAmount', () => {
	it.each<[number, string]>([
		[1234567.89, '1234567.89'],
		[1500, '1500'],
		[1500.5, '1500.5'],
		[1234.567, '1234.567'],
		[-1234.5, '-1234.5'],
		[0, '0'],
		[-0, '0'],
		[1e21, '1000000000000000000000'],
		[1.5e22, '15000000000000000000000'],
		[1e-7, '0.0000001'],
		[-2.5e-8, '-0.000000025'],
	])('writes %d as %j', (n, expected) => {
		expect(formatAmount(n)).toBe(expected);
	});

	it('rounds away binary noise from arithmetic done upstream', () => {
		expect(formatAmount(0.1 + 0.2)).toBe('0.3');
		expect(formatAmount(1.1 * 3)).toBe('3.3');
	});

	it('never writes an exponent or a thousands separator', () => {
		for (const n of [1e21, 123456789012.34, 5e-7, 9.99e25, -4.2e-9]) {
			expect(formatAmount(n)).toMatch(/^-?\d+(\.\d+)?$/);
		}
	});

	it('refuses what is not a finite number', () => {
		expect(() => formatAmount(Number.NaN)).toThrow(CoercionError);
		expect(() => formatAmount(Number.NEGATIVE_INFINITY)).toThrow(CoercionError);
	});
});

describe('amountText', () => {
	it('gives the same text as formatAmount(parseMoney(value))', () => {
		const inputs: unknown[] = [
			'1.234.567,89',
			'1,234,567.89',
			'$ 1.500',
			'1.500,50',
			'-1.234,00',
			'0012,30',
			'000',
			'-0,00',
			'(2.000,10)',
			'12 345,6',
			'7',
			1500,
			1234.5,
			0.1 + 0.2,
			1e21,
		];
		for (const value of inputs)
			expect([value, amountText(value)]).toEqual([value, formatAmount(parseMoney(value))]);
	});

	it('is undefined, not an exception, for what is no amount', () => {
		expect(amountText('abc')).toBeUndefined();
		expect(amountText('')).toBeUndefined();
		expect(amountText(null)).toBeUndefined();
		expect(amountText(Number.NaN)).toBeUndefined();
	});

	it('keeps every digit of an amount longer than a double holds', () => {
		expect(amountText('12.345.678.901.234.567,25')).toBe('12345678901234567.25');
	});
});

describe('ids and phones as text', () => {
	it('keeps text as written, leading zeros included, only trimmed', () => {
		expect(textOrUndefined('0012')).toBe('0012');
		expect(textOrUndefined(' 057 ')).toBe('057');
		expect(textOrUndefined('+57 300 123 4567')).toBe('+57 300 123 4567');
		expect(textOrUndefined('1001.0')).toBe('1001.0');
	});

	it('writes numbers as plain decimal text without exponent', () => {
		expect(textOrUndefined(3001234567)).toBe('3001234567');
		expect(textOrUndefined(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
		expect(textOrUndefined(-0)).toBe('0');
		expect(textOrUndefined(12.5)).toBe('12.5');
	});

	it('refuses a whole number above 2^53 - 1, whose last digits are already lost, and says to send text', () => {
		// 2^60 would go out as 1152921504606846976, not the id the sheet held.
		expect(textOrUndefined(2 ** 60)).toBeUndefined();
		expect(textProblem(2 ** 60)).toBe(
			'must be text, got the number 1152921504606846976 (numbers above 9007199254740991 have already lost their last digits; send it as text)',
		);
	});
});

describe('parseInteger', () => {
	it.each<[unknown, number]>([
		['33', 33],
		[33, 33],
		['33.0', 33],
		['1.200', 1200],
		['1,200', 1200],
		[' 7 ', 7],
		['-5', -5],
		['0', 0],
		['-0', 0],
	])('reads %j as %d', (value, expected) => {
		expect(parseInteger(value)).toBe(expected);
	});

	it.each<[unknown]>([
		[33.5],
		['33.5'],
		['33,5'],
		['x'],
		['33 days'],
		[''],
		[null],
		[undefined],
		[Number.NaN],
	])('rejects %j', (value) => {
		expect(coercionErrorOf(() => parseInteger(value)).expected).toBe('a whole number like 33');
	});

	it('has a text form that agrees with it', () => {
		for (const value of ['33', 33, '33.0', '1.200', '-0'])
			expect(integerText(value)).toBe(String(parseInteger(value)));
		expect(integerText('33.5')).toBeUndefined();
	});
});

describe('blank values and text', () => {
	it('treats undefined, null and whitespace as blank, but not 0 or false', () => {
		expect(isBlank(undefined)).toBe(true);
		expect(isBlank(null)).toBe(true);
		expect(isBlank('')).toBe(true);
		expect(isBlank(' \t\u00a0')).toBe(true);
		expect(isBlank(0)).toBe(false);
		expect(isBlank(false)).toBe(false);
		expect(isBlank('x')).toBe(false);
	});

	it('trims like String.prototype.trim', () => {
		for (const text of [
			'',
			'a',
			' a',
			'a ',
			'\u00a0a\u00a0',
			'\ta b\n',
			'\u3000a',
			'a\u2028',
			'  ',
		]) {
			expect(trimText(text)).toBe(text.trim());
		}
	});

	it('turns text and finite numbers into text, and nothing else', () => {
		expect(textOrUndefined('  Ana ')).toBe('Ana');
		expect(textOf('  Ana ')).toBe('  Ana ');
		expect(textOrUndefined(12)).toBe('12');
		expect(textOrUndefined(1750.5)).toBe('1750.5');
		for (const value of [
			false,
			true,
			new Date('2025-02-03T00:00:00Z'),
			new Date(Number.NaN),
			{ a: 1 },
			[1],
			Number.NaN,
			Number.NEGATIVE_INFINITY,
			2 ** 53,
			BigInt(1),
			Symbol('s'),
			() => 'x',
		]) {
			expect(textOrUndefined(value)).toBeUndefined();
			expect(textOf(value)).toBeUndefined();
		}
	});

	it('writes numbers in plain decimal notation, every digit kept', () => {
		expect(numberText(3001234567)).toBe('3001234567');
		expect(numberText(1e-7)).toBe('0.0000001');
		expect(numberText(0.1 + 0.2)).toBe('0.30000000000000004');
		expect(numberText(-2.5e-8)).toBe('-0.000000025');
		expect(numberText(-Number.MAX_SAFE_INTEGER)).toBe('-9007199254740991');
		expect(numberText(Number.MAX_SAFE_INTEGER + 1)).toBeUndefined();
		expect(numberText(1e300)).toBeUndefined();
	});

	it('says why a value is no text', () => {
		expect(textProblem(true)).toBe('must be text, got true');
		expect(textProblem(new Date(Number.NaN))).toBe('must be text, got an invalid date');
		expect(textProblem(1e21)).toMatch(
			/^must be text, got the number 1000000000000000000000 \(.*send it as text\)$/,
		);
	});

	it('describes values briefly for messages', () => {
		expect(describeValue('abc')).toBe('"abc"');
		expect(describeValue(undefined)).toBe('nothing');
		expect(describeValue({})).toBe('an object');
		expect(describeValue('x'.repeat(100))).toHaveLength(62);
	});

	it('describes any value without throwing (String() throws on a null-prototype object)', () => {
		expect(describeValue(Object.create(null))).toBe('an object');
		expect(describeValue(Symbol('s'))).toBe('a symbol');
		expect(describeValue(() => 1)).toBe('a function');
		expect(describeValue(BigInt(10))).toBe('10n');
		expect(describeValue(DateTime.invalid('broken'))).toBe('an invalid date');
		expect(describeValue(DateTime.fromISO('2025-02-03'))).toBe('a date-time');
	});
});
