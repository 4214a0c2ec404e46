/** Case files into the batches that go out one call each. */

/** Splits a list into consecutive slices of at most `size` (at least 1) elements. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
	const step = Math.max(1, Math.floor(Number.isFinite(size) ? size : 1));
	const out: T[][] = [];
	for (let k = 0; k < items.length; k += step) out.push(items.slice(k, k + step));
	return out;
}
