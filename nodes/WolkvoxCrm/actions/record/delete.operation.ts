import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeValue, integerOrNaN } from '../../helpers/coerce';
import { recordIdFrom } from '../../helpers/recordId';
import { toText } from '../../helpers/values';
import { FieldError } from '../../helpers/validation';
import { DEFAULT_ITEM_TIMEOUT_SECONDS } from '../../transport/timeouts';
import { keyText } from '../errors';
import { timeoutOption, updateDisplayOptions } from '../properties';
import type { BatchOperation } from '../runInBatches';
import { buildRecordDeleteBody } from './buildDeleteBody';
import { moduleProperties, readModule } from './moduleProperties';
import { readRecordLocator, recordLocator } from './recordLocator';

const DEFAULT_IDS_PER_CALL = 50;
const MAX_IDS_PER_CALL = 500;

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting cannot be undone. The IDs of all input items of one module go in as few calls as IDs per Call allows.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...moduleProperties('CRM module of the records'),
	recordLocator('Record', 'The record to delete: its wolkvox_id, or its URL from the CRM'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'IDs per Call',
				name: 'idsPerCall',
				type: 'number',
				default: DEFAULT_IDS_PER_CALL,
				typeOptions: { minValue: 1, maxValue: MAX_IDS_PER_CALL },
				description: 'How many records one call deletes at most; calls go one after another',
			},
			timeoutOption('Timeout (Seconds)', DEFAULT_ITEM_TIMEOUT_SECONDS),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['delete'] } },
	properties,
);

export const deleteRecords: BatchOperation<string> = {
	subject: 'Record delete',
	prepareItem(this: IExecuteFunctions, i: number) {
		const module = toText(readModule(this, i), 'module').trim();
		if (!module) throw new FieldError('module', 'must not be empty');
		const id = recordIdFrom(readRecordLocator(this, i), 'recordId');
		if (!id) throw new FieldError('recordId', 'must be a record ID or its URL, got nothing');
		return { group: module, part: id, key: `Record ${keyText(id)} in ${keyText(module)}` };
	},
	batchSize(this: IExecuteFunctions): number {
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const raw = options.idsPerCall ?? DEFAULT_IDS_PER_CALL;
		const size = integerOrNaN(raw);
		if (!(size >= 1 && size <= MAX_IDS_PER_CALL))
			throw new FieldError(
				'IDs per Call',
				`must be a whole number from 1 to ${MAX_IDS_PER_CALL}, got ${describeValue(raw)}`,
			);
		return size;
	},
	request(module: string, ids: string[]) {
		return {
			method: 'POST',
			endpoint: 'custom/delete.php',
			body: buildRecordDeleteBody(module, ids) as unknown as IDataObject,
		};
	},
	toOutputs(_body, ids: string[]): IDataObject[] {
		return ids.map((id) => ({ wolkvox_id: id, deleted: true }));
	},
};
