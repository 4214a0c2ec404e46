import { DEADLINE_REACHED, startDeadline } from '../../../nodes/WolkvoxCrm/transport/deadline';

describe('startDeadline', () => {
	it('aborts its signal and resolves `reached` once the time is up, not before', async () => {
		const started = Date.now();
		const deadline = startDeadline(80);
		expect(deadline.signal.aborted).toBe(false);
		await expect(deadline.reached).resolves.toBe(DEADLINE_REACHED);
		expect(Date.now() - started).toBeGreaterThanOrEqual(70);
		expect(deadline.signal.aborted).toBe(true);
		expect((deadline.signal.reason as Error).name).toBe('TimeoutError');
	});

	it('loses a race to an answer that comes first, and dispose leaves the signal without its listener', async () => {
		const deadline = startDeadline(5_000);
		const answer = Promise.resolve('answer');
		await expect(Promise.race([answer, deadline.reached])).resolves.toBe('answer');
		deadline.dispose();
		expect(deadline.signal.aborted).toBe(false);
	});

	it('treats a zero or negative budget as already due', async () => {
		await expect(startDeadline(0).reached).resolves.toBe(DEADLINE_REACHED);
		await expect(startDeadline(-10).reached).resolves.toBe(DEADLINE_REACHED);
	});
});
