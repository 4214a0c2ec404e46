import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { resolveBaseUrl } from '../helpers/server';
import { runLimited } from './limiter';
import {
	describeFailure,
	isSuccessfulResponse,
	type FailureDescription,
	type SuccessRule,
	type WolkvoxEnvelope,
} from './response';

export const API_PATH = '/server/API/v2/';

/** A call as the operations describe it; the transport adds the URL, the operation name and the token. */
export interface WolkvoxRequest {
	method: IHttpRequestMethods;
	/** Relative to /server/API/v2/, e.g. `custom/insert.php` */
	endpoint: string;
	/** JSON body without `operation`: the client adds it from the credential */
	body?: IDataObject;
	qs?: IDataObject;
	successRule?: SuccessRule;
}

export interface TransportOptions {
	/** Requests in flight per token: 1 (the vendor's advice) or 2 (its hard limit) */
	maxConcurrent?: number;
	/** Extra attempts after "too many simultaneous requests", which the vendor refused without processing */
	retriesOnSimultaneousLimit?: number;
	timeoutMs?: number;
}

export interface WolkvoxSuccess {
	body: WolkvoxEnvelope;
	httpStatus: number;
}

/** A failed call with everything a user needs, and never the token. */
export class WolkvoxApiError extends Error {
	constructor(readonly failure: FailureDescription) {
		super(failure.message);
		this.name = 'WolkvoxApiError';
	}
}

export class WolkvoxClient {
	/** Calls sent to wolkvox by this client, retries included: each spends one use of the token's daily quota */
	calls = 0;

	private constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly baseUrl: string,
		private readonly operation: string,
		private readonly tokenKey: string,
		private readonly options: Required<TransportOptions>,
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
			throw new NodeOperationError(ctx.getNode(), 'The Wolkvox API credential has no Operation', {
				description: 'Fill in the name of your CRM operation (tenant) in the credential.',
			});
		}
		// Keyed by the token alone (the vendor's limit is per token, whichever proxy a call goes through), as a
		// fingerprint: the token itself is kept out of structures we own.
		const tokenKey = createHash('sha256')
			.update(String(credentials.token ?? ''))
			.digest('hex');
		return new WolkvoxClient(ctx, baseUrl, operation, tokenKey, {
			maxConcurrent: options.maxConcurrent ?? 1,
			retriesOnSimultaneousLimit: options.retriesOnSimultaneousLimit ?? 3,
			timeoutMs: options.timeoutMs ?? 120_000,
		});
	}

	get operationName(): string {
		return this.operation;
	}

	get maxConcurrent(): number {
		return this.options.maxConcurrent;
	}

	/** Sends one call, paced per token; throws WolkvoxApiError when the vendor does not confirm it. */
	async send(request: WolkvoxRequest): Promise<WolkvoxSuccess> {
		const rule = request.successRule ?? 'envelope';
		for (let attempt = 0; ; attempt++) {
			const { statusCode, body } = await runLimited(
				this.tokenKey,
				this.options.maxConcurrent,
				async () => await this.sendOnce(request),
			);
			if (isSuccessfulResponse(statusCode, body, rule)) {
				return { body: body as WolkvoxEnvelope, httpStatus: statusCode };
			}
			const failure = describeFailure(statusCode, body);
			if (failure.retryable && attempt < this.options.retriesOnSimultaneousLimit) {
				await sleep(500 * 2 ** attempt);
				continue;
			}
			throw new WolkvoxApiError(failure);
		}
	}

	private async sendOnce(request: WolkvoxRequest): Promise<{ statusCode: number; body: unknown }> {
		const isGet = request.method === 'GET';
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.baseUrl}${API_PATH}${request.endpoint}`,
			qs: isGet ? { operation: this.operation, ...request.qs } : request.qs,
			body: isGet ? undefined : { operation: this.operation, ...request.body },
			json: true,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.options.timeoutMs,
		};
		this.calls++;
		let networkFailure: { code?: string } | undefined;
		try {
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				'wolkvoxApi',
				options,
			)) as { statusCode: number; body: unknown };
			return { statusCode: response.statusCode, body: parseMaybeJson(response.body) };
		} catch (error) {
			// Keep the reason only: the original error may carry the request and its headers.
			const reason = (error as { cause?: { code?: string }; code?: string }) ?? {};
			networkFailure = { code: reason.cause?.code ?? reason.code };
		}
		const code = networkFailure?.code;
		throw new WolkvoxApiError({
			kind: 'unexpected',
			retryable: false,
			httpStatus: 0,
			message: `Could not reach wolkvox at ${this.baseUrl}${code ? ` (${code})` : ''}`,
			description:
				'Check the Server (or Custom Base URL) of the Wolkvox API credential and that this machine can reach it. If the connection broke or timed out after the request left, the call may or may not have been applied: check the CRM before sending it again.',
		});
	}
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
	return new NodeApiError(
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
}
