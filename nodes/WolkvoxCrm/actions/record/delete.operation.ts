import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordIdFrom } from '../../helpers/recordId';
import { toText } from '../../helpers/values';
import { FieldError } from '../../helpers/validation';
import { keyText } from '../errors';
import { batchOptions, readBatchSize, type BatchSizeSetting } from '../batchSize';
import { updateDisplayOptions } from '../properties';
import type { BatchOperation } from '../runInBatches';
import { buildRecordDeleteBody } from './buildDeleteBody';
import { moduleProperties, readModule } from './moduleProperties';
import { readRecordLocator, recordLocator } from './recordLocator';

const IDS_PER_CALL: BatchSizeSetting = {
	name: 'idsPerCall',
	displayName: 'IDs per Call',
	description: 'How many records one call deletes at most; calls go one after another',
};

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
	batchOptions(IDS_PER_CALL),
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
		return readBatchSize(this, IDS_PER_CALL);
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
