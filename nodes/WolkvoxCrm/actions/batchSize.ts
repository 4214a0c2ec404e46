import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeValue, integerOrNaN } from '../helpers/coerce';
import { FieldError } from '../helpers/validation';
import { DEFAULT_ITEM_TIMEOUT_SECONDS } from '../transport/timeouts';
import { timeoutOption } from './properties';

/** Items per call unless the user chooses: one call stays small enough to answer within the Timeout. */
const DEFAULT_PER_CALL = 50;
const MAX_PER_CALL = 500;

export interface BatchSizeSetting {
	/** Option name, e.g. `idsPerCall` */
	name: string;
	displayName: string;
	description: string;
}

/** The Options of an operation that sends many items per call: how many per call, and the Timeout. */
export function batchOptions(setting: BatchSizeSetting): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: setting.displayName,
				name: setting.name,
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1, maxValue: MAX_PER_CALL },
				description: setting.description,
			},
			timeoutOption('Timeout (Seconds)', DEFAULT_ITEM_TIMEOUT_SECONDS),
		],
	};
}

/** How many items per call the user chose (an expression can make it anything: checked). */
export function readBatchSize(ctx: IExecuteFunctions, setting: BatchSizeSetting): number {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const raw = options[setting.name] ?? DEFAULT_PER_CALL;
	const size = integerOrNaN(raw);
	if (!(size >= 1 && size <= MAX_PER_CALL))
		throw new FieldError(
			setting.displayName,
			`must be a whole number from 1 to ${MAX_PER_CALL}, got ${describeValue(raw)}`,
		);
	return size;
}
