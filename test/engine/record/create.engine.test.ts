/**
 * Record → Create run by n8n's engine against the sandbox: what reached the sandbox, paired outputs.
 * Assertions read what reached the sandbox, not what the node meant to send.
 */
import { items, OPERATION, pairedItems, TOKEN, useWolkvoxEngine } from '../../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

function assertNoToken(value: unknown) {
	expect(JSON.stringify(value)).not.toContain(TOKEN);
}

describe('Record → Create', () => {
	it('sends one call per item with expressions resolved, and pairs each output to its input', async () => {
		const result = await run(
			{
				resource: 'record',
				operation: 'create',
				module: 'contacts',
				inputMode: 'fields',
				fields: {
					field: [
						{ name: 'namecontact', valueType: 'string', value: '={{ $json.name }}' },
						{ name: 'Direccion', valueType: 'address', value: '={{ $json.street }}' },
						{
							name: 'Deuda',
							valueType: 'currency',
							value: '={{ $json.debt }}',
							currencySymbol: 'COP',
						},
					],
				},
			},
			items(
				{ name: 'Ana', street: 'Calle 1', debt: '1.500,50' },
				{ name: 'Luis', street: 'Cra 2', debt: 300 },
			),
			{
				downstream: "={{ { id: $json.wolkvox_id, input: $('Wolkvox CRM').item.json.wolkvox_id } }}",
			},
		);
		expect(result.status).toBe('success');
		const out = result.output('Wolkvox CRM');
		expect(out).toHaveLength(2);
		expect(out.map(pairedItems)).toEqual([[0], [1]]);
		for (const item of out) expect(item.json.wolkvox_id).toMatch(/^[0-9a-f]{24}$/);

		const received = sandbox.requests({ path: 'custom/insert.php' });
		expect(received.map((r) => r.body)).toEqual([
			{
				operation: OPERATION,
				module: 'contacts',
				fields: {
					namecontact: 'Ana',
					Direccion: { type: 'address', value: 'Calle 1' },
					Deuda: { type: 'currency', value: '1500.5', symbol: 'COP', convert: 1500.5 },
				},
			},
			{
				operation: OPERATION,
				module: 'contacts',
				fields: {
					namecontact: 'Luis',
					Direccion: { type: 'address', value: 'Cra 2' },
					Deuda: { type: 'currency', value: '300', symbol: 'COP', convert: 300 },
				},
			},
		]);
		expect(received.every((r) => r.tokenPresent && r.status === 200)).toBe(true);
		// A downstream node resolves $('Wolkvox CRM').item through the pairing.
		const downstream = result.output('Downstream');
		expect(downstream.map((d) => d.json.input)).toEqual(out.map((o) => o.json.wolkvox_id));
		assertNoToken(result.runData);
	});

	it('sends a custom module and raw JSON fields', async () => {
		const result = await run(
			{
				resource: 'record',
				operation: 'create',
				module: '__custom',
				customModule: 'productos',
				inputMode: 'json',
				fieldsJson: '={{ JSON.stringify({ Categoria: $json.c, Precio: 6700 }) }}',
			},
			items({ c: 'Arepas' }),
		);
		expect(result.status).toBe('success');
		expect(sandbox.requests({ path: 'custom/insert.php' })[0].body).toEqual({
			operation: OPERATION,
			module: 'productos',
			fields: { Categoria: 'Arepas', Precio: 6700 },
		});
	});
});
