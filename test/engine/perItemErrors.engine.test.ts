/**
 * Per-item operations when input or wolkvox says no: which item, which field, error output, no token.
 * Assertions read what reached the sandbox, not what the node meant to send.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { items, pairedItems, useWolkvoxEngine } from '../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

describe('errors', () => {
	const taskParams = (priority: string): INodeParameters => ({
		resource: 'task',
		operation: 'create',
		name: 'T',
		relatedModule: 'cases',
		recordId: 'r1',
		owner: 'o',
		completionDate: '2026-11-30T17:00:00',
		priority,
		description: '',
		remember: false,
	});

	it('routes a bad item to the error output, names item and field, sends nothing for it, and keeps the rest', async () => {
		const result = await run(
			{ ...taskParams('={{ $json.p }}') },
			items({ p: 'high' }, { p: 'urgent' }, { p: 'low' }),
			{ onError: 'continueErrorOutput' },
		);
		expect(result.status).toBe('success');
		const ok = result.output('Wolkvox CRM', 0);
		const failed = result.output('Wolkvox CRM', 1);
		expect(ok.map(pairedItems)).toEqual([[0], [2]]);
		expect(failed).toHaveLength(1);
		expect(pairedItems(failed[0])).toEqual([1]);
		// n8n merges the paired input into items it routes to the error output; the node emitted {error, message}.
		expect(failed[0].json).toMatchObject({
			p: 'urgent',
			message: expect.stringMatching(/Nothing was sent/),
		});
		expect(failed[0].json.error).toBe(
			'Task "Priority" (fields.priority) must be one of "high", "normal", "low", got "urgent" [item 1]',
		);
		expect(result.output('Failed')).toHaveLength(1);
		expect(
			sandbox
				.requests({ path: 'custom/insert.php' })
				.map((r) => (r.body.fields as IDataObject).priority),
		).toEqual(['high', 'low']);
	});

	it('fails the node with a NodeOperationError naming item and field when not continuing', async () => {
		const result = await run(taskParams('={{ $json.p }}'), items({ p: 'normal' }, { p: 'urgent' }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Task "Priority" (fields.priority) must be one of "high", "normal", "low", got "urgent" [item 1]',
		);
		expect(sandbox.requests({ path: 'custom/insert.php' })).toHaveLength(1);
	});

	it('reports an invalid token without ever showing it', async () => {
		const wrong = 'wrong-token-should-never-appear-42';
		const result = await run(taskParams('high'), items({}), { creds: { token: wrong } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/wolkvox rejected the token.*PLEASE VALIDATE TOKEN.*\[item 0\]/,
		);
		expect(result.error?.description).toMatch(/Token and the Server/);
		expect(JSON.stringify(result.run)).not.toContain(wrong);
		expect(sandbox.requests()[0].status).toBe(403);
	});

	it('stops on an exhausted quota and says so, per item with Continue On Fail', async () => {
		sandbox.configure({ quota: 2 });
		const result = await run(taskParams('high'), items({}, {}, {}, {}), {
			onError: 'continueErrorOutput',
		});
		expect(result.output('Wolkvox CRM', 0)).toHaveLength(2);
		const failed = result.output('Wolkvox CRM', 1);
		expect(failed.map(pairedItems)).toEqual([[2], [3]]);
		expect(failed[0].json.error).toMatch(/daily quota.*TOKEN LIMIT EXCEEDED.*\[item 2\]/);
		expect(failed[1].json.error).toMatch(
			/not sent, because an earlier call failed: The token's daily quota.*\[item 3\]/,
		);
		expect(sandbox.requests()).toHaveLength(3);
	});

	it('rejects a bad server in the credential before sending anything', async () => {
		const result = await run(taskParams('high'), items({}), {
			creds: { customBaseUrl: '', server: 'user:pw@crm0001.wolkvox.com' },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/user name or password.*address bar/);
	});
});
