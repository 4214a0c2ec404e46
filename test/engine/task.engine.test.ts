/**
 * Task → Create run by n8n's engine against the sandbox.
 * Assertions read what reached the sandbox, not what the node meant to send.
 */
import { items, OPERATION, useWolkvoxEngine } from '../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

describe('Task → Create', () => {
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
});
