/** Marks a failed attempt; lets callers throw their own error outside a catch block (a community-lint rule). */
export const FAILED: unique symbol = Symbol('failed');

/** Runs fn and returns its result, or FAILED if it threw. */
export function attempt<T>(fn: () => T): T | typeof FAILED {
	try {
		return fn();
	} catch {
		return FAILED;
	}
}

/** Runs fn and returns its result or what it threw, so the caller can build its own error outside a catch. */
export function tryCall<T>(fn: () => T): { value: T } | { error: unknown } {
	try {
		return { value: fn() };
	} catch (error) {
		return { error };
	}
}
