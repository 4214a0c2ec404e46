/**
 * Record → Create Many and Update Many: the same field editor as Create and Update, with the input items of one
 * module sent together (custom/insertMany.php, custom/updateMany.php), each result paired to its input item.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import { batchOptions, readBatchSize, type BatchSizeSetting } from '../batchSize';
import { updateDisplayOptions } from '../properties';
import type { BatchOperation } from '../runInBatches';
import { buildRecordBody, buildRecordUpdateBody } from './buildRecordBody';
import { readRecordFieldParams, recordFieldProperties } from './fieldProperties';
import { moduleProperties, readModule } from './moduleProperties';
import { readRecordLocator, recordLocator } from './recordLocator';

const RECORDS_PER_CALL: BatchSizeSetting = {
	name: 'recordsPerCall',
	displayName: 'Records per Call',
	description:
		'How many input items one call carries at most; calls go one after another. wolkvox refuses a whole call when one record in it is invalid.',
};

function recordsPerCall(this: IExecuteFunctions): number {
	return readBatchSize(this, RECORDS_PER_CALL);
}

/** The ids an insertMany/updateMany answer lists, in order; null where it names none. */
function idsOf(body: WolkvoxEnvelope, count: number): Array<string | null> {
	const list = Array.isArray(body.data) ? (body.data as unknown[]) : [];
	return Array.from({ length: count }, (_, n) => {
		const entry = list[n] as IDataObject | undefined;
		const id = entry && typeof entry === 'object' ? entry.wolkvox_id : undefined;
		return typeof id === 'string' && id.length <= 64 ? id : null;
	});
}

export const createManyDescription = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['createMany'] } },
	[
		...moduleProperties('CRM module that receives the new records'),
		...recordFieldProperties('Fields of each new record, by the name shown in the CRM form'),
		batchOptions(RECORDS_PER_CALL),
	],
);

export const createMany: BatchOperation<IDataObject> = {
	subject: 'Record create (many)',
	prepareItem(this: IExecuteFunctions, i: number) {
		const body = buildRecordBody({
			module: readModule(this, i) as string,
			...readRecordFieldParams(this, i),
		});
		const first = Object.keys(body.fields)[0];
		return {
			group: body.module,
			part: body.fields as IDataObject,
			key: `Record ${first} ${keyText(body.fields[first])} in ${keyText(body.module)}`,
		};
	},
	batchSize: recordsPerCall,
	request(module: string, fields: IDataObject[]) {
		return { method: 'POST', endpoint: 'custom/insertMany.php', body: { module, fields } };
	},
	toOutputs(body: WolkvoxEnvelope, fields: IDataObject[]): IDataObject[] {
		return idsOf(body, fields.length).map((wolkvox_id) => ({ wolkvox_id, created: true }));
	},
};

export const updateManyDescription = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['updateMany'] } },
	[
		...moduleProperties('CRM module of the records'),
		recordLocator('Record', 'The record to change: its wolkvox_id, or its URL from the CRM'),
		...recordFieldProperties(
			'Fields to change, by the name shown in the CRM form; fields left out keep their value',
		),
		batchOptions(RECORDS_PER_CALL),
	],
);

export const updateMany: BatchOperation<IDataObject> = {
	subject: 'Record update (many)',
	prepareItem(this: IExecuteFunctions, i: number) {
		const body = buildRecordUpdateBody({
			module: readModule(this, i) as string,
			recordId: readRecordLocator(this, i),
			...readRecordFieldParams(this, i),
		});
		return {
			group: body.module,
			// Each element names its record beside its fields.
			part: { 'wolkvox-id': body['wolkvox-id'], ...body.fields } as IDataObject,
			key: `Record ${keyText(body['wolkvox-id'])} in ${keyText(body.module)}`,
		};
	},
	batchSize: recordsPerCall,
	request(module: string, fields: IDataObject[]) {
		return { method: 'PUT', endpoint: 'custom/updateMany.php', body: { module, fields } };
	},
	toOutputs(_body: WolkvoxEnvelope, fields: IDataObject[]): IDataObject[] {
		return fields.map((f) => ({ wolkvox_id: f['wolkvox-id'], updated: true }));
	},
};
