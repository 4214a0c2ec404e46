import { sleep } from 'n8n-workflow';

import { runLimited } from '../../../nodes/WolkvoxCrm/transport/limiter';

async function peakConcurrency(
	key: string,
	max: number,
	tasks: number,
): Promise<{ peak: number; order: number[] }> {
	let active = 0;
	let peak = 0;
	const order: number[] = [];
	await Promise.all(
		Array.from(
			{ length: tasks },
			async (_, i) =>
				await runLimited(key, max, async () => {
					active++;
					peak = Math.max(peak, active);
					await sleep(5);
					order.push(i);
					active--;
				}),
		),
	);
	return { peak, order };
}

describe('per-token limiter', () => {
	it('runs calls of one token one at a time, in order', async () => {
		const { peak, order } = await peakConcurrency('token-a', 1, 8);
		expect(peak).toBe(1);
		expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	});

	it('allows two in flight when asked, never more (the vendor maximum)', async () => {
		expect((await peakConcurrency('token-b', 2, 10)).peak).toBe(2);
		expect((await peakConcurrency('token-c', 5, 10)).peak).toBe(2);
	});

	it('does not make different tokens wait for each other', async () => {
		let active = 0;
		let peak = 0;
		const task = async () => {
			active++;
			peak = Math.max(peak, active);
			await sleep(10);
			active--;
		};
		await Promise.all([runLimited('x', 1, task), runLimited('y', 1, task)]);
		expect(peak).toBe(2);
	});

	it('frees the slot when a call throws', async () => {
		await expect(
			runLimited('token-d', 1, async () => await Promise.reject(new Error('boom'))),
		).rejects.toThrow('boom');
		await expect(runLimited('token-d', 1, async () => await Promise.resolve(7))).resolves.toBe(7);
	});
});
