/**
 * Gestion → Create and → Get Many run by n8n's engine against the sandbox; Get Many on a case file loaded in bulk.
 * Assertions read what reached the sandbox, not what the node meant to send.
 */
import {
	items,
	OPERATION,
	pairedItems,
	useWolkvoxEngine,
} from '../../harness/engine/wolkvoxEngine';

const { run, sandbox, api: call, seedCaseFile } = useWolkvoxEngine();

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

describe('Gestion → Get Many', () => {
	it('finds the gestiones logged on a case file, one item per gestion paired to the item that asked', async () => {
		const caseFileId = await seedCaseFile({
			Identification: '0087654321',
			Name: 'Luis Gómez',
			Email: 'luis@example.com',
			Telephone: '3007654321',
		});
		for (const code of ['PP01', 'NC02']) {
			await call('collections/insertGestion.php', {
				fields: {
					tipifycation_code: code,
					tipifycation_desc: code,
					module: 'collections',
					wolkvox_idRecord: caseFileId,
				},
			});
		}
		const result = await run(
			{
				resource: 'gestion',
				operation: 'getMany',
				field: 'wolkvox_idRecord',
				value: '={{ $json.id }}',
			},
			items({ id: caseFileId }, { id: 'f'.repeat(24) }),
		);
		expect(result.error?.message).toBeUndefined();
		const out = result.output('Wolkvox CRM');
		expect(out.map((o) => [o.json.tipifycation_code, pairedItems(o)])).toEqual([
			['PP01', [0]],
			['NC02', [0]],
		]);
		expect(sandbox.requests({ path: 'collections/queryGestion.php' }).map((r) => r.body)).toEqual([
			{ operation: OPERATION, field: 'wolkvox_idRecord', value: caseFileId },
			{ operation: OPERATION, field: 'wolkvox_idRecord', value: 'f'.repeat(24) },
		]);
	});
});
