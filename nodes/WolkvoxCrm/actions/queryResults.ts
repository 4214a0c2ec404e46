import type { IDataObject } from 'n8n-workflow';

import type { WolkvoxEnvelope } from '../transport/response';

/**
 * The records a query answered with, whatever the shape: `data` as a list, one record as an object, or
 * nothing. Only objects are records; anything else in the list is left out.
 */
export function queryRecords(body: WolkvoxEnvelope): IDataObject[] {
	const data = body.data;
	const list: unknown[] = Array.isArray(data)
		? data
		: data && typeof data === 'object'
			? [data]
			: [];
	return list.filter(
		(r): r is IDataObject => typeof r === 'object' && r !== null && !Array.isArray(r),
	);
}
