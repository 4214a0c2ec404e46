/**
 * Obligation → Get and → Update, and Gestion → Get Many, run by n8n's engine against the sandbox: a case file
 * loaded in bulk, then read and changed as a payment feed or an agent's flow would.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	items,
	OPERATION,
	pairedItems,
	useWolkvoxEngine,
} from '../../harness/engine/wolkvoxEngine';

const { run, sandbox, api: call } = useWolkvoxEngine();

/** Loads one case file with one obligation, as last month's bulk load would have; returns its wolkvox_id. */
async function seedCaseFile(): Promise<string> {
	await call('collections/massiveCollections.php', {
		collections: [
			{
				Identification: '0012345678',
				Name: 'Ana Pérez',
				Email: 'ana@example.com',
				Telephone: '3001234567',
				Obligations: [{ id: '007', name: 'Loan', total_balance: '1500000', days_delay: '33' }],
			},
		],
	});
	const caseFile = (sandbox.store().caseFiles as IDataObject[]).find(
		(c) => c.Identification === '0012345678',
	);
	return String(caseFile?.wolkvox_id);
}

describe('Obligation → Get and Update', () => {
	it('reads an obligation of a case file, then updates its balance after a payment with PUT', async () => {
		const caseFileId = await seedCaseFile();
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

describe('Gestion → Get Many', () => {
	it('finds the gestiones logged on a case file, one item per gestion paired to the item that asked', async () => {
		const caseFileId = await seedCaseFile();
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
