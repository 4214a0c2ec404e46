import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeValue, integerOrNaN } from '../../helpers/coerce';
import { FieldError } from '../../helpers/validation';
import type { WolkvoxEnvelope } from '../../transport/response';
import { queryRecords } from '../queryResults';
import { simplifyRecord } from './simplifyRecord';

/** Return All, Limit and Simplify: how the record reads shape what they output. */
export const resultProperties: INodeProperties[] = [
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
];

/** A query's result properties, after a notice of what Limit can and cannot do for a query without paging. */
export const queryResultProperties: INodeProperties[] = [
	{
		displayName:
			'One call per input item: wolkvox answers a query with all its matches at once and documents no paging, so Limit only cuts what is output',
		name: 'pagingNotice',
		type: 'notice',
		default: '',
	},
	...resultProperties,
];

/** Limit, or undefined with Return All. */
export function readLimit(ctx: IExecuteFunctions, i: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', i, false) as boolean) return undefined;
	const raw = ctx.getNodeParameter('limit', i, 50);
	const limit = integerOrNaN(raw);
	if (!(limit >= 1))
		throw new FieldError('limit', `must be a whole number of 1 or more, got ${describeValue(raw)}`);
	return limit;
}

/** The records of an answer, at most Limit of them, simplified unless the user turned Simplify off. */
export function recordsOutput(
	ctx: IExecuteFunctions,
	body: WolkvoxEnvelope,
	i: number,
): IDataObject[] {
	const limit = readLimit(ctx, i);
	const records = queryRecords(body);
	const kept = limit === undefined ? records : records.slice(0, limit);
	return (ctx.getNodeParameter('simplify', i, true) as boolean) ? kept.map(simplifyRecord) : kept;
}
