import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordIdFrom } from '../../helpers/recordId';
import { toText } from '../../helpers/values';
import { assertValidBody } from '../../helpers/validation';
import { gestionQueryBodySchema } from '../../schemas/query.schema';
import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { queryRecords } from '../queryResults';

const CUSTOM_FIELD = '__custom';
const CASE_FILE_FIELD = 'wolkvox_idRecord';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'field',
		type: 'options',
		default: CASE_FILE_FIELD,
		description: 'Which field of the gestiones must equal the value',
		options: [
			{ name: 'Agent Extension', value: 'agent_id' },
			{ name: 'Campaign ID', value: 'campaign_id' },
			{ name: 'Case File ID', value: CASE_FILE_FIELD },
			{ name: 'Customer Additional ID', value: 'customer_id' },
			{ name: 'Customer Identification', value: 'id_customer' },
			{ name: 'Other Field (Enter Name)', value: CUSTOM_FIELD },
			{ name: 'Typification Code', value: 'tipifycation_code' },
		],
	},
	{
		displayName: 'Field Name',
		name: 'customField',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. obligation',
		description: 'The name of the gestion field to match, as wolkvox sends it',
		displayOptions: { show: { field: [CUSTOM_FIELD] } },
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0012345678',
		description:
			"Gestiones whose field equals this value are returned. For Case File ID, the case file's wolkvox_id or its URL from the CRM.",
	},
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['gestion'], operation: ['getMany'] } },
	properties,
);

export const getMany: ItemOperation = {
	subject: 'Gestion query',
	readOnly: true,
	labels: { field: 'Find By', value: 'Value' },
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const chosen = this.getNodeParameter('field', i) as string;
		const field =
			chosen === CUSTOM_FIELD
				? toText(this.getNodeParameter('customField', i), 'field').trim()
				: chosen;
		const raw = this.getNodeParameter('value', i);
		const value =
			field === CASE_FILE_FIELD ? recordIdFrom(raw, 'value') : toText(raw, 'value').trim();
		const body = assertValidBody(gestionQueryBodySchema, { field, value });
		return { method: 'POST', endpoint: 'collections/queryGestion.php', body, readOnly: true };
	},
	toOutput(body: WolkvoxEnvelope): IDataObject[] {
		return queryRecords(body);
	},
	itemKey(request: WolkvoxRequest): string {
		return `Query of gestiones where ${String(request.body?.field)} = ${keyText(request.body?.value)}`;
	},
};
