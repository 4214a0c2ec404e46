/** Record → Create Many and Update Many run by n8n's engine against the sandbox: few calls, one result per item. */
import {
	items,
	OPERATION,
	pairedItems,
	useWolkvoxEngine,
} from '../../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

const stored = (module: string) => sandbox.store().records[module] ?? [];

const nameField = {
	inputMode: 'fields',
	fields: { field: [{ name: 'namecontact', valueType: 'string', value: '={{ $json.name }}' }] },
};

describe('Record → Create Many and Update Many', () => {
	it('creates the items of each module in as few calls as Records per Call allows, ids paired in order', async () => {
		const result = await run(
			{
				resource: 'record',
				operation: 'createMany',
				module: 'contacts',
				...nameField,
				options: { recordsPerCall: 2 },
			},
			items({ name: 'Ana' }, { name: 'Luis' }, { name: 'Eva' }),
		);
		expect(result.error?.message).toBeUndefined();
		const out = result.output('Wolkvox CRM');
		expect(out.map(pairedItems)).toEqual([[0], [1], [2]]);
		const byName = new Map(stored('contacts').map((r) => [r.namecontact, r.wolkvox_id]));
		expect(out.map((o) => o.json.wolkvox_id)).toEqual([
			byName.get('Ana'),
			byName.get('Luis'),
			byName.get('Eva'),
		]);
		expect(sandbox.requests({ path: 'custom/insertMany.php' }).map((r) => r.body)).toEqual([
			{
				operation: OPERATION,
				module: 'contacts',
				fields: [{ namecontact: 'Ana' }, { namecontact: 'Luis' }],
			},
			{ operation: OPERATION, module: 'contacts', fields: [{ namecontact: 'Eva' }] },
		]);

		const ids = out.map((o) => o.json.wolkvox_id as string);
		const updated = await run(
			{
				resource: 'record',
				operation: 'updateMany',
				module: 'contacts',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				...nameField,
			},
			items({ id: ids[0], name: 'Ana María' }, { id: ids[2], name: 'Eva Luna' }),
		);
		expect(updated.error?.message).toBeUndefined();
		expect(updated.output('Wolkvox CRM').map((o) => [o.json.wolkvox_id, pairedItems(o)])).toEqual([
			[ids[0], [0]],
			[ids[2], [1]],
		]);
		const put = sandbox.requests({ path: 'custom/updateMany.php' });
		expect(put.map((r) => [r.method, r.body])).toEqual([
			[
				'PUT',
				{
					operation: OPERATION,
					module: 'contacts',
					fields: [
						{ 'wolkvox-id': ids[0], namecontact: 'Ana María' },
						{ 'wolkvox-id': ids[2], namecontact: 'Eva Luna' },
					],
				},
			],
		]);
		expect(
			stored('contacts')
				.map((r) => r.namecontact)
				.sort(),
		).toEqual(['Ana María', 'Eva Luna', 'Luis']);
	});

	it('with the error output, a call wolkvox refuses fails all and only its own items', async () => {
		const result = await run(
			{
				resource: 'record',
				operation: 'updateMany',
				module: 'contacts',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				...nameField,
				options: { recordsPerCall: 1 },
			},
			items({ id: 'a'.repeat(24), name: 'Nobody' }, { id: '', name: 'No id' }),
			{ onError: 'continueErrorOutput' },
		);
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed.map(pairedItems)).toEqual([[0], [1]]);
		expect(String(failed[0].json.error)).toMatch(/\[item 0\]/);
		expect(String(failed[1].json.error)).toMatch(/\[item 1\]/);
		expect(sandbox.requests({ path: 'custom/updateMany.php' })).toHaveLength(1);
	});
});
