import { buildObligationUpdateBody } from '../../../nodes/WolkvoxCrm/actions/obligation/buildObligationBody';
import { queryRecords } from '../../../nodes/WolkvoxCrm/actions/queryResults';
import { buildRecordDateQueryBody } from '../../../nodes/WolkvoxCrm/actions/record/buildDateQueryBody';
import { fieldError } from './fieldError';

const ID = '64dcf0a1b2c3d4e5f6a7b8c9';

describe('buildObligationUpdateBody', () => {
	it('sends the obligation id and only the fields given; the name only when it changes', () => {
		expect(
			buildObligationUpdateBody({
				caseFileId: ID,
				obligationId: '007',
				obligationName: '',
				totalBalance: '1.200.000,50',
				lastPay: 300000,
				lastPayDate: '2026-12-01',
			}),
		).toEqual({
			wolkvox_id: ID,
			fields: {
				id: '007',
				total_balance: '1200000.5',
				last_pay: '300000',
				last_pay_date: '2026-12-01',
			},
		});
		expect(
			buildObligationUpdateBody({ caseFileId: ID, obligationId: '007', obligationName: 'Loan' })
				.fields.name,
		).toBe('Loan');
	});

	it('still needs the case file and the obligation id', () => {
		expect(
			fieldError(() =>
				buildObligationUpdateBody({ caseFileId: ID, obligationId: ' ', obligationName: '' }),
			).field,
		).toBe('fields.id');
		expect(
			fieldError(() =>
				buildObligationUpdateBody({ caseFileId: '', obligationId: '1', obligationName: '' }),
			).field,
		).toBe('wolkvox_id');
	});
});

describe('buildRecordDateQueryBody', () => {
	it('sends From and To as YYYY-MM-DD HH:mm in the workflow time zone, and the limit as text', () => {
		expect(
			buildRecordDateQueryBody(
				{
					module: 'contacts',
					from: '2026-11-01T00:00:00',
					to: '2026-11-30T23:59:59-05:00',
					limit: 2,
				},
				'America/Bogota',
			),
		).toEqual({
			module: 'contacts',
			date: true,
			from: '2026-11-01 00:00',
			to: '2026-11-30 23:59',
			limit: '2',
		});
		expect(
			buildRecordDateQueryBody(
				{ module: 'leads', from: '01/11/2026 08:00', to: '2026-11-02' },
				'UTC',
			),
		).toEqual({ module: 'leads', date: true, from: '2026-11-01 08:00', to: '2026-11-02 00:00' });
	});

	it('refuses a range that ends before it starts, and a From that is not a date', () => {
		expect(
			fieldError(() =>
				buildRecordDateQueryBody(
					{ module: 'contacts', from: '2026-12-02', to: '2026-12-01' },
					'UTC',
				),
			).field,
		).toBe('from');
		expect(
			fieldError(() =>
				buildRecordDateQueryBody(
					{ module: 'contacts', from: 'yesterday', to: '2026-12-01' },
					'UTC',
				),
			).field,
		).toBe('from');
	});
});

describe('queryRecords', () => {
	it('takes a list, one record as an object, or nothing, keeping only objects', () => {
		expect(queryRecords({ code: 200, data: [{ a: 1 }, 'x', null, [1], { b: 2 }] })).toEqual([
			{ a: 1 },
			{ b: 2 },
		]);
		expect(queryRecords({ code: 200, data: { a: 1 } })).toEqual([{ a: 1 }]);
		expect(queryRecords({ code: 200, data: null })).toEqual([]);
		expect(queryRecords({ code: 200 })).toEqual([]);
	});
});
