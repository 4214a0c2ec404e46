import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tryCall } from '../helpers/attempt';
import { WolkvoxClient } from '../transport';
import {
	DEFAULT_BULK_TIMEOUT_SECONDS,
	DEFAULT_ITEM_TIMEOUT_SECONDS,
	timeoutMsFrom,
} from '../transport/timeouts';
import * as bulkCollections from './bulkCollections/BulkCollections.resource';
import { errorItem, parameterLabels, runPerItem, type ItemOperation } from './common';
import * as gestion from './gestion/Gestion.resource';
import * as obligation from './obligation/Obligation.resource';
import * as record from './record/Record.resource';
import { RerunMemory } from './rerunMemory';
import * as task from './task/Task.resource';

const itemResources: Record<
	string,
	{ operations: Record<string, ItemOperation>; description: INodeProperties[] }
> = { record, task, obligation, gestion };

/** Opens the client for this execution, or says why it cannot (credential, Timeout option). */
async function openClient(
	ctx: IExecuteFunctions,
	isBulk: boolean,
): Promise<{ client: WolkvoxClient } | { error: NodeOperationError }> {
	const read = tryCall(() => ctx.getNodeParameter('options', 0, {}) as IDataObject);
	if ('error' in read) {
		return {
			error: new NodeOperationError(
				ctx.getNode(),
				`"Options" could not be evaluated: ${(read.error as Error).message ?? String(read.error)}`,
				{ description: 'Correct the expression in Options. Nothing was sent.' },
			),
		};
	}
	const options = read.value;
	let timeoutMs: number;
	try {
		timeoutMs = timeoutMsFrom(
			options.timeoutSeconds,
			isBulk ? DEFAULT_BULK_TIMEOUT_SECONDS : DEFAULT_ITEM_TIMEOUT_SECONDS,
		);
	} catch (error) {
		return {
			error: new NodeOperationError(ctx.getNode(), (error as Error).message, {
				description: 'Correct Options → Timeout. Nothing was sent.',
			}),
		};
	}
	return await WolkvoxClient.create(ctx, {
		// Bulk calls always go one after another: a batch is large, and the vendor asks for one call at a time.
		maxConcurrent: isBulk ? 1 : ((options.parallelRequests as number | undefined) ?? 1),
		timeoutMs,
	}).then(
		(client) => ({ client }),
		(error: unknown) => ({
			error:
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.getNode(), (error as Error).message ?? String(error), {
							description: 'Check the Wolkvox API credential of this node. Nothing was sent.',
						}),
		}),
	);
}

/** Reads the resource and operation once, opens one client for the execution, and dispatches. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const isBulk = resource === 'bulkCollections' && operation === 'upload';
	const itemResource = itemResources[resource];
	const itemOperation = itemResource?.operations[operation];
	if (!isBulk && !itemOperation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}

	const opened = await openClient(this, isBulk);
	if ('error' in opened) {
		// Every input item is accounted for: with Continue On Fail each goes to the error output, none passes
		// through as if it had been sent.
		if (!this.continueOnFail()) throw opened.error;
		return [this.getInputData().map((_, item) => errorItem(opened.error, { item }))];
	}
	const { client } = opened;
	const memory = RerunMemory.for(this, client.tokenKeyForMemory);
	if (isBulk) {
		return [await bulkCollections.operations.upload.execute.call(this, client, memory)];
	}
	return [
		await runPerItem.call(this, itemOperation, client, {
			memory,
			parameterLabels: parameterLabels(itemResource.description, operation),
		}),
	];
}
