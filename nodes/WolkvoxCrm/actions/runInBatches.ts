/**
 * The runner of operations that send many input items in one call (Delete, and later Create/Update Many): items
 * are prepared one by one, grouped by what a call must share (the module), cut into batches, and sent strictly
 * one batch after another. Every input item gets its own output or error item, paired to it.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tryCall } from '../helpers/attempt';
import { FieldError } from '../helpers/validation';
import { WolkvoxApiError, type WolkvoxClient, type WolkvoxRequest } from '../transport';
import { DEFAULT_ITEM_TIMEOUT_SECONDS } from '../transport/timeouts';
import type { WolkvoxEnvelope } from '../transport/response';
import {
	callError,
	describeDone,
	errorItem,
	notSentError,
	toInputError,
	type KeyedItem,
} from './errors';
import type { RunContext, WolkvoxOperation } from './operation';
import { readingParametersBy } from './runPerItem';

/** One input item's share of a call. */
export interface BatchPart<P> {
	/** Items of one group may share a call (e.g. the same module) */
	group: string;
	part: P;
	/** How a user recognises the item, e.g. `Record "64dc…" in "contacts"` */
	key: string;
}

export interface BatchOperation<P> {
	/** e.g. "Record delete": used in error messages */
	subject: string;
	prepareItem(this: IExecuteFunctions, itemIndex: number): BatchPart<P>;
	/** Most items per call, read once for the run */
	batchSize(this: IExecuteFunctions): number;
	request(group: string, parts: P[]): WolkvoxRequest;
	/** One output per part of a successful call, in the same order */
	toOutputs(body: WolkvoxEnvelope, parts: P[]): IDataObject[];
}

interface Prepared<P> extends BatchPart<P> {
	item: number;
}

/** Consecutive runs of at most `size` items of one group, groups in the order they first appear. */
export function planBatches<P>(prepared: Prepared<P>[], size: number): Prepared<P>[][] {
	const groups = new Map<string, Prepared<P>[]>();
	for (const p of prepared) {
		const list = groups.get(p.group);
		if (list) list.push(p);
		else groups.set(p.group, [p]);
	}
	const batches: Prepared<P>[][] = [];
	for (const list of groups.values())
		for (let k = 0; k < list.length; k += size) batches.push(list.slice(k, k + size));
	return batches;
}

export async function runInBatches<P>(
	this: IExecuteFunctions,
	operation: BatchOperation<P>,
	client: WolkvoxClient,
	context: RunContext,
): Promise<INodeExecutionData[]> {
	const reader = readingParametersBy(this, context.parameterLabels);
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[] = new Array(items.length);
	const prepared: Array<Prepared<P>> = [];
	for (let i = 0; i < items.length; i++) {
		const part = tryCall(() => operation.prepareItem.call(reader, i));
		if ('value' in part) {
			prepared.push({ ...part.value, item: i });
			continue;
		}
		const error = toInputError(
			this,
			part.error as Error,
			i,
			operation.subject,
			context.parameterLabels,
		);
		// Nothing is sent when an item is wrong and the node is not set to continue.
		if (!continueOnFail) throw error;
		results[i] = errorItem(error, { item: i });
	}

	const sized = tryCall(() => operation.batchSize.call(reader));
	if ('error' in sized) {
		const reason = sized.error as Error;
		const named =
			reason instanceof FieldError ? `"${reason.field}" ${reason.expected}` : reason.message;
		const error = new NodeOperationError(this.getNode(), `${operation.subject}: ${named}`, {
			description: 'Correct the Options. Nothing was sent.',
		});
		if (!continueOnFail) throw error;
		return items.map((_, item) => errorItem(error, { item }));
	}
	const size = sized.value;
	const done: KeyedItem[] = [];
	let stop: WolkvoxApiError | undefined;
	for (const [k, batch] of planBatches(prepared, size).entries()) {
		const request = operation.request(
			batch[0].group,
			batch.map((b) => b.part),
		);
		if (stop) {
			for (const b of batch)
				results[b.item] = errorItem(notSentError(this, stop, b.item, b.key), { item: b.item });
			continue;
		}
		const memoryKey = context.memory?.key(`batch ${k}`, request);
		const earlier = memoryKey ? context.memory?.get(memoryKey) : undefined;
		const outcome =
			earlier?.kind === 'done'
				? { outputs: earlier.value as IDataObject[] }
				: earlier
					? { error: new WolkvoxApiError(earlier.failure) }
					: await client.send(request).then(
							(answer) => ({
								outputs: operation.toOutputs(
									answer.body,
									batch.map((b) => b.part),
								),
							}),
							(error: unknown) => ({ error }),
						);
		if ('outputs' in outcome) {
			if (memoryKey && !earlier)
				context.memory?.remember(memoryKey, { kind: 'done', value: outcome.outputs });
			batch.forEach((b, n) => {
				results[b.item] = { json: outcome.outputs[n], pairedItem: { item: b.item } };
				done.push({ index: b.item, key: b.key });
			});
			continue;
		}
		if (!(outcome.error instanceof WolkvoxApiError)) throw outcome.error;
		const { failure } = outcome.error;
		if (failure.outcome === 'unknown' && memoryKey)
			context.memory?.remember(memoryKey, { kind: 'unknown', failure });
		if (failure.stopsLaterCalls) stop = outcome.error;
		const errors: Array<NodeApiError | NodeOperationError> = batch.map((b) =>
			callError(this, outcome.error as WolkvoxApiError, b.item, b.key),
		);
		if (!continueOnFail) {
			errors[0].description = `${errors[0].description ?? ''}\n${describeDone(done)}`.trim();
			throw errors[0];
		}
		batch.forEach((b, n) => (results[b.item] = errorItem(errors[n], { item: b.item })));
	}
	return results;
}

/** A batch operation as the router runs it. */
export function inBatches<P>(operation: BatchOperation<P>): WolkvoxOperation {
	return {
		defaultTimeoutSeconds: DEFAULT_ITEM_TIMEOUT_SECONDS,
		// Batches go one after another, like the bulk upload's.
		allowsParallelRequests: false,
		async execute(this: IExecuteFunctions, client: WolkvoxClient, context: RunContext) {
			return [await runInBatches.call(this, operation, client, context)];
		},
	};
}
