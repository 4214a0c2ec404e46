/**
 * Record → Get Many run by n8n's engine against the sandbox: records found by a field's value, one output item
 * per record paired to the input item that asked, Limit and Simplify, and failures of a read.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	items,
	OPERATION,
	pairedItems,
	TOKEN,
	useWolkvoxEngine,
} from '../../../harness/engine/wolkvoxEngine';

const { run, sandbox, seedRecord: seed } = useWolkvoxEngine();

const getMany = (extra: IDataObject = {}) => ({
	resource: 'record',
	operation: 'getMany',
	module: 'contacts',
	field: 'idcontact',
	value: '={{ $json.id }}',
	...extra,
});

describe('Record → Get Many', () => {
	it('finds the records of each input item, keeps leading zeros, and pairs every record to the item that asked', async () => {
		const ana = await seed('contacts', { namecontact: 'Ana', idcontact: '0012345678' });
		const ana2 = await seed('contacts', {
			namecontact: 'Ana (duplicate)',
			idcontact: '0012345678',
		});
		const luis = await seed('contacts', { namecontact: 'Luis', idcontact: '987' });
		await seed('leads', { namecontact: 'Ana as a lead', idcontact: '0012345678' });

		const result = await run(
			getMany(),
			items({ id: '0012345678' }, { id: 987 }, { id: 'nobody' }),
			{ downstream: "={{ $('Wolkvox CRM').item.json.wolkvox_id }}" },
		);

		expect(result.status).toBe('success');
		const out = result.output('Wolkvox CRM');
		expect(out.map((o) => o.json.wolkvox_id)).toEqual([ana, ana2, luis]);
		expect(out.map(pairedItems)).toEqual([[0], [0], [1]]);
		expect(out[0].json).toMatchObject({ namecontact: 'Ana', idcontact: '0012345678' });
		// One call per input item, the value as text (a number from an expression included).
		const calls = sandbox.requests({ path: 'custom/query.php' });
		expect(calls.map((c) => c.body)).toEqual([
			{ operation: OPERATION, module: 'contacts', field: 'idcontact', value: '0012345678' },
			{ operation: OPERATION, module: 'contacts', field: 'idcontact', value: '987' },
			{ operation: OPERATION, module: 'contacts', field: 'idcontact', value: 'nobody' },
		]);
		expect(result.output('Failed')).toHaveLength(0);
		expect(JSON.stringify(result.runData)).not.toContain(TOKEN);
	});

	it("finding nothing is no error: no item, or one empty item with n8n's Always Output Data so the flow goes on", async () => {
		const none = await run(getMany(), items({ id: 'nobody' }));
		expect(none.status).toBe('success');
		expect(none.output('Wolkvox CRM')).toEqual([]);
		expect(none.output('Downstream')).toEqual([]);

		const goesOn = await run(getMany(), items({ id: 'nobody' }), {
			nodeExtra: { alwaysOutputData: true },
		});
		expect(goesOn.status).toBe('success');
		expect(goesOn.output('Wolkvox CRM').map((o) => o.json)).toEqual([{}]);
		expect(goesOn.output('Downstream')).toHaveLength(1);
	});

	it('outputs at most Limit records per input item, and all of them with Return All', async () => {
		for (let n = 0; n < 5; n++) await seed('contacts', { namecontact: `C${n}`, city: 'Cali' });
		const limited = await run(getMany({ field: 'city', value: 'Cali', limit: 2 }), items({}, {}));
		expect(limited.output('Wolkvox CRM').map(pairedItems)).toEqual([[0], [0], [1], [1]]);

		const all = await run(getMany({ field: 'city', value: 'Cali', returnAll: true }), items({}));
		expect(all.output('Wolkvox CRM').map((o) => o.json.namecontact)).toEqual([
			'C0',
			'C1',
			'C2',
			'C3',
			'C4',
		]);
	});

	it('simplifies typed values by default and keeps them as sent with Simplify off', async () => {
		const telephone = { type: 'telephone', value: '3001234567', country: 'Colombia', code: '57' };
		const debt = { type: 'currency', value: '1500', symbol: 'COP', convert: 1500 };
		const table = { type: 'table', value: [{ Product: 'Loan' }] };
		await seed('contacts', {
			idcontact: '42',
			telephonecontact: telephone,
			Deuda: debt,
			Items: table,
		});

		const simple = await run(getMany(), items({ id: '42' }));
		const json = simple.output('Wolkvox CRM')[0].json;
		expect(json).toMatchObject({ idcontact: '42', telephonecontact: '3001234567', Deuda: '1500' });
		expect(json.Items).toEqual([{ Product: 'Loan' }]);
		expect(json.wolkvox_id).toMatch(/^[0-9a-f]{24}$/);

		const raw = await run(getMany({ simplify: false }), items({ id: '42' }));
		expect(raw.output('Wolkvox CRM')[0].json).toMatchObject({
			telephonecontact: telephone,
			Deuda: debt,
		});
	});

	it('refuses a blank value before sending anything, naming the item and the field', async () => {
		const result = await run(getMany(), items({ id: '1' }, { id: '  ' }), {
			onError: 'continueErrorOutput',
		});
		const failed = result.output('Failed');
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toContain('"Value"');
		expect(failed[0].json.error).toContain('[item 1]');
		expect(failed[0].json.message).toContain('Nothing was sent');
		expect(sandbox.requests({ path: 'custom/query.php' })).toHaveLength(1);
	});

	it('a lost answer is a read that did not happen, not an outcome to check in the CRM', async () => {
		sandbox.configure({ fault: { mode: 'status', status: 502, remaining: 1 } });
		const result = await run(getMany(), items({ id: '1' }, { id: '2' }), {
			onError: 'continueErrorOutput',
		});
		const failed = result.output('Failed');
		expect(failed).toHaveLength(1);
		expect(failed[0].json.message).toContain('only reads: nothing was changed');
		expect(String(failed[0].json.message)).not.toMatch(/may have been/i);
		expect(failed[0].pairedItem).toEqual({ item: 0 });
	});
});
