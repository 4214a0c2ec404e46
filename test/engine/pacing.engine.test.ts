/**
 * Calls with one token never trip wolkvox's 2-in-flight rule.
 * Assertions read what reached the sandbox, not what the node meant to send.
 */
import type { IDataObject } from 'n8n-workflow';

import { items, pairedItems, TOKEN, useWolkvoxEngine } from '../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

describe('pacing', () => {
	it('never trips the 2-in-flight limit on a many-item run, even with two requests in parallel', async () => {
		sandbox.configure({ latencyMs: 15 });
		const many = items(...Array.from({ length: 40 }, (_, i) => ({ i })));
		const params = {
			resource: 'gestion',
			operation: 'create',
			caseFileId: '={{ "cf" + $json.i }}',
			typificationCode: 'C1',
			typificationDescription: 'Contacted',
		};
		const sequential = await run(params, many);
		const parallel = await run({ ...params, options: { parallelRequests: 2 } }, many);
		sandbox.configure({ latencyMs: 5 });
		expect(sequential.status).toBe('success');
		expect(parallel.status).toBe('success');
		expect(parallel.output('Wolkvox CRM').map((o) => pairedItems(o)[0])).toEqual(
			many.map((_, i) => i),
		);
		const stats = sandbox.stats() as IDataObject;
		expect(JSON.stringify(stats)).not.toContain(TOKEN);
		const received = sandbox.requests({ path: 'insertGestion.php' });
		expect(received).toHaveLength(80);
		expect(received.every((r) => r.status === 200)).toBe(true);
		const perToken = Object.values(stats.perToken as Record<string, IDataObject>)[0];
		expect(perToken.maxInFlightObserved).toBe(2);
		expect(stats.rejectedConcurrency).toBe(0);
	});
});
