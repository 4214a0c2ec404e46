import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CoercionError } from '../helpers/coerce';
import { FieldError } from '../helpers/validation';
import {
	toNodeApiError,
	WolkvoxApiError,
	type WolkvoxClient,
	type WolkvoxRequest,
} from '../transport';
import type { WolkvoxEnvelope } from '../transport/response';

/** The useful part of an insert's answer: the new record's id and the vendor's message. */
export function createdOutput(body: WolkvoxEnvelope): IDataObject {
	const data = body.data && typeof body.data === 'object' ? (body.data as IDataObject) : {};
	return { wolkvox_id: data.wolkvox_id ?? null, msg: body.msg ?? null };
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

/** The "Options" collection of a per-item operation: its own options, then the pacing choice. */
export function perItemOptions(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, parallelRequestsOption],
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

/** Converts anything thrown while handling an item into the n8n error to show or to emit. */
export function asItemError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	subject: string,
	labels?: Record<string, string>,
): NodeOperationError | ReturnType<typeof toNodeApiError> {
	if (error instanceof WolkvoxApiError) return toNodeApiError(ctx, error, itemIndex, subject);
	return toInputError(ctx, error as Error, itemIndex, subject, labels);
}

/**
 * Runs an item operation over every input item: one output item per input item, in input order, each paired
 * to its input. Calls go through the client's per-token pacing; with Continue On Fail a failed item becomes
 * an error item and the rest still run.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	operation: ItemOperation,
	client: WolkvoxClient,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results: INodeExecutionData[] = new Array(items.length);
	const continueOnFail = this.continueOnFail();
	let firstFailure: Error | undefined;

	const handle = async (i: number): Promise<void> => {
		if (firstFailure) return;
		try {
			const request = operation.prepare.call(this, i);
			const { body } = await client.send(request);
			results[i] = { json: operation.toOutput(body), pairedItem: { item: i } };
		} catch (error) {
			const nodeError = asItemError(this, error, i, operation.subject, operation.labels);
			if (!continueOnFail) {
				firstFailure ??= nodeError;
				return;
			}
			results[i] = errorItem(nodeError, { item: i });
		}
	};

	// The client's limiter keeps at most `maxConcurrent` calls in flight; this just feeds it.
	let next = 0;
	const worker = async () => {
		while (next < items.length && !firstFailure) await handle(next++);
	};
	await Promise.all(Array.from({ length: Math.min(client.maxConcurrent, items.length) }, worker));
	if (firstFailure) throw firstFailure;
	return results;
}
