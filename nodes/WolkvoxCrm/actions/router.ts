import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tryCall } from '../helpers/attempt';
import { WolkvoxClient } from '../transport';
import { timeoutMsFrom } from '../transport/timeouts';
import * as bulkCollections from './bulkCollections/BulkCollections.resource';
import * as caseResource from './case/Case.resource';
import { errorItem } from './errors';
import * as gestion from './gestion/Gestion.resource';
import * as obligation from './obligation/Obligation.resource';
import type { WolkvoxOperation } from './operation';
import * as record from './record/Record.resource';
import { RerunMemory } from './rerunMemory';
import { parameterLabels } from './runPerItem';
import * as task from './task/Task.resource';
import * as token from './token/Token.resource';

const resources: Record<
	string,
	{ operations: Record<string, WolkvoxOperation>; description: INodeProperties[] }
> = { record, task, obligation, gestion, bulkCollections, case: caseResource, token };

/** Opens the client for this execution, or says why it cannot (credential, Options). */
async function openClient(
	ctx: IExecuteFunctions,
	operation: WolkvoxOperation,
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
	const timeout = tryCall(() =>
		timeoutMsFrom(options.timeoutSeconds, operation.defaultTimeoutSeconds),
	);
	if ('error' in timeout) {
		return {
			error: new NodeOperationError(ctx.getNode(), (timeout.error as Error).message, {
				description: 'Correct Options → Timeout. Nothing was sent.',
			}),
		};
	}
	return await WolkvoxClient.create(ctx, {
		maxConcurrent: operation.allowsParallelRequests
			? ((options.parallelRequests as number | undefined) ?? 1)
			: 1,
		timeoutMs: timeout.value,
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

/**
 * Says above the output when wolkvox refused calls because the token had too many in flight: another workflow,
 * or another n8n process (a queue-mode worker), was using it. They were waited out and sent again.
 */
function reportRefusals(ctx: IExecuteFunctions, refusals: number): void {
	if (refusals === 0 || typeof ctx.addExecutionHints !== 'function') return;
	ctx.addExecutionHints({
		message: `wolkvox refused ${refusals} call(s) for too many simultaneous requests with this token, and they were sent again after a pause: another workflow or n8n worker was using the same token. One token per parallel workflow avoids the wait.`,
		type: 'info',
		location: 'outputPane',
	});
}

/** Reads the resource and operation once, opens one client for the execution, and dispatches. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const resource = resources[resourceName];
	const operation = resource?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resourceName}" is not supported`,
		);
	}

	const opened = await openClient(this, operation);
	if ('error' in opened) {
		// Every input item is accounted for: with Continue On Fail each goes to the error output, none passes
		// through as if it had been sent.
		if (!this.continueOnFail()) throw opened.error;
		return [this.getInputData().map((_, item) => errorItem(opened.error, { item }))];
	}
	const { client } = opened;
	const outputs = await operation.execute.call(this, client, {
		memory: RerunMemory.for(this, client.tokenKeyForMemory),
		parameterLabels: parameterLabels(resource.description, operationName),
	});
	reportRefusals(this, client.refusalsWaitedOut);
	return outputs;
}
