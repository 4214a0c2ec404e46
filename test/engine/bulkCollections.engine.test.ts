/**
 * Bulk Collections → Upload run by n8n's engine against the sandbox: grouping, batches, outcomes, dry run.
 * Assertions read what reached the sandbox, not what the node meant to send.
 */
import type { IDataObject } from 'n8n-workflow';

import { items, OPERATION, pairedItems, useWolkvoxEngine } from '../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

describe('Bulk Collections → Upload', () => {
	const rows = [
		{
			identificacion: '00123',
			nombre: 'Ana',
			correo: 'ana@x.co',
			telefono: '3001',
			obligacion_id: 'A1',
			producto: 'Loan',
			saldo_total: '1.234.567,89',
			fecha_vencimiento: '03/02/2025',
			dias_mora: '33',
		},
		{
			identificacion: '00456',
			nombre: 'Luis',
			correo: 'luis@x.co',
			telefono: '3002',
			obligacion_id: 'B1',
			producto: 'Card',
			saldo_total: '500',
			fecha_vencimiento: 45658,
			dias_mora: 0,
		},
		{
			identificacion: '00123',
			nombre: 'Ana María',
			correo: 'ana@x.co',
			telefono: '3001',
			obligacion_id: 'A2',
			producto: 'Car',
			saldo_total: '$ 1.500',
			fecha_vencimiento: '2025-03-01',
			dias_mora: '5',
		},
		{
			identificacion: '00789',
			nombre: 'Eva',
			correo: 'eva@x.co',
			telefono: '3003',
			obligacion_id: 'C1',
			producto: 'Loan',
			saldo_total: 'abc',
			fecha_vencimiento: '2025-03-01',
			dias_mora: '1',
		},
	];

	it('groups flat rows into case files, sends them in batches, and accounts for every row', async () => {
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'rows',
				batchSize: 1,
				options: { includeSummary: true },
			},
			items(...rows),
			{ onError: 'continueErrorOutput' },
		);
		expect(result.status).toBe('success');
		// With the summary on, the outputs are Case Files, Summary, then the error output.
		const caseFiles = result.output('Wolkvox CRM', 0);
		const summaries = result.output('Wolkvox CRM', 1);
		const failed = result.output('Wolkvox CRM', 2);
		expect(caseFiles.every((o) => o.json.summary === undefined)).toBe(true);
		expect(caseFiles.map((c) => [c.json.Identification, c.json.status, pairedItems(c)])).toEqual([
			['00123', 'inserted', [0, 2]],
			['00456', 'inserted', [1]],
		]);
		expect(caseFiles[0].json.conflicts).toEqual([
			expect.objectContaining({ field: 'Name', kept: 'Ana', ignored: 'Ana María' }),
		]);
		expect(failed.map(pairedItems)).toEqual([[3]]);
		expect(failed[0].json.error).toMatch(/^Item 3: .*total_balance.*must be an amount.*"abc"/);
		// Nothing lost: every input row sits in exactly one output or error item.
		const seen = [...caseFiles, ...failed].flatMap(pairedItems).sort();
		expect(seen).toEqual([0, 1, 2, 3]);
		expect(summaries).toHaveLength(1);
		expect(summaries[0].json).toMatchObject({
			summary: true,
			rows: 4,
			invalidRows: 1,
			caseFiles: 2,
			calls: 2,
			inserted: 2,
			failed: 0,
		});

		const received = sandbox.requests({ path: 'massiveCollections.php' });
		expect(received).toHaveLength(2);
		expect(received[0].body).toEqual({
			operation: OPERATION,
			collections: [
				{
					Identification: '00123',
					Name: 'Ana',
					Email: 'ana@x.co',
					Telephone: '3001',
					Obligations: [
						{
							id: 'A1',
							name: 'Loan',
							total_balance: '1234567.89',
							expiring_date: '2025-02-03',
							days_delay: '33',
						},
						{
							id: 'A2',
							name: 'Car',
							total_balance: '1500',
							expiring_date: '2025-03-01',
							days_delay: '5',
						},
					],
				},
			],
		});
		expect((received[1].body.collections as IDataObject[])[0].Obligations).toEqual([
			{
				id: 'B1',
				name: 'Card',
				total_balance: '500',
				expiring_date: '2025-01-01',
				days_delay: '0',
			},
		]);
	});

	it('sends nothing when a row is invalid and the node is not set to continue', async () => {
		const result = await run(
			{ resource: 'bulkCollections', operation: 'upload', inputMode: 'rows' },
			items(...rows),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Item 3: .*total_balance/);
		expect(result.error?.description).toMatch(/nothing was sent/);
		expect(sandbox.requests({ path: 'massiveCollections.php' })).toHaveLength(0);
	});

	it("maps the vendor's failed_Sumary back to the case file and its input item (raw JSON is sent as written)", async () => {
		const collections = [
			{
				Identification: 'R1',
				Name: 'Ok',
				Email: 'ok@x.co',
				Telephone: '1',
				Obligations: [{ id: '1', name: 'L' }],
			},
			{ Identification: 'R2', Name: 'No email', Telephone: '2', Obligations: [] },
		];
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'json',
				collectionsJson: JSON.stringify(collections),
			},
			items({}),
		);
		expect(result.status).toBe('success');
		const out = result.output('Wolkvox CRM');
		expect(out.map((o) => [o.json.Identification, o.json.status])).toEqual([
			['R1', 'inserted'],
			['R2', 'failed'],
		]);
		expect(out[1].json.reason).toMatch(/Email/);
		expect(out.map(pairedItems)).toEqual([[0], [0]]);
		expect(sandbox.requests({ path: 'massiveCollections.php' })[0].body.collections).toEqual(
			collections,
		);
	});

	it('sends raw JSON typed once a single time, whatever the number of input items', async () => {
		const collections = [
			{ Identification: 'S1', Name: 'A', Email: 'a@x.co', Telephone: '1', Obligations: [] },
		];
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'json',
				collectionsJson: JSON.stringify(collections),
			},
			items({}, {}, {}),
		);
		expect(result.status).toBe('success');
		const sent = sandbox.requests({ path: 'massiveCollections.php' });
		expect(sent).toHaveLength(1);
		expect(sent[0].body.collections).toEqual(collections);
		expect(
			result.output('Wolkvox CRM').map((o) => [o.json.Identification, pairedItems(o)]),
		).toEqual([['S1', [0, 1, 2]]]);
	});

	it('with the error output, case files wolkvox rejected go there, paired to their item', async () => {
		const collections = [
			{ Identification: 'R1', Name: 'Ok', Email: 'ok@x.co', Telephone: '1' },
			{ Identification: 'R2', Name: 'No email', Telephone: '2' },
		];
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'json',
				collectionsJson: '={{ JSON.stringify($json.c) }}',
			},
			items({ c: collections }),
			{ onError: 'continueErrorOutput' },
		);
		expect(
			result.output('Wolkvox CRM', 0).map((o) => [o.json.Identification, o.json.status]),
		).toEqual([['R1', 'inserted']]);
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toMatch(/^Case file R2 was not loaded \(call 1\): .*Email/);
		expect(pairedItems(failed[0])).toEqual([0]);
	});

	it('names every invalid row when it stops, dry run included', async () => {
		const bad = rows.map((r, i) => (i < 3 ? { ...r, saldo_total: `bad${i}` } : r));
		const result = await run(
			{ resource: 'bulkCollections', operation: 'upload', inputMode: 'rows', dryRun: true },
			items(...bad),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Item 0: /);
		expect(result.error?.description).toMatch(
			/4 input row\(s\) cannot be sent, so nothing was sent \(dry run\)/,
		);
		for (const i of [0, 1, 2, 3]) expect(result.error?.description).toContain(`• Item ${i}: `);
	});

	it('gives up on a call after the chosen timeout and says it may still have been applied', async () => {
		sandbox.configure({ latencyMs: 1500 });
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'rows',
				options: { timeoutSeconds: 1 },
			},
			items(...rows.slice(0, 2)),
			{ onError: 'continueRegularOutput' },
		);
		sandbox.configure({ latencyMs: 5 });
		expect(result.status).toBe('success');
		const out = result.output('Wolkvox CRM');
		// The call left, so it may have been applied: unconfirmed, never "failed, load it again".
		expect(out.map((o) => o.json.status)).toEqual(['unconfirmed', 'unconfirmed']);
		expect(out[0].json.reason).toMatch(
			/did not answer within 1 s.*Case file \S+ may have been loaded: check the CRM before loading it again/,
		);
	});

	it('returns the vendor summary per call when asked', async () => {
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'caseFiles',
				batchSize: 2,
				options: { outputMode: 'calls' },
			},
			items(
				{
					Identification: 1,
					Name: 'A',
					Email: 'a@x.co',
					Telephone: 1,
					Obligations: [{ id: 1, name: 'x' }],
				},
				{ Identification: 2, Name: 'B', Email: 'b@x.co', Telephone: 2, Obligations: [] },
				{ Identification: 3, Name: 'C', Email: 'c@x.co', Telephone: 3 },
			),
		);
		expect(result.status).toBe('success');
		const out = result.output('Wolkvox CRM');
		expect(out).toHaveLength(2);
		expect(out.map(pairedItems)).toEqual([[0, 1], [2]]);
		expect(out[0].json.summary).toMatchObject({
			total_records_received: 2,
			successful_inserts: 2,
			failed_count: 0,
		});
	});

	it('dry run sends nothing and shows the exact bodies and call count; the call cap reports what was not sent', async () => {
		const dry = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'rows',
				batchSize: 1,
				dryRun: true,
			},
			items(...rows.slice(0, 3)),
		);
		expect(sandbox.requests()).toHaveLength(0);
		const bodies = dry.output('Wolkvox CRM');
		expect(bodies.map((b) => [b.json.call, b.json.calls, pairedItems(b)])).toEqual([
			[1, 2, [0, 2]],
			[2, 2, [1]],
		]);
		expect((bodies[0].json.body as IDataObject).operation).toBe(OPERATION);

		const capped = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'rows',
				batchSize: 1,
				options: { maxCalls: 1 },
			},
			items(...rows.slice(0, 3)),
		);
		expect(capped.output('Wolkvox CRM').map((o) => o.json.status)).toEqual(['inserted', 'notSent']);
		expect(capped.output('Wolkvox CRM')[1].json.reason).toMatch(/limit of 1 call/);
		expect(sandbox.requests({ path: 'massiveCollections.php' })).toHaveLength(1);
	});

	it('groups by an expression evaluated per row (a column dragged into "Group Rows By")', async () => {
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'rows',
				keyColumn: '={{ $json.correo }}',
				mapping: { column: [{ field: 'caseFile.Identification', column: 'identificacion' }] },
			},
			items(
				{ ...rows[0], identificacion: 'X1' },
				{ ...rows[2], identificacion: 'X1' },
				{ ...rows[1], identificacion: 'X2' },
			),
		);
		expect(result.status).toBe('success');
		expect(
			result.output('Wolkvox CRM').map((o) => [o.json.Identification, pairedItems(o)]),
		).toEqual([
			['X1', [0, 1]],
			['X2', [2]],
		]);
	});

	it('takes the column from a column dragged into Column Name (an expression of its value)', async () => {
		const renamed = rows.map(({ identificacion, nombre, ...rest }) => ({
			...rest,
			Documento: identificacion,
			'Nombre Completo': nombre,
		}));
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'rows',
				// What n8n inserts when a column is dragged from the input panel.
				mapping: {
					column: [
						{ field: 'caseFile.Identification', column: '={{ $json.Documento }}' },
						{ field: 'caseFile.Name', column: "={{ $json['Nombre Completo'] }}" },
					],
				},
			},
			items(...renamed.slice(0, 3)),
		);
		expect(result.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		const byId = Object.fromEntries(
			result.output('Wolkvox CRM').map((o) => [o.json.Identification, pairedItems(o)]),
		);
		expect(byId).toEqual({ '00123': [0, 2], '00456': [1] });
		// The case file's Name rides next to its Identification, for the next node's table.
		expect(result.output('Wolkvox CRM').map((o) => [o.json.Identification, o.json.Name])).toEqual(
			expect.arrayContaining([
				['00123', 'Ana'],
				['00456', 'Luis'],
			]),
		);
		const sent = sandbox.requests({ path: 'massiveCollections.php' })[0].body.collections as Array<{
			Identification: string;
			Name: string;
		}>;
		expect(sent.map((c) => [c.Identification, c.Name])).toEqual(
			expect.arrayContaining([
				['00123', 'Ana'],
				['00456', 'Luis'],
			]),
		);
	});

	it('dry run and summary warn about a column that looks like a field but feeds none', async () => {
		const sheet = rows.slice(0, 3).map(({ saldo_total, ...rest }) => ({
			...rest,
			'Saldo Capitall': saldo_total,
		}));
		const params = {
			resource: 'bulkCollections',
			operation: 'upload',
			inputMode: 'rows',
			options: { includeSummary: true },
		};
		const expected =
			/Column "Saldo Capitall" feeds no field, though it looks like obligation.total_balance/;
		const dry = await run({ ...params, dryRun: true }, items(...sheet));
		expect(sandbox.requests()).toHaveLength(0);
		const first = dry.output('Wolkvox CRM')[0].json;
		expect((first.columns as IDataObject).warnings).toEqual([expect.stringMatching(expected)]);

		const loaded = await run(params, items(...sheet));
		const [summary] = loaded.output('Wolkvox CRM', 1);
		expect((summary.json.columns as IDataObject).warnings).toEqual([
			expect.stringMatching(expected),
		]);
	});

	it('stops before any call when a mapped column does not exist, listing the columns found', async () => {
		const params = {
			resource: 'bulkCollections',
			operation: 'upload',
			inputMode: 'rows',
			mapping: { column: [{ field: 'caseFile.Identification', column: 'cedula' }] },
		};
		const expected = /Column Mapping names "cedula", which no input row has.*identificacion/;
		const failing = await run(params, items(...rows));
		expect(failing.status).toBe('error');
		expect(failing.error?.message).toMatch(expected);
		// With the error output, every row goes there saying why.
		const routed = await run(params, items(...rows), { onError: 'continueErrorOutput' });
		expect(routed.output('Wolkvox CRM', 0)).toHaveLength(0);
		const failed = routed.output('Wolkvox CRM', 1);
		expect(failed.map(pairedItems)).toEqual([[0], [1], [2], [3]]);
		for (const f of failed) expect(f.json.error).toMatch(expected);
		expect(sandbox.requests()).toHaveLength(0);
	});

	it('reads dates of case-file items in the declared input format', async () => {
		const result = await run(
			{
				resource: 'bulkCollections',
				operation: 'upload',
				inputMode: 'caseFiles',
				dateInputFormat: 'MM/DD/YYYY',
			},
			items({
				Identification: '1',
				Name: 'A',
				Email: 'a@x.co',
				Telephone: '1',
				Obligations: [{ id: '1', name: 'x', expiring_date: '02/03/2025' }],
			}),
		);
		expect(result.status).toBe('success');
		const sent = sandbox.requests({ path: 'massiveCollections.php' })[0].body
			.collections as IDataObject[];
		expect((sent[0].Obligations as IDataObject[])[0].expiring_date).toBe('2025-02-03');
	});

	it('with Continue On Fail, a refused call fails its case files and stops spending calls on a bad token', async () => {
		const result = await run(
			{ resource: 'bulkCollections', operation: 'upload', inputMode: 'rows', batchSize: 1 },
			items(...rows.slice(0, 3)),
			{ onError: 'continueRegularOutput', creds: { token: 'not-the-token' } },
		);
		expect(result.status).toBe('success');
		const out = result.output('Wolkvox CRM');
		expect(out.map((o) => o.json.status)).toEqual(['failed', 'notSent']);
		expect(out[0].json.reason).toMatch(/PLEASE VALIDATE TOKEN/);
		expect(sandbox.requests()).toHaveLength(1);
	});
});
