import { buildRecordDateQueryBody } from '../../../../nodes/WolkvoxCrm/actions/record/buildDateQueryBody';
import { fieldError } from '../../fieldError';

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
