import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { buildRecordQueryBody } from './buildQueryBody';
import { moduleProperties, readModule } from './moduleProperties';
import { queryResultProperties, readLimit, recordsOutput } from './readResults';

const properties: INodeProperties[] = [
	...moduleProperties('CRM module to search'),
	{
		displayName: 'Field to Match',
		name: 'field',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. idcontact',
		description:
			"Field whose value must equal Value, by the name shown in the CRM form. Built-in contact fields: idcontact (the customer's identification number), emailcontact, telephonecontact, namecontact.",
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0012345678',
		description:
			'Records whose field equals this value are returned. Sent as text, so an ID keeps its leading zeros.',
	},
	...queryResultProperties,
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['getMany'] } },
	properties,
);

/** The custom/query.php call for records of a module whose field equals a value. */
export function buildQueryRequest(module: unknown, field: unknown, value: unknown): WolkvoxRequest {
	const body = buildRecordQueryBody({ module, field, value });
	return { method: 'POST', endpoint: 'custom/query.php', body, readOnly: true };
}

export const getMany: ItemOperation = {
	subject: 'Record query',
	readOnly: true,
	labels: { module: 'Module', field: 'Field to Match', value: 'Value', limit: 'Limit' },
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const request = buildQueryRequest(
			readModule(this, i),
			this.getNodeParameter('field', i),
			this.getNodeParameter('value', i),
		);
		// Read here, so a bad Limit is an input error before anything is sent.
		readLimit(this, i);
		return request;
	},
	toOutput(this: IExecuteFunctions, body: WolkvoxEnvelope, i: number): IDataObject[] {
		return recordsOutput(this, body, i);
	},
	itemKey(request: WolkvoxRequest): string {
		const body = request.body ?? {};
		return `Query of ${keyText(body.module)} where ${String(body.field)} = ${keyText(body.value)}`;
	},
};
