/**
 * Obligation → Create run by n8n's engine against the sandbox.
 * Assertions read what reached the sandbox, not what the node meant to send.
 */
import { items, OPERATION, useWolkvoxEngine } from '../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

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
