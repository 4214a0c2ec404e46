import type { IExecuteFunctions } from 'n8n-workflow';

import { RerunMemory, rerunMemorySize } from '../../../nodes/WolkvoxCrm/actions/rerunMemory';
import type { WolkvoxRequest } from '../../../nodes/WolkvoxCrm/transport';

function context(executionId: string | undefined, runIndex = 0, node = 'Wolkvox CRM') {
	return {
		getExecutionId: () => executionId,
		getNode: () => ({ id: `id-${node}`, name: node }),
		evaluateExpression: () => runIndex,
	} as unknown as IExecuteFunctions;
}

const request = (name: string): WolkvoxRequest => ({
	method: 'POST',
	endpoint: 'custom/insert.php',
	body: { module: 'contacts', fields: { namecontact: name } },
});

describe('what a re-run of the node remembers', () => {
	it('returns what this execution, node and run already did', () => {
		const memory = RerunMemory.for(context('exec-1'), 'token-a')!;
		const key = memory.key(0, request('Ana'));
		memory.remember(key, { kind: 'done', value: { wolkvox_id: 'x' } });
		const again = RerunMemory.for(context('exec-1'), 'token-a')!;
		expect(again.get(again.key(0, request('Ana')))).toEqual({
			kind: 'done',
			value: { wolkvox_id: 'x' },
		});
	});

	it('never reuses across executions, nodes, runs in a loop, items, endpoints or tokens', () => {
		const memory = RerunMemory.for(context('exec-2'), 'token-a')!;
		memory.remember(memory.key(0, request('Ana')), { kind: 'done', value: 1 });
		const others = [
			RerunMemory.for(context('exec-3'), 'token-a')!.key(0, request('Ana')),
			RerunMemory.for(context('exec-2', 0, 'Other'), 'token-a')!.key(0, request('Ana')),
			RerunMemory.for(context('exec-2', 1), 'token-a')!.key(0, request('Ana')),
			RerunMemory.for(context('exec-2'), 'token-b')!.key(0, request('Ana')),
			memory.key(1, request('Ana')),
			memory.key(0, { ...request('Ana'), endpoint: 'custom/update.php' }),
		];
		for (const key of others) expect(memory.get(key)).toBeUndefined();
	});

	it('finds the earlier call even when its body changed (an expression on the time)', () => {
		const memory = RerunMemory.for(context('exec-time'), 'token-a')!;
		memory.remember(memory.key(0, request('logged 10:00:00')), { kind: 'done', value: 1 });
		expect(memory.get(memory.key(0, request('logged 10:00:05')))).toEqual({
			kind: 'done',
			value: 1,
		});
	});

	it('remembers nothing when the run has no execution id', () => {
		expect(RerunMemory.for(context(undefined), 'token-a')).toBeUndefined();
	});

	it('stays bounded: at most 100,000 entries and 64 MB, oldest dropped first', () => {
		const memory = RerunMemory.for(context('exec-bounded'), 'token-a')!;
		const first = memory.key('first', request('first'));
		memory.remember(first, { kind: 'done', value: 'first' });
		for (let i = 0; i < 100_500; i++)
			memory.remember(memory.key(i, request('x')), { kind: 'done', value: i });
		expect(rerunMemorySize().entries).toBeLessThanOrEqual(100_000);
		expect(memory.get(first)).toBeUndefined();
		const big = 'y'.repeat(1024 * 1024);
		for (let i = 0; i < 80; i++)
			memory.remember(memory.key(`big${i}`, request('x')), { kind: 'done', value: big });
		expect(rerunMemorySize().bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
	});
});
