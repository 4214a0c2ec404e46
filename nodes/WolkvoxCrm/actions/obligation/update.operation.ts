import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { updateDisplayOptions } from '../properties';
import { buildObligationUpdateBody } from './buildObligationBody';
import { create, properties as createProperties, readObligationParams } from './create.operation';

// The create form, with the name optional: an update changes only what it is given.
const properties: INodeProperties[] = createProperties.map((property) =>
	property.name === 'obligationName'
		? {
				...property,
				required: false,
				description: 'New name of the obligation; leave empty to keep its name',
			}
		: property,
);

export const description = updateDisplayOptions(
	{ show: { resource: ['obligation'], operation: ['update'] } },
	properties,
);

export const update: ItemOperation = {
	subject: 'Obligation update',
	labels: create.labels,
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		return {
			// The vendor updates an obligation with PUT on the insert endpoint.
			method: 'PUT',
			endpoint: 'collections/insertObligation.php',
			body: buildObligationUpdateBody(readObligationParams(this, i)) as unknown as IDataObject,
		};
	},
	toOutput(body: WolkvoxEnvelope): IDataObject {
		const data = body.data && typeof body.data === 'object' ? (body.data as IDataObject) : {};
		return {
			wolkvox_id: typeof data.wolkvox_id === 'string' ? data.wolkvox_id : null,
			updated: true,
			msg: typeof body.msg === 'string' ? body.msg : null,
		};
	},
	itemKey(request: WolkvoxRequest): string {
		const fields = (request.body?.fields ?? {}) as IDataObject;
		return `Obligation ${keyText(fields.id)} of case file ${keyText(request.body?.wolkvox_id)}`;
	},
};
