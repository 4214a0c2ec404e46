/** How long one call may take, from its first attempt to its answer: one place for the defaults and limits. */

export const DEFAULT_ITEM_TIMEOUT_SECONDS = 30;
export const DEFAULT_BULK_TIMEOUT_SECONDS = 120;
export const MIN_TIMEOUT_SECONDS = 1;
// An hour is far beyond any wolkvox answer, and far below what a timer can hold (24.8 days).
export const MAX_TIMEOUT_SECONDS = 3_600;

/** The Timeout option in milliseconds; an Error whose message says what to type when it is out of range. */
export function timeoutMsFrom(value: unknown, defaultSeconds: number): number {
	const seconds = value === undefined || value === null || value === '' ? defaultSeconds : value;
	if (
		typeof seconds !== 'number' ||
		!Number.isFinite(seconds) ||
		seconds < MIN_TIMEOUT_SECONDS ||
		seconds > MAX_TIMEOUT_SECONDS
	) {
		throw new Error(
			`The Timeout must be a number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}, got ${JSON.stringify(seconds) ?? String(seconds)}`,
		);
	}
	return Math.round(seconds * 1000);
}
