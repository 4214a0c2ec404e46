/** Token → Get Usage run by n8n's engine against the sandbox: the quota in plain words, and the use it spends. */
import { items, useWolkvoxEngine } from '../../harness/engine/wolkvoxEngine';

const { run, sandbox } = useWolkvoxEngine();

describe('Token → Get Usage', () => {
	it("reports the token's limit, today's use (this call included), what is left and the hours to reset", async () => {
		sandbox.configure({ quota: 500, hoursToRestart: 7 });
		const before = await run({ resource: 'token', operation: 'getUsage' }, items({}));
		expect(before.status).toBe('success');
		expect(before.output('Wolkvox CRM')[0].json).toMatchObject({
			limit: 500,
			usedToday: 1,
			left: 499,
			hoursToReset: 7,
		});

		const again = await run({ resource: 'token', operation: 'getUsage' }, items({}));
		expect(again.output('Wolkvox CRM')[0].json).toMatchObject({ usedToday: 2, left: 498 });
		const calls = sandbox.requests({ path: 'token/tokenInformation.php' });
		expect(calls.map((c) => [c.method, c.status])).toEqual([
			['GET', 200],
			['GET', 200],
		]);
	});
});
