/**
 * Gestion → Create run by n8n's engine against the sandbox.
 * Assertions read what reached the sandbox, not what the node meant to send.
 */
import { items, OPERATION, useWolkvoxEngine } from '../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

describe('Gestion → Create', () => {
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
