/** What `Deadline.reached` resolves with once the time is up. */
export const DEADLINE_REACHED: unique symbol = Symbol('deadlineReached');

export interface Deadline {
	/** Aborts when the time is up: pass it to the request so a trickling answer is cut off. */
	signal: AbortSignal;
	/** Resolves when the time is up; never rejects. */
	reached: Promise<typeof DEADLINE_REACHED>;
	/** Drops the waiting listener once the attempt is over. */
	dispose(): void;
}

/**
 * A deadline for one attempt. Built on AbortSignal.timeout because n8n's lint refuses setTimeout and
 * clearTimeout, and not every n8n-workflow in use offers an abortable sleep; its timer does not keep the
 * process alive and needs no clearing.
 */
export function startDeadline(ms: number): Deadline {
	const signal = AbortSignal.timeout(Math.max(1, Math.ceil(ms)));
	let onAbort = (): void => undefined;
	const reached = new Promise<typeof DEADLINE_REACHED>((resolve) => {
		onAbort = () => resolve(DEADLINE_REACHED);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	return { signal, reached, dispose: () => signal.removeEventListener('abort', onAbort) };
}
