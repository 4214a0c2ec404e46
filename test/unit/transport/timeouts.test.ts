import { timeoutMsFrom } from '../../../nodes/WolkvoxCrm/transport/timeouts';

describe('the Timeout option', () => {
	it('uses the default when not set', () => {
		expect(timeoutMsFrom(undefined, 30)).toBe(30_000);
		expect(timeoutMsFrom('', 120)).toBe(120_000);
	});

	it('accepts 1 to 3600 seconds, fractions included', () => {
		expect(timeoutMsFrom(1, 30)).toBe(1_000);
		expect(timeoutMsFrom(2.5, 30)).toBe(2_500);
		expect(timeoutMsFrom(3600, 30)).toBe(3_600_000);
	});

	it.each([0, 0.5, -1, 3601, 3_000_000, NaN, Infinity, '60', null])(
		'refuses %p with a message that says what to type',
		(value) => {
			if (value === null) {
				expect(timeoutMsFrom(value, 30)).toBe(30_000);
				return;
			}
			expect(() => timeoutMsFrom(value, 30)).toThrow(
				/^The Timeout must be a number of seconds from 1 to 3600, got /,
			);
		},
	);
});
