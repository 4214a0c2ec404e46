import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tryCall } from '../helpers/attempt';
import { CoercionError } from '../helpers/coerce';
import { FieldError } from '../helpers/validation';
import {
	toNodeApiError,
	WolkvoxApiError,
	type WolkvoxClient,
	type WolkvoxRequest,
} from '../transport';
import type { WolkvoxEnvelope } from '../transport/response';
import {
	DEFAULT_ITEM_TIMEOUT_SECONDS,
	MAX_TIMEOUT_SECONDS,
	MIN_TIMEOUT_SECONDS,
} from '../transport/timeouts';
import type { RerunMemory } from './rerunMemory';

/** An id as wolkvox writes them (24 hex characters); anything else a server sends is not passed on as one. */
function wolkvoxIdOf(value: unknown): string | number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.length > 0 && value.length <= 64) return value;
	return null;
}

/** The useful part of an insert's answer: the new record's id and the vendor's message. */
export function createdOutput(body: WolkvoxEnvelope): IDataObject {
	const data = body.data && typeof body.data === 'object' ? (body.data as IDataObject) : {};
	return {
		wolkvox_id: wolkvoxIdOf(data.wolkvox_id),
		msg: typeof body.msg === 'string' || typeof body.msg === 'number' ? body.msg : null,
	};
}

/** A value from a request body as a short quoted name for messages. */
export function keyText(value: unknown): string {
	const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
	return `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
}

/** Shows every property of an operation only for its resource and operation (nodes-base's helper). */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			show: { ...displayOptions.show, ...property.displayOptions?.show },
			hide: { ...displayOptions.hide, ...property.displayOptions?.hide },
		},
	}));
}

/** An operation that sends one call per input item. Building the request is separate from sending it. */
export interface ItemOperation {
	/** e.g. "Task": used in error messages */
	subject: string;
	/** Request-body paths → the parameter names the user sees, so errors point at the form field */
	labels?: Record<string, string>;
	prepare(this: IExecuteFunctions, itemIndex: number): WolkvoxRequest;
	toOutput(body: WolkvoxEnvelope): IDataObject;
	/** How a user recognises the item in the CRM, e.g. `Task "Call Ana"`: named when its outcome is unknown */
	itemKey(request: WolkvoxRequest): string;
}

export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'options',
	default: 1,
	description:
		'How many calls may be in flight at once with this token. wolkvox refuses a third and asks for one at a time.',
	options: [
		{ name: 'One at a Time (Recommended)', value: 1 },
		{ name: 'Two at a Time (Vendor Maximum)', value: 2 },
	],
};

/** The Timeout option of every operation; the per-item and bulk defaults differ. */
export function timeoutOption(displayName: string, defaultSeconds: number): INodeProperties {
	return {
		displayName,
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: MIN_TIMEOUT_SECONDS, maxValue: MAX_TIMEOUT_SECONDS },
		default: defaultSeconds,
		description: `The longest one call may take, in seconds (${MIN_TIMEOUT_SECONDS}–${MAX_TIMEOUT_SECONDS}), waiting out "too many simultaneous requests" refusals included. A call that times out may still have been applied: its item says so.`,
	};
}

/** The "Options" collection of a per-item operation: its own options, then pacing and timeout. */
export function perItemOptions(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...own,
			parallelRequestsOption,
			timeoutOption('Timeout (Seconds)', DEFAULT_ITEM_TIMEOUT_SECONDS),
		],
	};
}

/** The user's input could not be turned into a request: say which item and field, and how to fix it. */
export function toInputError(
	ctx: IExecuteFunctions,
	error: Error,
	itemIndex: number,
	subject: string,
	labels: Record<string, string> = {},
): NodeOperationError {
	if (error instanceof FieldError || error instanceof CoercionError) {
		const field = error instanceof FieldError ? error.field : undefined;
		const label = field && labels[field];
		const named = field ? (label ? ` "${label}" (${field})` : ` "${field}"`) : '';
		return new NodeOperationError(
			ctx.getNode(),
			`${subject}${named} ${error instanceof FieldError ? error.expected : error.message} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Nothing was sent for this item. Correct the value in the node or in the input data.',
			},
		);
	}
	return new NodeOperationError(ctx.getNode(), `${error.message} [item ${itemIndex}]`, {
		itemIndex,
	});
}

/** The item n8n routes to the error output: `json` must hold `error` (and `message`) and nothing else. */
export function errorItem(
	error: { message: string; description?: string | null },
	pairedItem: INodeExecutionData['pairedItem'],
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.message = error.description;
	return { json, pairedItem };
}

/** At most this many already-done items are named in a stop's description. */
const MAX_NAMED_ITEMS = 10;

type KeyedItem = { index: number; key: string };

function listed(entries: KeyedItem[], noun: string): string {
	const named = [...entries]
		.sort((a, b) => a.index - b.index)
		.slice(0, MAX_NAMED_ITEMS)
		.map((d) => `${noun} ${d.index} (${d.key})`);
	const more =
		entries.length > MAX_NAMED_ITEMS ? ` and ${entries.length - MAX_NAMED_ITEMS} more` : '';
	return `${named.join(', ')}${more}`;
}

/**
 * What was already done (and what may have been) when the node stops, so a user who runs it again knows what
 * would be sent twice.
 */
export function describeDone(done: KeyedItem[], unknown: KeyedItem[] = [], noun = 'item'): string {
	const parts: string[] = [];
	if (done.length === 0 && unknown.length === 0) {
		return `No earlier ${noun} was stored before this failure.`;
	}
	if (done.length) {
		parts.push(
			`${done.length} earlier ${noun}(s) were already stored in wolkvox: ${listed(done, noun)}.`,
		);
	}
	if (unknown.length) {
		parts.push(
			`${unknown.length} other ${noun}(s) may have been stored (outcome unknown; check the CRM): ${listed(unknown, noun)}.`,
		);
	}
	parts.push(
		'Running the workflow again sends them again; remove them from the input first (Retry On Fail does not send them twice).',
	);
	return parts.join(' ');
}

/** The error for an item whose call failed, worded by what the failure means for its data. */
function callError(
	ctx: IExecuteFunctions,
	error: WolkvoxApiError,
	itemIndex: number,
	key: string,
): NodeApiError {
	const nodeError = toNodeApiError(ctx, error, itemIndex, key);
	if (error.failure.outcome === 'unknown') {
		nodeError.description = `Outcome unknown: ${key} may have been stored. Check the CRM for it before sending it again. ${error.failure.description}`;
	} else {
		nodeError.description = `${error.failure.description} Nothing was stored for ${key}.`;
	}
	return nodeError;
}

/** The error for an item not sent because an earlier call showed that every call would fail the same way. */
function notSentError(
	ctx: IExecuteFunctions,
	stop: WolkvoxApiError,
	itemIndex: number,
	key: string,
): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`${key}: not sent, because an earlier call failed: ${stop.failure.message} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `${stop.failure.description} Nothing was sent for this item.`,
		},
	);
}

/** Display names of the parameters an operation shows, by parameter name, for errors. */
export function parameterLabels(
	properties: INodeProperties[],
	operation: string,
): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const property of properties) {
		const operations = property.displayOptions?.show?.operation;
		if (Array.isArray(operations) && !operations.includes(operation)) continue;
		labels[property.name] ??= property.displayName;
	}
	return labels;
}

/** The context with a getNodeParameter that names the parameter whose expression failed to evaluate. */
function readingParametersBy(
	ctx: IExecuteFunctions,
	labels: Record<string, string>,
): IExecuteFunctions {
	const read = ctx.getNodeParameter.bind(ctx) as (...args: unknown[]) => unknown;
	const getNodeParameter = ((name: string, ...rest: unknown[]) => {
		const result = tryCall(() => read(name, ...rest));
		if ('value' in result) return result.value;
		const root = name.split('.')[0];
		const reason = result.error instanceof Error ? result.error.message : String(result.error);
		throw new FieldError(labels[root] ?? root, `could not be evaluated: ${reason}`);
	}) as IExecuteFunctions['getNodeParameter'];
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}

/**
 * Runs an item operation over every input item: one output item per input item, in input order, each paired
 * to its input. Calls go through the client's per-token pacing. With Continue On Fail a failed item becomes an
 * error item and the rest still run, except after a failure that every later call would repeat (token, quota,
 * host): those items are reported as not sent. A re-run by Retry On Fail returns what was already done.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	operation: ItemOperation,
	client: WolkvoxClient,
	context: { memory?: RerunMemory; parameterLabels?: Record<string, string> } = {},
): Promise<INodeExecutionData[]> {
	const { memory } = context;
	const reader = readingParametersBy(this, context.parameterLabels ?? {});
	const items = this.getInputData();
	const results: INodeExecutionData[] = new Array(items.length);
	const continueOnFail = this.continueOnFail();
	const done: KeyedItem[] = [];
	// Items whose call may have been applied, besides the failure that stops the node
	const unknown: KeyedItem[] = [];
	let stop: WolkvoxApiError | undefined;
	let firstFailure: NodeApiError | NodeOperationError | undefined;

	const fail = (i: number, nodeError: NodeApiError | NodeOperationError) => {
		if (!continueOnFail) firstFailure ??= nodeError;
		else results[i] = errorItem(nodeError, { item: i });
	};

	const handle = async (i: number): Promise<void> => {
		if (firstFailure) return;
		const prepared = tryCall(() => operation.prepare.call(reader, i));
		if ('error' in prepared) {
			fail(i, toInputError(this, prepared.error as Error, i, operation.subject, operation.labels));
			return;
		}
		const request = prepared.value;
		const key = operation.itemKey(request);
		if (stop) {
			fail(i, notSentError(this, stop, i, key));
			return;
		}
		const memoryKey = memory?.key(i, request);
		const earlier = memoryKey ? memory?.get(memoryKey) : undefined;
		if (earlier?.kind === 'done') {
			results[i] = { json: earlier.value as IDataObject, pairedItem: { item: i } };
			done.push({ index: i, key });
			return;
		}
		const outcome = earlier
			? { error: new WolkvoxApiError(earlier.failure) }
			: await client.send(request).then(
					(answer) => ({ answer }),
					(error: unknown) => ({ error }),
				);
		if ('answer' in outcome) {
			const json = operation.toOutput(outcome.answer.body);
			if (memoryKey) memory?.remember(memoryKey, { kind: 'done', value: json });
			results[i] = { json, pairedItem: { item: i } };
			done.push({ index: i, key });
			return;
		}
		if (!(outcome.error instanceof WolkvoxApiError)) {
			fail(i, toInputError(this, outcome.error as Error, i, operation.subject, operation.labels));
			return;
		}
		const { failure } = outcome.error;
		if (failure.outcome === 'unknown' && memoryKey) {
			memory?.remember(memoryKey, { kind: 'unknown', failure });
		}
		if (failure.stopsLaterCalls) stop ??= outcome.error;
		const nodeError = callError(this, outcome.error, i, key);
		// Only the first failure is shown when the node stops: a later unknown outcome (parallel calls) is listed.
		if (failure.outcome === 'unknown' && firstFailure) unknown.push({ index: i, key });
		fail(i, nodeError);
	};

	// The client's limiter keeps at most `maxConcurrent` calls in flight; this just feeds it.
	let next = 0;
	const worker = async () => {
		while (next < items.length && !firstFailure) await handle(next++);
	};
	await Promise.all(Array.from({ length: Math.min(client.maxConcurrent, items.length) }, worker));
	if (firstFailure) {
		firstFailure.description =
			`${firstFailure.description ?? ''}\n${describeDone(done, unknown)}`.trim();
		throw firstFailure;
	}
	return results;
}
