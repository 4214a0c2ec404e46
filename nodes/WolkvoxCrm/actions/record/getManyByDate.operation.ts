import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeValue, integerOrNaN } from '../../helpers/coerce';
import { FieldError } from '../../helpers/validation';
import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { queryRecords } from '../queryResults';
import { buildRecordDateQueryBody } from './buildDateQueryBody';
import { moduleProperties, readModule } from './moduleProperties';
import { simplifyRecord } from './simplifyRecord';

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
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return typed values (telephone, currency, lookup, owner) as plain values instead of objects. The wolkvox_id of each record is always kept.',
	},
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['getManyByDate'] } },
	properties,
);

/** Limit, or undefined with Return All. */
function readLimit(ctx: IExecuteFunctions, i: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) as boolean) return undefined;
	const raw = ctx.getNodeParameter('limit', i, 50);
	const limit = integerOrNaN(raw);
	if (!(limit >= 1))
		throw new FieldError('limit', `must be a whole number of 1 or more, got ${describeValue(raw)}`);
	return limit;
}

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
		const limit = readLimit(this, i);
		const records = queryRecords(body);
		// The limit is also sent; the answer is cut here too, in case the server gives more.
		const kept = limit === undefined ? records : records.slice(0, limit);
		return (this.getNodeParameter('simplify', i, true) as boolean)
			? kept.map(simplifyRecord)
			: kept;
	},
	itemKey(request: WolkvoxRequest): string {
		const body = request.body ?? {};
		return `Query of ${keyText(body.module)} created from ${String(body.from)} to ${String(body.to)}`;
	},
};
