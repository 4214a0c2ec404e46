import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { tryCall } from '../helpers/attempt';
import { contextView } from '../helpers/contextView';
import { FieldError } from '../helpers/validation';
import { WolkvoxApiError, type RefusalTally, type WolkvoxClient } from '../transport';
import { DEFAULT_ITEM_TIMEOUT_SECONDS } from '../transport/timeouts';
import {
	callError,
	describeDone,
	errorItem,
	notSentError,
	toInputError,
	type KeyedItem,
} from './errors';
import type { ItemOperation, RunContext, WolkvoxOperation } from './operation';

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
export function readingParametersBy(
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
	return contextView(ctx, { replace: { getNodeParameter } });
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
	context: RunContext = { parameterLabels: {} },
): Promise<INodeExecutionData[]> {
	const { memory } = context;
	const reader = readingParametersBy(this, context.parameterLabels);
	const items = this.getInputData();
	// One entry per input item: a write gives one output item, a read one per record found (maybe none).
	const results: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = this.continueOnFail();
	const done: KeyedItem[] = [];
	// Items whose call may have been applied, besides the failure that stops the node
	const unknown: KeyedItem[] = [];
	let stop: WolkvoxApiError | undefined;
	let firstFailure: NodeApiError | NodeOperationError | undefined;

	const fail = (i: number, nodeError: NodeApiError | NodeOperationError) => {
		if (!continueOnFail) firstFailure ??= nodeError;
		else results[i] = [errorItem(nodeError, { item: i })];
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
			results[i] = outputItems(earlier.value as IDataObject | IDataObject[], i);
			done.push({ index: i, key });
			return;
		}
		const tally: RefusalTally = { refusalsWaitedOut: 0 };
		const outcome = earlier
			? { error: new WolkvoxApiError(earlier.failure) }
			: await (
					operation.perform
						? operation.perform.call(reader, client.tallying(tally), request, i)
						: client
								.send(request, tally)
								.then((answer) => operation.toOutput.call(reader, answer.body, i))
				).then(
					(json) => ({ json: withRefusals(json, tally) }),
					(error: unknown) => ({ error }),
				);
		if ('json' in outcome) {
			const { json } = outcome;
			if (memoryKey) memory?.remember(memoryKey, { kind: 'done', value: json });
			results[i] = outputItems(json, i);
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
		const nodeError = callError(this, outcome.error, i, key, operation.readOnly);
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
		// A read changed nothing: there is nothing stored to list.
		if (!operation.readOnly) {
			firstFailure.description =
				`${firstFailure.description ?? ''}\n${describeDone(done, unknown)}`.trim();
		}
		throw firstFailure;
	}
	return results.flat();
}

/**
 * A write's output says how many "too many simultaneous requests" refusals its calls waited out (another workflow
 * or worker was using the token), when there were any. A read's records are left as the CRM sent them.
 */
function withRefusals(json: IDataObject | IDataObject[], tally: RefusalTally): IDataObject | IDataObject[] {
	if (Array.isArray(json) || tally.refusalsWaitedOut === 0) return json;
	return { ...json, refusalsWaitedOut: tally.refusalsWaitedOut };
}

function outputItems(json: IDataObject | IDataObject[], item: number): INodeExecutionData[] {
	return (Array.isArray(json) ? json : [json]).map((one) => ({
		json: one,
		pairedItem: { item },
	}));
}

/** A per-item operation as the router runs it. */
export function perItem(operation: ItemOperation): WolkvoxOperation {
	return {
		defaultTimeoutSeconds: DEFAULT_ITEM_TIMEOUT_SECONDS,
		allowsParallelRequests: true,
		async execute(this: IExecuteFunctions, client: WolkvoxClient, context: RunContext) {
			return [await runPerItem.call(this, operation, client, context)];
		},
	};
}
