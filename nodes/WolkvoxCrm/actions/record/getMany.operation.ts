import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeValue, integerOrNaN } from '../../helpers/coerce';
import { FieldError } from '../../helpers/validation';
import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { queryRecords } from '../queryResults';
import { buildRecordQueryBody } from './buildQueryBody';
import { moduleProperties, readModule } from './moduleProperties';
import { simplifyRecord } from './simplifyRecord';

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
	{
		displayName:
			'One call per input item: wolkvox answers a query with all its matches at once and documents no paging, so Limit only cuts what is output',
		name: 'pagingNotice',
		type: 'notice',
		default: '',
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
		const records = queryRecords(body);
		const limit = readLimit(this, i);
		const kept = limit === undefined ? records : records.slice(0, limit);
		return (this.getNodeParameter('simplify', i, true) as boolean)
			? kept.map(simplifyRecord)
			: kept;
	},
	itemKey(request: WolkvoxRequest): string {
		const body = request.body ?? {};
		return `Query of ${keyText(body.module)} where ${String(body.field)} = ${keyText(body.value)}`;
	},
};

/** Limit, or undefined with Return All. */
function readLimit(ctx: IExecuteFunctions, i: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) as boolean) return undefined;
	const raw = ctx.getNodeParameter('limit', i, 50);
	const limit = integerOrNaN(raw);
	if (!(limit >= 1))
		throw new FieldError('limit', `must be a whole number of 1 or more, got ${describeValue(raw)}`);
	return limit;
}
