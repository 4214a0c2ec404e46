import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordIdFrom } from '../../helpers/recordId';
import { toText } from '../../helpers/values';
import { assertValidBody } from '../../helpers/validation';
import { obligationQueryBodySchema } from '../../schemas/query.schema';
import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { caseFileIdProperty, perItemOptions, updateDisplayOptions } from '../properties';
import { queryRecords } from '../queryResults';

const properties: INodeProperties[] = [
	caseFileIdProperty(
		"The wolkvox_id of the collections record (case file) that holds the obligation, or the record's URL from the CRM's address bar",
	),
	{
		displayName: 'Obligation',
		name: 'obligation',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 007',
		description: "The obligation's ID or its name within the case file",
	},
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['obligation'], operation: ['get'] } },
	properties,
);

export const get: ItemOperation = {
	subject: 'Obligation query',
	readOnly: true,
	labels: { wolkvox_id: 'Case File ID', obligation: 'Obligation' },
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const body = assertValidBody(obligationQueryBodySchema, {
			obligation: toText(this.getNodeParameter('obligation', i), 'obligation').trim(),
			wolkvox_id: recordIdFrom(this.getNodeParameter('caseFileId', i), 'wolkvox_id'),
		});
		return { method: 'POST', endpoint: 'collections/queryObligation.php', body, readOnly: true };
	},
	toOutput(body: WolkvoxEnvelope): IDataObject[] {
		return queryRecords(body);
	},
	itemKey(request: WolkvoxRequest): string {
		return `Query of obligation ${keyText(request.body?.obligation)} of case file ${keyText(request.body?.wolkvox_id)}`;
	},
};
