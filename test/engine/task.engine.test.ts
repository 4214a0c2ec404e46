/**
 * Task, Obligation and Gestion → Create run by n8n's engine against the sandbox.
 * Assertions read what reached the sandbox, not what the node meant to send.
 */
import { items, OPERATION, useWolkvoxEngine } from '../helpers/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

describe('Task, Obligation and Gestion → Create', () => {
	it('creates a task with dates in the workflow time zone', async () => {
		const result = await run(
			{
				resource: 'task',
				operation: 'create',
				name: '={{ "Call " + $json.who }}',
				relatedModule: 'cases',
				recordId: '64dcf0a1b2c3d4e5f6a7b8c9',
				owner: 'ADMIN_@mymodule',
				completionDate: '2026-11-30T17:00:00',
				priority: 'high',
				description: 'Follow up',
				remember: true,
				reminderDate: '={{ "2026-11-29T14:30:00.000Z" }}',
			},
			items({ who: 'Ana' }),
		);
		expect(result.status).toBe('success');
		expect(sandbox.requests({ path: 'custom/insert.php' })[0].body).toEqual({
			operation: OPERATION,
			module: 'wolkvox_activities',
			type: 'task',
			fields: {
				status: 'created',
				name: 'Call Ana',
				priority: 'high',
				name_module: 'cases',
				completion_date: '2026-11-30 17:00:00',
				remember: true,
				reminder_date: '2026-11-29 09:30:00',
				description: 'Follow up',
				id_record: '64dcf0a1b2c3d4e5f6a7b8c9',
				wolkvox_owner: 'ADMIN_@mymodule',
			},
		});
	});

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

	it('creates a gestion with both typification spellings', async () => {
		const result = await run(
			{
				resource: 'gestion',
				operation: 'create',
				caseFileId: '64dcf0a1b2c3d4e5f6a7b8c9',
				typificationCode: 'PP01',
				typificationDescription: 'Promise to pay',
				additionalFields: { agent_name: 'Laura', obligation: 'OBL-1', type_interaction: 'call' },
			},
			items({}),
		);
		expect(result.status).toBe('success');
		expect(sandbox.requests({ path: 'insertGestion.php' })[0].body).toEqual({
			operation: OPERATION,
			fields: {
				tipifycation_code: 'PP01',
				tipifycation_desc: 'Promise to pay',
				tipification_code: 'PP01',
				tipification_description: 'Promise to pay',
				module: 'collections',
				wolkvox_idRecord: '64dcf0a1b2c3d4e5f6a7b8c9',
				agent_name: 'Laura',
				obligation: 'OBL-1',
				type_interaction: 'call',
			},
		});
		expect(result.output('Wolkvox CRM')[0].json).toEqual({
			wolkvox_id: expect.stringMatching(/^[0-9a-f]{24}$/),
			msg: 'Succesfully create record',
		});
	});
});
