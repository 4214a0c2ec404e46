import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { buildRecordDateQueryBody } from './buildDateQueryBody';
import { moduleProperties, readModule } from './moduleProperties';
import { readLimit, recordsOutput, resultProperties } from './readResults';

const properties: INodeProperties[] = [
	...moduleProperties('CRM module to search'),
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"Records created at or after this time. Sent as a wall time in the workflow's time zone: set the workflow's time zone to your CRM's.",
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		required: true,
		description: "Records created at or before this time, in the workflow's time zone",
	},
	...resultProperties,
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['getManyByDate'] } },
	properties,
);

export const getManyByDate: ItemOperation = {
	subject: 'Record query by date',
	readOnly: true,
	labels: { module: 'Module', from: 'From', to: 'To', limit: 'Limit' },
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const body = buildRecordDateQueryBody(
			{
				module: readModule(this, i),
				from: this.getNodeParameter('from', i),
				to: this.getNodeParameter('to', i),
				limit: readLimit(this, i),
			},
			this.getTimezone(),
		);
		return { method: 'POST', endpoint: 'custom/queryDates.php', body, readOnly: true };
	},
	toOutput(this: IExecuteFunctions, body: WolkvoxEnvelope, i: number): IDataObject[] {
		// The limit is also sent; the answer is cut here too, in case the server gives more.
		return recordsOutput(this, body, i);
	},
	itemKey(request: WolkvoxRequest): string {
		const body = request.body ?? {};
		return `Query of ${keyText(body.module)} created from ${String(body.from)} to ${String(body.to)}`;
	},
};
