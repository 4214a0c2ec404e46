import { attempt, FAILED } from '../helpers/attempt';
import { capText, MAX_QUOTED_TEXT } from './scrub';

/**
 * The vendor's success rule and error vocabulary, as pure functions (no HTTP here).
 * Success = HTTP 2xx AND body code 200/201 (string or number), or `success: true` for the bulk endpoint.
 * Everything else is a failure carrying status, code, msg and error, and what it means for the data.
 */

export interface WolkvoxEnvelope {
	code?: string | number;
	error?: unknown;
	msg?: unknown;
	data?: unknown;
	success?: unknown;
	summary?: unknown;
	[key: string]: unknown;
}

export type SuccessRule = 'envelope' | 'bulk';

export function isSuccessCode(code: unknown): boolean {
	const n = typeof code === 'number' ? code : typeof code === 'string' ? Number(code.trim()) : NaN;
	return n === 200 || n === 201;
}

export function isSuccessfulResponse(status: number, body: unknown, rule: SuccessRule): boolean {
	if (status < 200 || status > 299) return false;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
	const envelope = body as WolkvoxEnvelope;
	// A bulk call that some case files failed answers success:false with a summary saying which: it was
	// processed, and the summary is read per case file. Without a summary it is a failed call.
	if (rule === 'bulk') {
		return (
			envelope.success === true ||
			envelope.success === 'true' ||
			(isSuccessCode(envelope.code) && !!envelope.summary && typeof envelope.summary === 'object')
		);
	}
	return isSuccessCode(envelope.code);
}

export type FailureKind =
	| 'missingToken'
	| 'invalidToken'
	| 'quotaExceeded'
	| 'tooManySimultaneous'
	| 'missingParameters'
	| 'unknownApi'
	| 'forbidden'
	| 'rejected'
	| 'redirect'
	| 'serverError'
	| 'unreadableAnswer'
	| 'unreachable'
	| 'connectionLost'
	| 'timeout'
	| 'cancelled'
	| 'unexpected';

/**
 * What a failed call means for the data: refused before processing (safe to send again once the cause is
 * fixed), or possibly applied (the CRM must be checked first, since inserts are not idempotent).
 */
export type CallOutcome = 'notDone' | 'unknown';

export interface FailureDescription {
	kind: FailureKind;
	/** What happened, in one line, with the vendor's own words where it gave any */
	message: string;
	/** How to fix it */
	description: string;
	outcome: CallOutcome;
	/** Safe to send again after a short wait: the vendor refused the call without processing it */
	retryable: boolean;
	/** Every later call with this credential would fail the same way (token, quota, host): do not send them */
	stopsLaterCalls: boolean;
	httpStatus: number;
	code?: string | number;
	vendorMessage?: string;
	vendorError?: string;
}

const MAY_HAVE_BEEN_APPLIED =
	'The call may have been applied: check the CRM before sending it again (inserts are not idempotent).';

/**
 * A read changes nothing, so a call whose answer was lost is simply not done (and safe to send again), not an
 * outcome to check in the CRM.
 */
export function asReadFailure(failure: FailureDescription): FailureDescription {
	if (failure.outcome !== 'unknown') return failure;
	return {
		...failure,
		outcome: 'notDone',
		description: failure.description.replace(MAY_HAVE_BEEN_APPLIED, '').trim(),
	};
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const s = typeof value === 'string' ? value : JSON.stringify(value);
	return s === '' || s === 'null' ? undefined : capText(s, MAX_QUOTED_TEXT);
}

function numericCode(code: unknown): number | undefined {
	const n = typeof code === 'number' ? code : typeof code === 'string' ? Number(code.trim()) : NaN;
	return Number.isInteger(n) ? n : undefined;
}

/** The host a redirect pointed to (never its path or query, which could carry anything). */
export function redirectTarget(location: unknown): string {
	if (typeof location !== 'string' || location.trim() === '') return 'no address';
	const parsed = attempt(() => new URL(location.trim(), 'http://same-host.invalid'));
	if (parsed === FAILED) return 'an unreadable address';
	return parsed.host === 'same-host.invalid' ? 'another path on the same host' : parsed.host;
}

/**
 * Classifies a failed response by status and the vendor's message (the messages are documented, the codes
 * overlap). Texts from the response must already be scrubbed of the token.
 */
export function describeFailure(
	status: number,
	body: unknown,
	extra: { location?: unknown } = {},
): FailureDescription {
	const isObject = !!body && typeof body === 'object' && !Array.isArray(body);
	const envelope: WolkvoxEnvelope = isObject ? (body as WolkvoxEnvelope) : {};
	const vendorMessage = text(envelope.msg);
	const vendorError = text(envelope.error);
	const raw = typeof body === 'string' ? capText(body, MAX_QUOTED_TEXT) : '';
	const said = `${vendorMessage ?? ''} ${vendorError ?? ''} ${raw}`.toUpperCase();
	const base = { httpStatus: status, code: envelope.code, vendorMessage, vendorError };
	const answer = [
		vendorMessage,
		vendorError && vendorError !== vendorMessage ? vendorError : undefined,
	]
		.filter(Boolean)
		.join(': ');
	const quoted = answer ? ` (wolkvox: ${answer})` : '';
	const notDone = { outcome: 'notDone' as const, retryable: false, stopsLaterCalls: false };
	const stops = { outcome: 'notDone' as const, retryable: false, stopsLaterCalls: true };

	if (status >= 300 && status <= 399) {
		const target = redirectTarget(extra.location);
		return {
			...base,
			...stops,
			kind: 'redirect',
			message: `The server answered HTTP ${status}, a redirect to ${target}; the node does not follow redirects, so nothing was sent there`,
			description:
				"wolkvox's API does not redirect: this answer comes from a wrong or retired host, or from a proxy. Put the final host in the Server (or Custom Base URL) of the Wolkvox API credential. The call was not processed.",
		};
	}
	// With a 2xx status, the body's code says what the vendor meant.
	const bodyCode = numericCode(envelope.code);
	const effective =
		status >= 200 && status <= 299 && bodyCode !== undefined && bodyCode >= 300 ? bodyCode : status;

	if (said.includes('SIMULTANEOUS')) {
		return {
			...base,
			outcome: 'notDone',
			retryable: true,
			stopsLaterCalls: false,
			kind: 'tooManySimultaneous',
			message: `wolkvox refused the call: too many simultaneous requests with this token${quoted}`,
			description:
				'wolkvox allows at most 2 requests in flight per token. Another workflow or process is probably using the same token at the same time; run them one after another, give each its own token, or raise the Timeout so the node waits longer. The call was not processed.',
		};
	}
	if (said.includes('TOKEN LIMIT')) {
		return {
			...base,
			...stops,
			kind: 'quotaExceeded',
			message: `The token's daily quota of calls is used up${quoted}`,
			description:
				'wolkvox limits each token to a number of calls a day (every call counts, the credential test too). Wait until the quota resets, or raise the limit in the CRM. Bulk Collections loads many case files per call and saves calls.',
		};
	}
	if (effective === 401 || said.includes('ENTER THE WOLKVOX-TOKEN')) {
		return {
			...base,
			...stops,
			kind: 'missingToken',
			message: `wolkvox received no token${quoted}`,
			description: 'Fill in the Token of the Wolkvox API credential.',
		};
	}
	if (said.includes('VALIDATE TOKEN')) {
		return {
			...base,
			...stops,
			kind: 'invalidToken',
			message: `wolkvox rejected the token${quoted}`,
			description:
				'Check the Token and the Server of the Wolkvox API credential: the token must belong to this CRM server and operation (CRM → Configuration → wolkvox Integration → Tokens).',
		};
	}
	if (said.includes('DOES NOT EXIST')) {
		return {
			...base,
			...stops,
			kind: 'unknownApi',
			message: `wolkvox does not know this API${quoted}`,
			description:
				'The server answered that the endpoint does not exist. Check that the credential points at the CRM server (crmNNNN.wolkvox.com), not at another wolkvox product.',
		};
	}
	if (said.includes('PARAMETERS ARE REQUIRED') || effective === 400) {
		return {
			...base,
			...notDone,
			kind: 'missingParameters',
			message: `wolkvox rejected the request as incomplete${quoted}`,
			description:
				'A required field is missing or the operation name is wrong. Check the Operation of the credential and the required fields of this node. The call was not processed.',
		};
	}
	if (effective === 403) {
		return {
			...base,
			...notDone,
			kind: 'forbidden',
			message: `wolkvox refused the call (HTTP 403)${quoted}`,
			description:
				"wolkvox answers 403 during maintenance windows and when this machine's IP address is not on the allow-list. Try again later, or ask wolkvox to allow the IP address (at most 10). The call was not processed.",
		};
	}
	if (effective >= 400 && effective <= 499) {
		return {
			...base,
			...notDone,
			kind: 'rejected',
			message: `wolkvox refused the call (HTTP ${effective})${quoted}`,
			description:
				'The server refused the request before processing it. Check the Server of the credential and the values sent; the call was not processed.',
		};
	}
	if (effective >= 500) {
		return {
			...base,
			outcome: 'unknown',
			retryable: false,
			stopsLaterCalls: false,
			kind: 'serverError',
			message: `wolkvox answered with a server problem (HTTP ${effective})${quoted}`,
			description: `The server failed while handling the call, or a gateway gave up waiting for it. ${MAY_HAVE_BEEN_APPLIED}`,
		};
	}
	if (status >= 200 && status <= 299 && !isObject) {
		const what =
			body === undefined || body === null || (typeof body === 'string' && body.trim() === '')
				? 'an empty answer'
				: typeof body === 'string'
					? 'an answer that is not JSON'
					: 'an answer that is not a wolkvox envelope';
		return {
			...base,
			outcome: 'unknown',
			retryable: false,
			stopsLaterCalls: false,
			kind: 'unreadableAnswer',
			message: `wolkvox answered HTTP ${status} with ${what}${raw ? ` (${raw})` : ''}`,
			description: MAY_HAVE_BEEN_APPLIED,
		};
	}
	return {
		...base,
		outcome: 'unknown',
		retryable: false,
		stopsLaterCalls: false,
		kind: 'unexpected',
		message: `wolkvox did not confirm the call (HTTP ${status}, code ${text(envelope.code) ?? 'none'})${quoted}`,
		description: `The response did not carry code 200. ${MAY_HAVE_BEEN_APPLIED}`,
	};
}

const UNREACHABLE: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name is unknown',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};
const CONNECTION_LOST: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was closed while sending',
	ECONNABORTED: 'the connection was aborted',
	ETIMEDOUT: 'the connection timed out',
	ESOCKETTIMEDOUT: 'the connection went idle too long',
};

/**
 * A call that got no HTTP answer, by the network error's code. Only failures before the connection existed
 * prove that nothing was sent; after that, the server may have received and applied the call.
 */
export function describeNetworkFailure(
	code: string | undefined,
	where: string,
): FailureDescription {
	const base = { httpStatus: 0, code };
	const tag = code ? ` (${code})` : '';
	const isTls =
		!!code &&
		(/^(ERR_TLS_|CERT_|UNABLE_TO_)/.test(code) ||
			['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'EPROTO'].includes(code));
	if ((code && UNREACHABLE[code]) || isTls) {
		return {
			...base,
			kind: 'unreachable',
			outcome: 'notDone',
			retryable: false,
			stopsLaterCalls: true,
			message: isTls
				? `Could not open a secure connection to wolkvox at ${where}${tag}; nothing was sent`
				: `Could not reach wolkvox at ${where}: ${UNREACHABLE[code as string]}${tag}; nothing was sent`,
			description: `${isTls ? "The server's certificate or TLS setup was refused. " : ''}Check the Server (or Custom Base URL) of the Wolkvox API credential and that this machine can reach it.`,
		};
	}
	if (code === 'ERR_CANCELED' || code === 'ABORT_ERR') {
		return {
			...base,
			kind: 'cancelled',
			outcome: 'unknown',
			retryable: false,
			stopsLaterCalls: true,
			message: `The call to wolkvox at ${where} was cancelled with the execution${tag}`,
			description: MAY_HAVE_BEEN_APPLIED,
		};
	}
	const lost = code ? CONNECTION_LOST[code] : undefined;
	return {
		...base,
		kind: 'connectionLost',
		outcome: 'unknown',
		retryable: false,
		stopsLaterCalls: false,
		message: `The connection to wolkvox at ${where} broke before the answer: ${lost ?? 'no answer was received'}${tag}`,
		description: MAY_HAVE_BEEN_APPLIED,
	};
}

/** A call that outlived its deadline: it left, so it may have been applied. */
export function describeTimeout(seconds: number, where: string): FailureDescription {
	return {
		kind: 'timeout',
		outcome: 'unknown',
		retryable: false,
		stopsLaterCalls: false,
		httpStatus: 0,
		message: `wolkvox at ${where} did not answer within ${seconds} s (the Timeout option)`,
		description: `${MAY_HAVE_BEEN_APPLIED} If wolkvox is only slow (large batches), raise the Timeout.`,
	};
}

/** Refusals for "too many simultaneous requests" that lasted past the deadline: never processed. */
export function describeStillRefused(seconds: number, refusals: number): FailureDescription {
	return {
		kind: 'tooManySimultaneous',
		outcome: 'notDone',
		retryable: false,
		stopsLaterCalls: false,
		httpStatus: 403,
		message: `wolkvox refused the call ${refusals} time(s) within the Timeout of ${seconds} s: too many simultaneous requests with this token`,
		description:
			'Another workflow or n8n process is using the same token at the same time. The call was not processed: run it again later, give each workflow its own token, or raise the Timeout so the node waits longer.',
	};
}
