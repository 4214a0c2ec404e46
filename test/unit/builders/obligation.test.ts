import {
	buildObligationBody,
	type ObligationCreateParams,
} from '../../../nodes/WolkvoxCrm/actions/obligation/buildObligationBody';
import { fieldOf } from './fieldError';

const base: ObligationCreateParams = {
	caseFileId: '64dcf0a1b2c3d4e5f6a7b8c9',
	obligationId: '0001234',
	obligationName: 'Invoice 12345 – Pending Payment',
};

describe('buildObligationBody', () => {
	it('sends every documented field as a string, with custom fields as "form"', () => {
		const body = buildObligationBody({
			...base,
			totalBalance: '1.234.567,89',
			portfolioType: 'VIP Client',
			lastPay: 2000,
			lastPayDate: '2023-06-06T00:00:00',
			expiringDate: '2023-07-07',
			daysDelay: 90,
			customFields: [
				{ name: 'Titulation', value: 'titulation value' },
				{ name: 'Frequency', value: 'Frequented' },
			],
		});
		expect(body).toEqual({
			wolkvox_id: '64dcf0a1b2c3d4e5f6a7b8c9',
			fields: {
				id: '0001234',
				name: 'Invoice 12345 – Pending Payment',
				total_balance: '1234567.89',
				portfolio_type: 'VIP Client',
				last_pay: '2000',
				last_pay_date: '2023-06-06',
				expiring_date: '2023-07-07',
				days_delay: '90',
				form: [
					{ name: 'Titulation', value: 'titulation value' },
					{ name: 'Frequency', value: 'Frequented' },
				],
			},
		});
	});

	it("writes dates day first when asked (the seed's 06-06-2023 style)", () => {
		const body = buildObligationBody({
			...base,
			lastPayDate: '2023-06-05',
			expiringDate: '2023-07-31',
			dateFormat: 'DD-MM-YYYY',
		});
		expect(body.fields.last_pay_date).toBe('05-06-2023');
		expect(body.fields.expiring_date).toBe('31-07-2023');
	});

	it('omits blank optional fields and keeps the leading zeros of ids', () => {
		const body = buildObligationBody({
			...base,
			totalBalance: '',
			lastPay: null,
			portfolioType: '  ',
			customFields: [],
		});
		expect(body).toEqual({
			wolkvox_id: base.caseFileId,
			fields: { id: '0001234', name: base.obligationName },
		});
	});

	it.each([
		[{ caseFileId: '' }, /^wolkvox_id: must not be empty/],
		[{ obligationId: '' }, /^fields\.id/],
		[{ obligationName: undefined }, /^fields\.name/],
		[{ totalBalance: 'mucho' }, /^total_balance: must be an amount/],
		[{ lastPay: '12a' }, /^last_pay: must be an amount/],
		[{ daysDelay: '3.5' }, /^days_delay: must be a whole number/],
		[{ expiringDate: '2023-02-30' }, /^expiring_date: must be a date/],
		[{ lastPayDate: 'ayer' }, /^last_pay_date: must be a date/],
		[{ customFields: [{ name: '', value: 'x' }] }, /^form\[0\]\.name/],
	])('rejects %j naming the field', (change, expected) => {
		expect(fieldOf(() => buildObligationBody({ ...base, ...change }))).toMatch(expected);
	});
});
