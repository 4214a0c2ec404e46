import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WolkvoxClient } from '../transport';
import * as bulkCollections from './bulkCollections/BulkCollections.resource';
import { runPerItem, type ItemOperation } from './common';
import * as gestion from './gestion/Gestion.resource';
import * as obligation from './obligation/Obligation.resource';
import * as record from './record/Record.resource';
import * as task from './task/Task.resource';

const itemOperations: Record<string, Record<string, ItemOperation>> = {
	record: record.operations,
	task: task.operations,
	obligation: obligation.operations,
	gestion: gestion.operations,
};

/** Reads the resource and operation once, opens one client for the execution, and dispatches. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;

	if (resource === 'bulkCollections' && operation === 'upload') {
		// Bulk calls always go one after another: a batch is large, and the vendor asks for one call at a time.
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const timeoutSeconds = Number(options.timeoutSeconds ?? 120);
		const client = await WolkvoxClient.create(this, {
			maxConcurrent: 1,
			timeoutMs: Math.max(1, Number.isFinite(timeoutSeconds) ? timeoutSeconds : 120) * 1000,
		});
		return [await bulkCollections.operations.upload.execute.call(this, client)];
	}

	const itemOperation = itemOperations[resource]?.[operation];
	if (!itemOperation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const client = await WolkvoxClient.create(this, {
		maxConcurrent: (options.parallelRequests as number | undefined) ?? 1,
	});
	return [await runPerItem.call(this, itemOperation, client)];
}
