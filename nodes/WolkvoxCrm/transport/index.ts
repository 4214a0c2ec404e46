import { createHash } from 'crypto';
import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { contextView } from '../helpers/contextView';
import { resolveBaseUrl } from '../../../credentials/wolkvoxServer';
import { DEADLINE_REACHED, startDeadline } from './deadline';
import { acquireSlot } from './limiter';
import {
	asReadFailure,
	describeFailure,
	describeNetworkFailure,
	describeStillRefused,
	describeTimeout,
	isSuccessfulResponse,
	type FailureDescription,
	type SuccessRule,
	type WolkvoxEnvelope,
} from './response';
import { failureCauseOf } from './failureCause';
import { encodeMultipart, type MultipartForm } from './multipart';
import { createScrubber, type Scrubber } from './scrub';
import { DEFAULT_ITEM_TIMEOUT_SECONDS } from './timeouts';

export const API_PATH = '/server/API/v2/';

/** A call as the operations describe it; the transport adds the URL, the operation name and the token. */
export interface WolkvoxRequest {
	method: IHttpRequestMethods;
	/** Relative to /server/API/v2/, e.g. `custom/insert.php` */
	endpoint: string;
	/** JSON body without `operation`: the client adds it from the credential */
	body?: IDataObject;
	/** A multipart/form-data body instead of JSON (the `cases` endpoints); the client adds `operation` to it */
	form?: MultipartForm;
	qs?: IDataObject;
	successRule?: SuccessRule;
	/** A query: it changes nothing, so a lost answer means "not done", never "may have been applied" */
	readOnly?: boolean;
}

export interface TransportOptions {
	/** Requests in flight per token: 1 (the vendor's advice) or 2 (its hard limit) */
	maxConcurrent?: number;
	/** Deadline of one call, refusals for "too many simultaneous requests" waited out included */
	timeoutMs?: number;
}

export interface WolkvoxSuccess {
	/** The answer, with the token scrubbed out of every text and every text capped */
	body: WolkvoxEnvelope;
	httpStatus: number;
}

/** Counts the "too many simultaneous requests" refusals waited out for one item's calls. */
export interface RefusalTally {
	refusalsWaitedOut: number;
}

/** What an operation needs to send an item's calls: the client, or a view of it that tallies the item's refusals. */
export type WolkvoxSender = Pick<WolkvoxClient, 'send'>;

/** A failed call with everything a user needs, and never the token. */
export class WolkvoxApiError extends Error {
	constructor(readonly failure: FailureDescription) {
		super(failure.message);
		this.name = 'WolkvoxApiError';
	}
}

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 8_000;
/** An attempt with less time than this left is not worth sending. */
const MIN_ATTEMPT_MS = 250;
/** Longest a timed-out call keeps its slot: the server may still be working on it. */
const MAX_SLOT_HOLD_MS = 30_000;

/** Exponential backoff with jitter, so processes refused together do not come back together. */
function backoffMs(attempt: number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
	return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}

/** What a call sends, the same for each of its attempts. */
interface Payload {
	body: IDataObject | Buffer | undefined;
	contentType: string;
}

interface RawAnswer {
	statusCode: number;
	body: unknown;
	location?: unknown;
}

/** The code of a network error, wherever n8n's and axios' wrappers put it. */
function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

export class WolkvoxClient {
	/** "Too many simultaneous requests" refusals this client waited out (another process held the token) */
	refusalsWaitedOut = 0;

	private constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly baseUrl: string,
		private readonly operation: string,
		private readonly tokenKey: string,
		private readonly scrubber: Scrubber,
		private readonly options: Required<TransportOptions>,
		// Handed to n8n with every call, which would otherwise read and decrypt the credential again each time.
		private readonly credentials: ICredentialsDecrypted,
	) {}

	static async create(
		ctx: IExecuteFunctions,
		options: TransportOptions = {},
	): Promise<WolkvoxClient> {
		const credentials = await ctx.getCredentials('wolkvoxApi');
		let baseUrl: string;
		try {
			const resolved = resolveBaseUrl(credentials);
			baseUrl = resolved.baseUrl;
			if (resolved.notice) ctx.logger.warn(`Wolkvox CRM: ${resolved.notice}`);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
				description:
					'Open the Wolkvox API credential and correct the Server or the Custom Base URL.',
			});
		}
		const operation = String(credentials.operation ?? '').trim();
		if (!operation) {
			throw new NodeOperationError(ctx.getNode(), 'The Wolkvox API credential has no CRM Operation (Tenant)', {
				description: 'Fill in the name of your CRM operation (tenant) in the credential.',
			});
		}
		// Trimmed as the credential sends it: HTTP trims header values, so that is the token a server can echo.
		const token = String(credentials.token ?? '').trim();
		// Keyed by the token alone (the vendor's limit is per token, whichever proxy a call goes through), as a
		// fingerprint; the token itself is kept only inside the scrubber, to find it in what servers answer.
		const tokenKey = createHash('sha256').update(token).digest('hex');
		const reference = ctx.getNode().credentials?.wolkvoxApi;
		return new WolkvoxClient(
			ctx,
			baseUrl,
			operation,
			tokenKey,
			createScrubber(token),
			{
				maxConcurrent: options.maxConcurrent ?? 1,
				timeoutMs: options.timeoutMs ?? DEFAULT_ITEM_TIMEOUT_SECONDS * 1000,
			},
			{
				id: reference?.id ?? '',
				name: reference?.name ?? '',
				type: 'wolkvoxApi',
				data: credentials,
			},
		);
	}

	get operationName(): string {
		return this.operation;
	}

	/** The token's fingerprint: it tells runs with different tokens apart, and reveals nothing. */
	get tokenKeyForMemory(): string {
		return this.tokenKey;
	}

	get maxConcurrent(): number {
		return this.options.maxConcurrent;
	}

	/** The body exactly as `send` would post it (for a dry run). */
	preview(request: WolkvoxRequest): IDataObject {
		return { operation: this.operation, ...(request.form?.fields ?? request.body) };
	}

	/** The same scrub the transport applies to answers, for any other text that came from a server. */
	scrub(text: string, max?: number): string {
		return this.scrubber.text(text, max);
	}

	/**
	 * Sends one call, paced per token, within the Timeout; waits out "too many simultaneous requests" refusals
	 * (never processed) until the deadline. Throws WolkvoxApiError when the vendor does not confirm the call.
	 */
	async send(request: WolkvoxRequest, tally?: RefusalTally): Promise<WolkvoxSuccess> {
		if (!request.readOnly) return await this.sendWithinDeadline(request, tally);
		const result = await this.sendWithinDeadline(request, tally).then(
			(success) => ({ success }),
			(error: unknown) => ({ error }),
		);
		if ('success' in result) return result.success;
		throw result.error instanceof WolkvoxApiError
			? new WolkvoxApiError(asReadFailure(result.error.failure))
			: result.error;
	}

	/** A sender whose calls add their refusals waited out to `tally` as well. */
	tallying(tally: RefusalTally): WolkvoxSender {
		return { send: async (request) => await this.send(request, tally) };
	}

	private async sendWithinDeadline(
		request: WolkvoxRequest,
		tally?: RefusalTally,
	): Promise<WolkvoxSuccess> {
		const rule = request.successRule ?? 'envelope';
		const payload = this.payloadOf(request);
		const timeoutMs = this.options.timeoutMs;
		let deadline: number | undefined;
		let refusals = 0;
		for (;;) {
			const release = await acquireSlot(this.tokenKey, this.options.maxConcurrent);
			// The clock starts when the call first gets a slot: waiting behind this process's own calls is not
			// the server's slowness.
			deadline ??= Date.now() + timeoutMs;
			if (refusals > 0 && deadline - Date.now() < MIN_ATTEMPT_MS) {
				// Waiting for the slot used up the time left after a refusal: the call was never processed.
				release();
				throw new WolkvoxApiError(describeStillRefused(Math.round(timeoutMs / 1000), refusals));
			}
			const answer = await this.sendOnce(request, payload, deadline - Date.now(), release);
			if (isSuccessfulResponse(answer.statusCode, answer.body, rule)) {
				return { body: answer.body as WolkvoxEnvelope, httpStatus: answer.statusCode };
			}
			const failure = describeFailure(answer.statusCode, answer.body, {
				location: answer.location,
			});
			if (!failure.retryable) throw new WolkvoxApiError(failure);
			refusals++;
			const wait = backoffMs(refusals - 1);
			if (Date.now() + wait + MIN_ATTEMPT_MS > deadline) {
				throw new WolkvoxApiError(describeStillRefused(Math.round(timeoutMs / 1000), refusals));
			}
			this.refusalsWaitedOut++;
			if (tally) tally.refusalsWaitedOut++;
			await sleep(wait);
		}
	}

	/**
	 * The body with `operation` added: JSON, or a multipart form with `operation` as a field. Made once per call, so
	 * a refused call sent again does not encode its files again.
	 */
	private payloadOf(request: WolkvoxRequest): Payload {
		if (request.method === 'GET') return { body: undefined, contentType: 'application/json' };
		if (!request.form) {
			return { body: { operation: this.operation, ...request.body }, contentType: 'application/json' };
		}
		return encodeMultipart({
			fields: { operation: this.operation, ...request.form.fields },
			files: request.form.files,
		});
	}

	/** One attempt with the slot already taken; gives the slot back when the server is done with the call. */
	private async sendOnce(
		request: WolkvoxRequest,
		payload: Payload,
		budgetMs: number,
		release: () => void,
	): Promise<RawAnswer> {
		const isGet = request.method === 'GET';
		const deadline = startDeadline(budgetMs);
		const cancelled = this.ctx.getExecutionCancelSignal?.();
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.baseUrl}${API_PATH}${request.endpoint}`,
			qs: isGet ? { operation: this.operation, ...request.qs } : request.qs,
			body: payload.body,
			json: true,
			headers: { 'Content-Type': payload.contentType, Accept: 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect would carry the Wolkvox-Token header (a custom header) to another host.
			disableFollowRedirect: true,
			// The deadline below aborts the call (a trickling answer included); so does cancelling the execution.
			abortSignal: cancelled ? AbortSignal.any([deadline.signal, cancelled]) : deadline.signal,
			// The socket's idle timer, as a backstop only.
			timeout: budgetMs + 1_000,
		};
		const pending = (
			this.ctx.helpers.httpRequestWithAuthentication.call(
				keepingOwnAbortSignal(this.ctx),
				'wolkvoxApi',
				options,
				{ credentialsDecrypted: this.credentials },
			) as Promise<{ statusCode: number; body: unknown; headers?: Record<string, unknown> }>
		).then(
			(response) => ({ response }),
			(error: unknown) => ({ error }),
		);
		const first = await Promise.race([pending, deadline.reached]);
		deadline.dispose();
		// An answer cut off by the deadline is a timeout, whichever of the two settled first.
		if (first === DEADLINE_REACHED || ('error' in first && deadline.signal.aborted)) {
			// The call left and the server may still be working on it: keep its slot a while, so the next call
			// does not trip the 2-in-flight rule because of this one.
			void sleep(Math.min(this.options.timeoutMs, MAX_SLOT_HOLD_MS)).then(release);
			throw new WolkvoxApiError(describeTimeout(Math.round(budgetMs / 1000), this.baseUrl));
		}
		release();
		if ('error' in first) {
			// Keep the reason only: the original error carries the request, headers included.
			throw new WolkvoxApiError(describeNetworkFailure(networkCode(first.error), this.baseUrl));
		}
		const { response } = first;
		const location = response.headers?.location;
		return {
			statusCode: response.statusCode,
			body: this.scrubber.value(parseMaybeJson(response.body)),
			location: typeof location === 'string' ? this.scrubber.text(location, 2_000) : undefined,
		};
	}
}

/**
 * n8n replaces a request's abort signal with the execution's cancel signal when the calling context offers
 * one. The signal this transport passes already includes that one, and its own deadline besides; calling
 * through a view of the context that does not offer it keeps both.
 */
function keepingOwnAbortSignal(ctx: IExecuteFunctions): IExecuteFunctions {
	return contextView(ctx, { hide: ['getExecutionCancelSignal'] });
}

function parseMaybeJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** The NodeApiError that n8n shows for a failed call, naming the item it belongs to. */
export function toNodeApiError(
	ctx: IExecuteFunctions,
	error: WolkvoxApiError,
	itemIndex?: number,
	context?: string,
): NodeApiError {
	const f = error.failure;
	const where = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
	const message = `${context ? `${context}: ` : ''}${f.message}${where}`;
	const failure = failureCauseOf(f);
	const nodeError = new NodeApiError(
		ctx.getNode(),
		{
			message: f.message,
			httpStatus: f.httpStatus,
			code: f.code ?? null,
			msg: f.vendorMessage ?? null,
			error: f.vendorError ?? null,
		} as JsonObject,
		{
			message,
			description: f.description,
			httpCode: f.httpStatus ? String(f.httpStatus) : undefined,
			itemIndex,
		},
	);
	// n8n-workflow 2.41 swaps a message that names a network code (ECONNRESET, …) for its own generic text,
	// which drops the item number and what the failure means for the data: keep ours.
	nodeError.message = message;
	// Set after construction: n8n-workflow before 2.41 has no such option (and ignores the key).
	if (failure) Object.assign(nodeError, { failure });
	return nodeError;
}
