import type { IDataObject } from 'n8n-workflow';

import type { WolkvoxEnvelope } from '../transport/response';

/** An id as wolkvox writes them (24 hex characters); anything else a server sends is not passed on as one. */
function wolkvoxIdOf(value: unknown): string | number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.length > 0 && value.length <= 64) return value;
	return null;
}

/** The useful part of an insert's answer: the new record's id and the vendor's message. */
export function createdOutput(body: WolkvoxEnvelope): IDataObject {
	const data = body.data && typeof body.data === 'object' ? (body.data as IDataObject) : {};
	return {
		wolkvox_id: wolkvoxIdOf(data.wolkvox_id),
		msg: typeof body.msg === 'string' || typeof body.msg === 'number' ? body.msg : null,
	};
}
