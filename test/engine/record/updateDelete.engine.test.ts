/**
 * Record → Update, Delete and Get Many by Date Range run by n8n's engine against the sandbox: what reached it,
 * what it stored, and one paired output or error item per input item.
 */

import {
	items,
	OPERATION,
	pairedItems,
	useWolkvoxEngine,
} from '../../../harness/engine/wolkvoxEngine';

const { run, sandbox, seedRecord: seed } = useWolkvoxEngine();

const stored = (module: string) => sandbox.store().records[module] ?? [];

describe('Record → Update', () => {
	it('changes the fields of the record found by its CRM URL, and says which record it updated', async () => {
		const id = await seed('contacts', { namecontact: 'Ana', Estado: 'En mora' });
		const result = await run(
			{
				resource: 'record',
				operation: 'update',
				module: 'contacts',
				recordId: {
					__rl: true,
					mode: 'url',
					value: `https://crm0001.wolkvox.com/contacts/${id}`,
				},
				inputMode: 'fields',
				fields: { field: [{ name: 'Estado', valueType: 'string', value: '={{ $json.estado }}' }] },
			},
			items({ estado: 'Al día' }),
		);
		expect(result.error?.message).toBeUndefined();
		const out = result.output('Wolkvox CRM');
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ wolkvox_id: id, updated: true });
		expect(sandbox.requests({ path: 'custom/update.php' }).map((r) => r.body)).toEqual([
			{ operation: OPERATION, module: 'contacts', 'wolkvox-id': id, fields: { Estado: 'Al día' } },
		]);
		const record = stored('contacts').find((r) => r.wolkvox_id === id);
		expect(record).toMatchObject({ namecontact: 'Ana', Estado: 'Al día' });
	});

	it('refuses an item without a record before sending, and updates the others', async () => {
		const id = await seed('contacts', { namecontact: 'Luis' });
		const result = await run(
			{
				resource: 'record',
				operation: 'update',
				module: 'contacts',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				inputMode: 'json',
				fieldsJson: '{"Estado": "Pagado"}',
			},
			items({ id }, { id: '' }),
			{ onError: 'continueErrorOutput' },
		);
		expect(result.output('Wolkvox CRM').map(pairedItems)).toEqual([[0]]);
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed.map(pairedItems)).toEqual([[1]]);
		expect(failed[0].json.error).toContain('[item 1]');
		expect(sandbox.requests({ path: 'custom/update.php' })).toHaveLength(1);
	});
});

describe('Record → Delete', () => {
	it('deletes the records of each module in as few calls as IDs per Call allows, one output per item', async () => {
		const a = await seed('contacts', { namecontact: 'A' });
		const b = await seed('contacts', { namecontact: 'B' });
		const c = await seed('contacts', { namecontact: 'C' });
		const d = await seed('leads', { namecontact: 'D' });
		const result = await run(
			{
				resource: 'record',
				operation: 'delete',
				module: '={{ $json.module }}',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				options: { idsPerCall: 2 },
			},
			items(
				{ module: 'contacts', id: a },
				{ module: 'leads', id: d },
				{ module: 'contacts', id: b },
				{ module: 'contacts', id: c },
			),
		);
		expect(result.error?.message).toBeUndefined();
		const out = result.output('Wolkvox CRM');
		expect(out.map((o) => [o.json.wolkvox_id, o.json.deleted, pairedItems(o)])).toEqual([
			[a, true, [0]],
			[d, true, [1]],
			[b, true, [2]],
			[c, true, [3]],
		]);
		expect(sandbox.requests({ path: 'custom/delete.php' }).map((r) => r.body)).toEqual([
			{ operation: OPERATION, module: 'contacts', multiple: true, 'wolkvox-id': [a, b] },
			{ operation: OPERATION, module: 'contacts', multiple: false, 'wolkvox-id': c },
			{ operation: OPERATION, module: 'leads', multiple: false, 'wolkvox-id': d },
		]);
		expect(stored('contacts').filter((r) => [a, b, c].includes(r.wolkvox_id as string))).toEqual(
			[],
		);
		expect(stored('leads').filter((r) => r.wolkvox_id === d)).toEqual([]);
	});

	it('with the error output, a refused call fails only its own items; a blank ID is an input error', async () => {
		const a = await seed('contacts', { namecontact: 'A' });
		sandbox.configure({ fault: { mode: 'status', status: 502, remaining: 1 } });
		const result = await run(
			{
				resource: 'record',
				operation: 'delete',
				module: '={{ $json.module }}',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			items(
				{ module: 'leads', id: 'x'.repeat(24) },
				{ module: 'contacts', id: a },
				{ module: 'contacts', id: ' ' },
			),
			{ onError: 'continueErrorOutput' },
		);
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed.map(pairedItems).sort()).toEqual([[0], [2]]);
		expect(result.output('Wolkvox CRM').map((o) => [o.json.wolkvox_id, pairedItems(o)])).toEqual([
			[a, [1]],
		]);
		// The call the 502 cut off may have been applied: it says so.
		const lost = failed.find((f) => pairedItems(f)[0] === 0)!;
		expect(String(lost.json.message)).toMatch(/may have been/i);
	});
});

describe('Record → Get Many by Date Range', () => {
	it('finds the records created between From and To, at most Limit of them', async () => {
		await seed('contacts', { namecontact: 'Early' });
		await seed('contacts', { namecontact: 'Late' });
		// A day either side: the range is sent as wall times in the workflow's time zone, the sandbox keeps UTC.
		const hour = 24 * 3600_000;
		const from = new Date(Date.now() - hour).toISOString();
		const to = new Date(Date.now() + hour).toISOString();
		const all = await run(
			{
				resource: 'record',
				operation: 'getManyByDate',
				module: 'contacts',
				from,
				to,
				returnAll: true,
			},
			items({}),
		);
		expect(all.error?.message).toBeUndefined();
		expect(
			all
				.output('Wolkvox CRM')
				.map((o) => o.json.namecontact)
				.sort(),
		).toEqual(['Early', 'Late']);
		const body = sandbox.requests({ path: 'custom/queryDates.php' })[0].body;
		expect(body).toMatchObject({ operation: OPERATION, module: 'contacts', date: true });
		expect(String(body.from)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

		const one = await run(
			{ resource: 'record', operation: 'getManyByDate', module: 'contacts', from, to, limit: 1 },
			items({}),
		);
		expect(one.output('Wolkvox CRM')).toHaveLength(1);
		expect(sandbox.requests({ path: 'custom/queryDates.php' })[1].body.limit).toBe('1');
	});
});

describe('Record → Create or Update', () => {
	const upsert = {
		resource: 'record',
		operation: 'upsert',
		module: 'contacts',
		matchField: 'idcontact',
		matchValue: '={{ $json.id }}',
		inputMode: 'fields',
		fields: { field: [{ name: 'namecontact', valueType: 'string', value: '={{ $json.name }}' }] },
	};
	const sheet = () => items({ id: '0012', name: 'Ana' }, { id: '0034', name: 'Luis' });

	it('a sheet loaded twice: the first run creates, the second updates and creates nothing new', async () => {
		const first = await run(upsert, sheet());
		expect(first.error?.message).toBeUndefined();
		expect(first.output('Wolkvox CRM').map((o) => [o.json.action, pairedItems(o)])).toEqual([
			['created', [0]],
			['created', [1]],
		]);
		// Created with the match value, so the next run finds them.
		expect(stored('contacts').map((r) => [r.idcontact, r.namecontact])).toEqual([
			['0012', 'Ana'],
			['0034', 'Luis'],
		]);

		const second = await run(
			upsert,
			items({ id: '0012', name: 'Ana María' }, { id: '0034', name: 'Luis' }),
		);
		expect(second.output('Wolkvox CRM').map((o) => o.json.action)).toEqual(['updated', 'updated']);
		expect(stored('contacts')).toHaveLength(2);
		expect(stored('contacts').find((r) => r.idcontact === '0012')?.namecontact).toBe('Ana María');
		// Two calls per item: the find, then the write.
		expect(sandbox.requests().map((r) => r.path.replace('/server/API/v2/', ''))).toEqual([
			'custom/query.php',
			'custom/insert.php',
			'custom/query.php',
			'custom/insert.php',
			'custom/query.php',
			'custom/update.php',
			'custom/query.php',
			'custom/update.php',
		]);
	});

	it('changes nothing when several records match, and says which', async () => {
		const a = await seed('contacts', { idcontact: '0099', namecontact: 'One' });
		const b = await seed('contacts', { idcontact: '0099', namecontact: 'Two' });
		const result = await run(upsert, items({ id: '0099', name: 'Three' }), {
			onError: 'continueErrorOutput',
		});
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toContain('matches 2 records');
		expect(failed[0].json.error).toContain(a);
		expect(failed[0].json.error).toContain(b);
		expect(sandbox.requests({ path: 'custom/update.php' })).toHaveLength(0);
		expect(sandbox.requests({ path: 'custom/insert.php' })).toHaveLength(2);
	});
});

describe('Record → Delete when a later call fails', () => {
	const params = {
		resource: 'record',
		operation: 'delete',
		module: 'contacts',
		recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		options: { idsPerCall: 1 },
	};

	it('stops the node, naming the records earlier calls already deleted', async () => {
		const a = await seed('contacts', { namecontact: 'A' });
		const b = await seed('contacts', { namecontact: 'B' });
		sandbox.configure({ fault: { mode: 'status', status: 502, skip: 1, remaining: 1 } });
		const result = await run(params, items({ id: a }, { id: b }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('[item 1]');
		expect(result.error?.description).toContain(`item 0 (Record "${a}" in "contacts")`);
		expect(stored('contacts').map((r) => r.wolkvox_id)).toEqual([b]);
	});

	it('with Retry On Fail, a re-run does not send again what an earlier try deleted', async () => {
		const a = await seed('contacts', { namecontact: 'A' });
		const b = await seed('contacts', { namecontact: 'B' });
		sandbox.configure({
			fault: { mode: 'status', status: 503, skip: 1, remaining: 1, store: false },
		});
		const result = await run(params, items({ id: a }, { id: b }), {
			nodeExtra: { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 },
		});
		// The 503 left b's outcome unknown: the re-run says so again instead of sending it blind; a is not resent.
		const calls = sandbox.requests({ path: 'custom/delete.php' }).map((r) => r.body['wolkvox-id']);
		expect(calls).toEqual([a, b]);
		expect(result.status).toBe('error');
		expect(stored('contacts').map((r) => r.wolkvox_id)).toEqual([b]);
	});
});
