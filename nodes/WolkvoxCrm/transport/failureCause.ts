import type { FailureDescription } from './response';

/**
 * Why a call failed, in the vocabulary newer n8n versions read from an error's `failure` (to tell a wait
 * that helps from a fix someone must make). Declared here because older n8n-workflow typings lack it; older
 * n8n versions simply ignore the key.
 */
export type FailureCause =
	| {
			cause: 'rate-limited' | 'quota-exhausted' | 'temporarily-unavailable';
			retryAfterMs?: number;
			resetsAtEpochMs?: number;
	  }
	| { cause: 'credential-invalid' | 'configuration-invalid' };

/** The first wait of the transport's own backoff: the least a "simultaneous requests" refusal needs. */
const SIMULTANEOUS_RETRY_AFTER_MS = 250;

/** "… restarts in about 7 hours": when the vendor says it, the quota's reset time. */
function resetTime(text: string, now: number): number | undefined {
	const match = /in (?:about )?(\d+(?:\.\d+)?) ?hours?/i.exec(text);
	if (!match) return undefined;
	const hours = Number(match[1]);
	return Number.isFinite(hours) && hours >= 0 ? Math.round(now + hours * 3_600_000) : undefined;
}

export function failureCauseOf(
	failure: FailureDescription,
	now = Date.now(),
): FailureCause | undefined {
	const said = `${failure.vendorMessage ?? ''} ${failure.vendorError ?? ''}`;
	switch (failure.kind) {
		case 'quotaExceeded': {
			const resetsAtEpochMs = resetTime(said, now);
			return { cause: 'quota-exhausted', ...(resetsAtEpochMs ? { resetsAtEpochMs } : {}) };
		}
		case 'tooManySimultaneous':
			return { cause: 'rate-limited', retryAfterMs: SIMULTANEOUS_RETRY_AFTER_MS };
		case 'forbidden':
			return /MAINTENANCE/i.test(said) ? { cause: 'temporarily-unavailable' } : undefined;
		case 'missingToken':
		case 'invalidToken':
			return { cause: 'credential-invalid' };
		case 'redirect':
		case 'unknownApi':
			return { cause: 'configuration-invalid' };
		default:
			return undefined;
	}
}
