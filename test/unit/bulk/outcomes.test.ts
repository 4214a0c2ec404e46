import { outcomesForBatch, readBulkSummary } from '../../../nodes/WolkvoxCrm/bulk/outcomes';

describe('readBulkSummary', () => {
	it('reads the vendor summary with its spelling, numbers as strings or numbers', () => {
		const summary = readBulkSummary({
			code: '200',
			success: false,
			summary: {
				total_records_received: '3',
				successful_inserts: 2,
				failed_count: 1,
				total_processed: 3,
				failed_Sumary: [{ index: 1, Identification: 'B', error: 'Missing Email' }],
			},
		});
		expect(summary).toEqual({
			totalRecordsReceived: 3,
			successfulInserts: 2,
			failedCount: 1,
			totalProcessed: 3,
			failures: [{ index: 1, Identification: 'B', error: 'Missing Email' }],
		});
	});

	it('survives a missing or odd summary', () => {
		expect(readBulkSummary({}).failures).toEqual([]);
		expect(readBulkSummary(null).failures).toEqual([]);
		expect(readBulkSummary({ summary: { failed_Sumary: 'x' } }).failures).toEqual([]);
	});
});

describe('outcomesForBatch', () => {
	it('marks everything inserted when nothing failed', () => {
		const { outcomes } = outcomesForBatch(
			['A', 'B'],
			readBulkSummary({ summary: { failed_count: 0, failed_Sumary: [] } }),
		);
		expect(outcomes.map((o) => o.status)).toEqual(['inserted', 'inserted']);
	});

	it('matches failures by Identification', () => {
		const { outcomes } = outcomesForBatch(
			['A', 'B', 'C'],
			readBulkSummary({
				summary: {
					failed_count: 1,
					failed_Sumary: [{ Identification: 'C', error: 'Missing Telephone' }],
				},
			}),
		);
		expect(outcomes.map((o) => o.status)).toEqual(['inserted', 'inserted', 'failed']);
		expect(outcomes[2].reason).toBe('Missing Telephone');
		expect(outcomes[2].vendorEntry).toEqual({ Identification: 'C', error: 'Missing Telephone' });
	});

	it('matches failures by position when the entry has no Identification', () => {
		const { outcomes } = outcomesForBatch(
			['A', 'B'],
			readBulkSummary({
				summary: {
					failed_count: 1,
					failed_Sumary: [{ index: 0, Identification: null, message: 'bad' }],
				},
			}),
		);
		expect(outcomes.map((o) => o.status)).toEqual(['failed', 'inserted']);
		expect(outcomes[0].reason).toBe('bad');
	});

	it('never calls a case file inserted when a failure cannot be tied to one', () => {
		const { outcomes, unmatched } = outcomesForBatch(
			['A', 'B'],
			readBulkSummary({ summary: { failed_count: 1, failed_Sumary: ['something went wrong'] } }),
		);
		expect(unmatched).toEqual(['something went wrong']);
		expect(outcomes.map((o) => o.status)).toEqual(['unconfirmed', 'unconfirmed']);
		expect(outcomes[0].reason).toMatch(/1 failed/);
	});

	it('treats a failed_count larger than the entries as unconfirmed for the rest', () => {
		const { outcomes } = outcomesForBatch(
			['A', 'B', 'C'],
			readBulkSummary({
				summary: { failed_count: 2, failed_Sumary: [{ Identification: 'A', error: 'x' }] },
			}),
		);
		expect(outcomes.map((o) => o.status)).toEqual(['failed', 'unconfirmed', 'unconfirmed']);
	});
});

describe('a batch cut on the way', () => {
	it('leaves every case file unconfirmed when wolkvox received fewer than were sent', () => {
		const { outcomes } = outcomesForBatch(
			['1', '2', '3'],
			readBulkSummary({
				code: '200',
				success: true,
				summary: { total_records_received: 2, successful_inserts: 2, failed_count: 0 },
			}),
		);
		expect(outcomes.map((o) => o.status)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);
		expect(outcomes[0].reason).toBe(
			'wolkvox received 2 of the 3 case files of this call; check them in the CRM',
		);
	});
});
