/**
 * The vendor's success rule and error vocabulary, as pure functions (no HTTP here).
 * See wolkvox-api.md §1: success = HTTP 2xx AND body code 200/201 (string or number), or `success: true`
 * for the bulk endpoint. Everything else is a failure carrying status, code, msg and error.
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
	| 'serverError'
	| 'unexpected';

export interface FailureDescription {
	kind: FailureKind;
	/** What happened, in one line, with the vendor's own words where it gave any */
	message: string;
	/** How to fix it */
	description: string;
	/** Safe to send again after a short wait: the vendor refused the call without processing it */
	retryable: boolean;
	httpStatus: number;
	code?: string | number;
	vendorMessage?: string;
	vendorError?: string;
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const s = typeof value === 'string' ? value : JSON.stringify(value);
	return s === '' || s === 'null' ? undefined : s;
}

/** Classifies a failed response by status and the vendor's message (the messages are documented, the codes overlap). */
export function describeFailure(status: number, body: unknown): FailureDescription {
	const envelope: WolkvoxEnvelope =
		body && typeof body === 'object' && !Array.isArray(body) ? (body as WolkvoxEnvelope) : {};
	const vendorMessage = text(envelope.msg);
	const vendorError = text(envelope.error);
	const raw = typeof body === 'string' ? body : '';
	const said = `${vendorMessage ?? ''} ${vendorError ?? ''} ${raw}`.toUpperCase();
	const base = { httpStatus: status, code: envelope.code, vendorMessage, vendorError };
	const answer = [
		vendorMessage,
		vendorError && vendorError !== vendorMessage ? vendorError : undefined,
	]
		.filter(Boolean)
		.join(': ');
	const quoted = answer ? ` (wolkvox: ${answer})` : '';

	if (said.includes('SIMULTANEOUS')) {
		return {
			...base,
			kind: 'tooManySimultaneous',
			retryable: true,
			message: `wolkvox refused the call: too many simultaneous requests with this token${quoted}`,
			description:
				'wolkvox allows at most 2 requests in flight per token. Another workflow or process is probably using the same token at the same time; run them one after another or give each its own token.',
		};
	}
	if (said.includes('TOKEN LIMIT')) {
		return {
			...base,
			kind: 'quotaExceeded',
			retryable: false,
			message: `The token's daily quota of calls is used up${quoted}`,
			description:
				'wolkvox limits each token to a number of calls a day (every call counts, the credential test too). Wait until the quota resets, or raise the limit in the CRM. Bulk Collections loads many case files per call and saves calls.',
		};
	}
	if (status === 401 || said.includes('ENTER THE WOLKVOX-TOKEN')) {
		return {
			...base,
			kind: 'missingToken',
			retryable: false,
			message: `wolkvox received no token${quoted}`,
			description: 'Fill in the Token of the Wolkvox API credential.',
		};
	}
	if (said.includes('VALIDATE TOKEN')) {
		return {
			...base,
			kind: 'invalidToken',
			retryable: false,
			message: `wolkvox rejected the token${quoted}`,
			description:
				'Check the Token and the Server of the Wolkvox API credential: the token must belong to this CRM server and operation (CRM → Configuration → wolkvox Integration → Tokens).',
		};
	}
	if (said.includes('DOES NOT EXIST')) {
		return {
			...base,
			kind: 'unknownApi',
			retryable: false,
			message: `wolkvox does not know this API${quoted}`,
			description:
				'The server answered that the endpoint does not exist. Check that the credential points at the CRM server (crmNNNN.wolkvox.com), not at another wolkvox product.',
		};
	}
	if (said.includes('PARAMETERS ARE REQUIRED') || status === 400) {
		return {
			...base,
			kind: 'missingParameters',
			retryable: false,
			message: `wolkvox rejected the request as incomplete${quoted}`,
			description:
				'A required field is missing or the operation name is wrong. Check the Operation of the credential and the required fields of this node.',
		};
	}
	if (status === 403) {
		return {
			...base,
			kind: 'forbidden',
			retryable: false,
			message: `wolkvox refused the call (HTTP 403)${quoted}`,
			description:
				"wolkvox answers 403 during maintenance windows and when this machine's IP address is not on the allow-list. Try again later, or ask wolkvox to allow the IP address (at most 10).",
		};
	}
	if (status >= 500) {
		return {
			...base,
			kind: 'serverError',
			retryable: false,
			message: `wolkvox answered with a server problem (HTTP ${status})${quoted}`,
			description:
				'The CRM could not process the call. Try again later; if it persists, contact wolkvox support.',
		};
	}
	return {
		...base,
		kind: 'unexpected',
		retryable: false,
		message: `wolkvox did not confirm the call (HTTP ${status}, code ${text(envelope.code) ?? 'none'})${quoted}`,
		description:
			'The response did not carry code 200. The call may or may not have been applied; check the CRM before sending it again.',
	};
}
