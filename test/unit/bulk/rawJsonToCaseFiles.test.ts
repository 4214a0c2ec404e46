import { caseFilesFromRawJson } from '../../../nodes/WolkvoxCrm/bulk/rawJsonToCaseFiles';

const good = (id: string) => ({ Identification: id, Name: 'N', Email: 'e@x.co', Telephone: '1' });

/** Every input item must be in at least one case file or error, and never in both. */
function accounted(result: ReturnType<typeof caseFilesFromRawJson>, items: number) {
	const sent = new Set(result.caseFiles.flatMap((c) => c.rows));
	const failed = new Set(result.rowErrors.map((e) => e.row));
	for (let i = 0; i < items; i++) expect([i, sent.has(i) !== failed.has(i)]).toEqual([i, true]);
}

describe('caseFilesFromRawJson', () => {
	it('ties JSON typed once to every input item, and sends it once', () => {
		const result = caseFilesFromRawJson([{ items: [0, 1, 2], parsed: [good('A'), good('B')] }]);
		expect(result.caseFiles.map((c) => [c.body.Identification, c.rows])).toEqual([
			['A', [0, 1, 2]],
			['B', [0, 1, 2]],
		]);
		expect(result.rowErrors).toEqual([]);
		accounted(result, 3);
	});

	it('makes an item with no case file, or broken JSON, an error item instead of dropping it', () => {
		const result = caseFilesFromRawJson([
			{ items: [0], parsed: [good('A')] },
			{ items: [1], parsed: [] },
			{ items: [2], parsed: undefined },
			{ items: [3], invalidJson: true },
		]);
		expect(result.caseFiles.map((c) => c.rows)).toEqual([[0]]);
		expect(result.rowErrors.map((e) => [e.row, e.message])).toEqual([
			[1, expect.stringMatching(/^Item 1: "Collections \(JSON\)" holds no case file/)],
			[2, expect.stringMatching(/^Item 2: .*holds no case file/)],
			[3, 'Item 3: "Collections (JSON)" is not valid JSON'],
		]);
		accounted(result, 4);
	});

	it("sends none of an item's case files when one is not a case file, so no item is both sent and failed", () => {
		const result = caseFilesFromRawJson([
			{ items: [0], parsed: [good('A'), { ...good('B'), Obligations: 'x' }] },
			{ items: [1], parsed: good('C') },
		]);
		expect(result.caseFiles.map((c) => c.body.Identification)).toEqual(['C']);
		expect(result.rowErrors).toEqual([
			expect.objectContaining({
				row: 0,
				field: 'Obligations',
				message: expect.stringMatching(
					/case file 2: "Obligations" must be an array.*none of this item/,
				),
			}),
		]);
		accounted(result, 2);
	});

	it.each<[string, unknown, RegExp]>([
		[
			'an own "__proto__" key (the schema copy turned it into the prototype)',
			JSON.parse('[{"Identification":"A","__proto__":{"x":1}}]'),
			/case file 1 must not hold a key named "__proto__"/,
		],
		[
			'a key named constructor in an obligation',
			[{ ...good('A'), Obligations: [{ id: '1', name: 'x', constructor: 'c' }] }],
			/key named "constructor".*\(at Obligations\[0\]\)/,
		],
		[
			'a bigint (JSON.stringify threw a TypeError when sending)',
			[{ ...good('A'), Identification: BigInt(1) }],
			/got 1n \(at Identification\)/,
		],
		[
			'NaN (was sent as null)',
			[{ ...good('A'), score: Number.NaN }],
			/must not hold NaN \(at score\)/,
		],
		[
			'an Invalid Date (was sent as null)',
			[{ ...good('A'), since: new Date(Number.NaN) }],
			/got an invalid date \(at since\)/,
		],
	])('refuses %s in Raw JSON, sending none of the item', (_label, parsed, message) => {
		const result = caseFilesFromRawJson([{ items: [0], parsed }]);
		expect(result.caseFiles).toEqual([]);
		expect(result.rowErrors).toEqual([
			{ row: 0, field: 'collections', message: expect.stringMatching(message) },
		]);
	});
});
