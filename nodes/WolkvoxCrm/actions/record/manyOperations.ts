/**
 * Record → Create Many and Update Many: the same field editor as Create and Update, with the input items of one
 * module sent together (custom/insertMany.php, custom/updateMany.php), each result paired to its input item.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeValue, integerOrNaN } from '../../helpers/coerce';
import { FieldError } from '../../helpers/validation';
import { DEFAULT_ITEM_TIMEOUT_SECONDS } from '../../transport/timeouts';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import { timeoutOption, updateDisplayOptions } from '../properties';
import type { BatchOperation } from '../runInBatches';
import { buildRecordBody, buildRecordUpdateBody } from './buildRecordBody';
import { readRecordFieldParams, recordFieldProperties } from './fieldProperties';
import { moduleProperties, readModule } from './moduleProperties';
import { readRecordLocator, recordLocator } from './recordLocator';

const DEFAULT_RECORDS_PER_CALL = 50;
const MAX_RECORDS_PER_CALL = 500;

function manyOptions(): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Records per Call',
				name: 'recordsPerCall',
				type: 'number',
				default: DEFAULT_RECORDS_PER_CALL,
				typeOptions: { minValue: 1, maxValue: MAX_RECORDS_PER_CALL },
				description:
					'How many input items one call carries at most; calls go one after another. wolkvox refuses a whole call when one record in it is invalid.',
			},
			timeoutOption('Timeout (Seconds)', DEFAULT_ITEM_TIMEOUT_SECONDS),
		],
	};
}

function recordsPerCall(this: IExecuteFunctions): number {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const raw = options.recordsPerCall ?? DEFAULT_RECORDS_PER_CALL;
	const size = integerOrNaN(raw);
	if (!(size >= 1 && size <= MAX_RECORDS_PER_CALL))
		throw new FieldError(
			'Records per Call',
			`must be a whole number from 1 to ${MAX_RECORDS_PER_CALL}, got ${describeValue(raw)}`,
		);
	return size;
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
		manyOptions(),
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
		manyOptions(),
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
