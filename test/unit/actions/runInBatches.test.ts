import { planBatches } from '../../../nodes/WolkvoxCrm/actions/runInBatches';
import { buildRecordDeleteBody } from '../../../nodes/WolkvoxCrm/actions/record/buildDeleteBody';

const item = (i: number, group: string) => ({ item: i, group, part: `id${i}`, key: `k${i}` });

describe('planBatches', () => {
	it('groups items by what a call shares, in first-seen order, at most `size` per batch', () => {
		const prepared = [
			item(0, 'contacts'),
			item(1, 'leads'),
			item(2, 'contacts'),
			item(3, 'contacts'),
			item(4, 'leads'),
		];
		expect(planBatches(prepared, 2).map((b) => b.map((p) => p.item))).toEqual([
			[0, 2],
			[3],
			[1, 4],
		]);
		expect(planBatches(prepared, 50).map((b) => b.map((p) => p.item))).toEqual([
			[0, 2, 3],
			[1, 4],
		]);
		expect(planBatches([], 10)).toEqual([]);
	});
});

describe('buildRecordDeleteBody', () => {
	it('sends one ID alone and several as a list with multiple', () => {
		expect(buildRecordDeleteBody('contacts', ['a1'])).toEqual({
			module: 'contacts',
			multiple: false,
			'wolkvox-id': 'a1',
		});
		expect(buildRecordDeleteBody('contacts', ['a1', 'a2'])).toEqual({
			module: 'contacts',
			multiple: true,
			'wolkvox-id': ['a1', 'a2'],
		});
	});

	it('refuses an empty module or ID', () => {
		expect(() => buildRecordDeleteBody('', ['a1'])).toThrow();
		expect(() => buildRecordDeleteBody('contacts', [''])).toThrow();
	});
});
