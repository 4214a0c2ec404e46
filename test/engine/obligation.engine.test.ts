/**
 * Obligation → Create, → Get and → Update run by n8n's engine against the sandbox; Get and Update on a case file
 * loaded in bulk, read and changed as a payment feed would. Assertions read what reached the sandbox, not what the
 * node meant to send.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	items,
	OPERATION,
	pairedItems,
	useWolkvoxEngine,
} from '../../harness/engine/wolkvoxEngine';

const { run, sandbox, seedCaseFile } = useWolkvoxEngine();

/** A case file with one obligation, as last month's bulk load would have left it. */
const ANA = {
	Identification: '0012345678',
	Name: 'Ana Pérez',
	Email: 'ana@example.com',
	Telephone: '3001234567',
	Obligations: [{ id: '007', name: 'Loan', total_balance: '1500000', days_delay: '33' }],
};

describe('Obligation → Create', () => {
	it('creates an obligation with custom fields as "form"', async () => {
		const result = await run(
			{
				resource: 'obligation',
				operation: 'create',
				caseFileId: '={{ $json.caseFile }}',
				obligationId: '={{ $json.id }}',
				obligationName: 'Loan',
				additionalFields: {
					totalBalance: '={{ $json.balance }}',
					daysDelay: 33,
					expiringDate: '2025-02-03T00:00:00',
				},
				customFields: { field: [{ name: 'Frequency', value: 'Monthly' }] },
				options: { dateFormat: 'DD-MM-YYYY' },
			},
			items({ caseFile: '64dcf0a1b2c3d4e5f6a7b8c9', id: '007', balance: '1.234.567,89' }),
		);
		expect(result.status).toBe('success');
		expect(sandbox.requests({ path: 'insertObligation.php' })[0].body).toEqual({
			operation: OPERATION,
			wolkvox_id: '64dcf0a1b2c3d4e5f6a7b8c9',
			fields: {
				id: '007',
				name: 'Loan',
				total_balance: '1234567.89',
				expiring_date: '03-02-2025',
				days_delay: '33',
				form: [{ name: 'Frequency', value: 'Monthly' }],
			},
		});
	});
});

describe('Obligation → Get and Update', () => {
	it('reads an obligation of a case file, then updates its balance after a payment with PUT', async () => {
		const caseFileId = await seedCaseFile(ANA);
		const got = await run(
			{
				resource: 'obligation',
				operation: 'get',
				caseFileId,
				obligation: '={{ $json.obligation }}',
			},
			items({ obligation: '007' }),
		);
		expect(got.error?.message).toBeUndefined();
		expect(got.output('Wolkvox CRM').map((o) => [o.json.id, pairedItems(o)])).toEqual([
			['007', [0]],
		]);
		expect(sandbox.requests({ path: 'collections/queryObligation.php' })[0].body).toEqual({
			operation: OPERATION,
			obligation: '007',
			wolkvox_id: caseFileId,
		});

		const updated = await run(
			{
				resource: 'obligation',
				operation: 'update',
				caseFileId: `https://crm0001.wolkvox.com/collections/${caseFileId}`,
				obligationId: '007',
				additionalFields: {
					totalBalance: '={{ $json.balance }}',
					lastPay: '={{ $json.paid }}',
					lastPayDate: '2026-12-01',
				},
			},
			items({ balance: '1.200.000', paid: 300000 }),
		);
		expect(updated.error?.message).toBeUndefined();
		expect(updated.output('Wolkvox CRM')[0].json).toMatchObject({ updated: true });
		const put = sandbox.requests({ path: 'collections/insertObligation.php' });
		expect(put.map((r) => [r.method, r.body])).toEqual([
			[
				'PUT',
				{
					operation: OPERATION,
					wolkvox_id: caseFileId,
					fields: {
						id: '007',
						total_balance: '1200000',
						last_pay: '300000',
						last_pay_date: '2026-12-01',
					},
				},
			],
		]);
		const obligation = (sandbox.store().obligations as IDataObject[]).find((o) => o.id === '007');
		expect(obligation).toMatchObject({
			name: 'Loan',
			total_balance: '1200000',
			last_pay: '300000',
		});
	});
});
