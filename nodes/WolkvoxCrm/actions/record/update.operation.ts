import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordIdFrom } from '../../helpers/recordId';
import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { buildRecordUpdateBody } from './buildRecordBody';
import { readRecordFieldParams, recordFieldProperties } from './fieldProperties';
import { moduleProperties, readModule } from './moduleProperties';
import { readRecordLocator, recordLocator } from './recordLocator';

const properties: INodeProperties[] = [
	...moduleProperties('CRM module of the record'),
	recordLocator('Record', 'The record to change: its wolkvox_id, or its URL from the CRM'),
	...recordFieldProperties(
		'Fields to change, by the name shown in the CRM form; fields left out keep their value',
	),
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['update'] } },
	properties,
);

export const update: ItemOperation = {
	subject: 'Record update',
	labels: { module: 'Module', 'wolkvox-id': 'Record', fields: 'Fields' },
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const body = buildRecordUpdateBody({
			module: readModule(this, i) as string,
			recordId: readRecordLocator(this, i),
			...readRecordFieldParams(this, i),
		});
		return { method: 'POST', endpoint: 'custom/update.php', body: body as unknown as IDataObject };
	},
	toOutput(this: IExecuteFunctions, body: WolkvoxEnvelope, i: number): IDataObject {
		return {
			wolkvox_id: recordIdFrom(readRecordLocator(this, i), 'wolkvox-id'),
			updated: true,
			msg: typeof body.msg === 'string' ? body.msg : null,
		};
	},
	itemKey(request: WolkvoxRequest): string {
		const body = request.body ?? {};
		return `Record ${keyText(body['wolkvox-id'])} in ${keyText(body.module)}`;
	},
};
