/**
 * wolkvox forbids more than 2 requests in flight per token, and asks integrators to send the next call only
 * after the previous one answered. One limiter per token, shared by every execution in this n8n process, so
 * two workflows using the same credential wait for each other instead of tripping the vendor's limit.
 */

class Limiter {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	async run<T>(maxConcurrent: number, task: () => Promise<T>): Promise<T> {
		if (this.active >= maxConcurrent) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.active++;
		}
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			// Hand the slot straight to the next waiter, so `active` never over-counts.
			if (next) next();
			else this.active--;
		}
	}
}

const limiters = new Map<string, Limiter>();

/** Runs `task` when fewer than `maxConcurrent` tasks of the same token key are running. */
export async function runLimited<T>(
	tokenKey: string,
	maxConcurrent: number,
	task: () => Promise<T>,
): Promise<T> {
	let limiter = limiters.get(tokenKey);
	if (!limiter) {
		limiter = new Limiter();
		limiters.set(tokenKey, limiter);
	}
	return await limiter.run(Math.max(1, Math.min(2, Math.floor(maxConcurrent))), task);
}
