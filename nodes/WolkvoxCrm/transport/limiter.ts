/**
 * wolkvox forbids more than 2 requests in flight per token, and asks integrators to send the next call only
 * after the previous one answered. One limiter per token, shared by every execution in this n8n process, so
 * two workflows using the same credential wait for each other instead of tripping the vendor's limit.
 */

class Limiter {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	/** Waits for a slot; the returned function gives it back (once, however often it is called). */
	async acquire(maxConcurrent: number): Promise<() => void> {
		if (this.active >= maxConcurrent) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.active++;
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const next = this.waiting.shift();
			// Hand the slot straight to the next waiter, so `active` never over-counts.
			if (next) next();
			else this.active--;
		};
	}
}

const limiters = new Map<string, Limiter>();

function limiterFor(tokenKey: string): Limiter {
	let limiter = limiters.get(tokenKey);
	if (!limiter) {
		limiter = new Limiter();
		limiters.set(tokenKey, limiter);
	}
	return limiter;
}

const clamp = (maxConcurrent: number) => Math.max(1, Math.min(2, Math.floor(maxConcurrent)));

/**
 * Takes one of the token's slots, waiting while `maxConcurrent` are taken. The caller gives it back; a call
 * that timed out may keep it a while, since the server can still be working on it.
 */
export async function acquireSlot(tokenKey: string, maxConcurrent: number): Promise<() => void> {
	return await limiterFor(tokenKey).acquire(clamp(maxConcurrent));
}

/** Runs `task` when fewer than `maxConcurrent` tasks of the same token key are running. */
export async function runLimited<T>(
	tokenKey: string,
	maxConcurrent: number,
	task: () => Promise<T>,
): Promise<T> {
	const release = await acquireSlot(tokenKey, maxConcurrent);
	try {
		return await task();
	} finally {
		release();
	}
}
