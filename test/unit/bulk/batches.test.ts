import { chunk } from '../../../nodes/WolkvoxCrm/bulk/batches';

describe('chunk', () => {
	it('splits into consecutive slices of at most the given size', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
		expect(chunk([1, 2, 3], 10)).toEqual([[1, 2, 3]]);
		expect(chunk([], 3)).toEqual([]);
	});

	it('treats sizes below one, fractions and NaN as at least one', () => {
		expect(chunk([1, 2], 0)).toEqual([[1], [2]]);
		expect(chunk([1, 2, 3], 2.7)).toEqual([[1, 2], [3]]);
		expect(chunk([1, 2], Number.NaN)).toEqual([[1], [2]]);
	});

	it('keeps every element once, in order', () => {
		const items = Array.from({ length: 1234 }, (_, k) => k);
		expect(chunk(items, 100).flat()).toEqual(items);
		expect(chunk(items, 100)).toHaveLength(13);
	});
});
