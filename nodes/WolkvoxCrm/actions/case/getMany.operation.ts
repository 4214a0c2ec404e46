import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordIdFrom } from '../../helpers/recordId';
import { toText } from '../../helpers/values';
import { assertValidBody } from '../../helpers/validation';
import { caseQuerySchema } from '../../schemas/case.schema';
import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { queryResultProperties, readLimit, recordsOutput } from '../record/readResults';

const CASE_ID = 'wolkvox-id';
const CONTACT_ID = 'contact wolkvox id';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'field',
		type: 'options',
		default: 'contact identification',
		description: 'Which field of the cases must equal the value',
		options: [
			{ name: 'Case ID', value: CASE_ID },
			{ name: 'Case Number', value: 'idCase' },
			{ name: 'Case Number With Prefix', value: 'idPrefijo' },
			{ name: 'Case Type', value: 'type case' },
			{ name: 'Company ID', value: 'company id' },
			{ name: 'Company Name', value: 'companyName' },
			{ name: 'Contact E-Mail', value: 'email contact' },
			{ name: 'Contact ID', value: CONTACT_ID },
			{ name: 'Contact Identification', value: 'contact identification' },
			{ name: 'Contact Name', value: 'name contact' },
			{ name: 'Contact Phone', value: 'contact phone' },
			{ name: 'Description', value: 'description' },
			{ name: 'Expired', value: 'case expired' },
			{ name: 'Owner ID', value: 'owner id' },
			{ name: 'Owner Name', value: 'owner name' },
			{ name: 'Owner User', value: 'owner user' },
			{ name: 'Prefix', value: 'prefix' },
			{ name: 'Priority', value: 'priority' },
			{ name: 'Reason', value: 'reason' },
			{ name: 'Reopened', value: 'reopened' },
			{ name: 'Responsible ID', value: 'responsible id' },
			{ name: 'Responsible Name', value: 'responsible name' },
			{ name: 'Responsible User', value: 'responsible user' },
			{ name: 'Solution', value: 'solution' },
			{ name: 'Status', value: 'status' },
		],
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0012345678',
		description:
			"Cases whose field equals this value are returned, e.g. the customer's identification number. For Case ID and Contact ID, the wolkvox_id or the record's URL from the CRM.",
	},
	...queryResultProperties,
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['getMany'] } },
	properties,
);

export const getMany: ItemOperation = {
	subject: 'Case query',
	readOnly: true,
	labels: { field: 'Find By', value: 'Value', limit: 'Limit' },
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const field = toText(this.getNodeParameter('field', i), 'field').trim();
		const raw = this.getNodeParameter('value', i);
		const value =
			field === CASE_ID || field === CONTACT_ID ? recordIdFrom(raw, 'value') : toText(raw, 'value').trim();
		const body = assertValidBody(caseQuerySchema, { field, value });
		// Read here, so a bad Limit is an input error before anything is sent.
		readLimit(this, i);
		return { method: 'POST', endpoint: 'cases/queryCases.php', body, readOnly: true };
	},
	toOutput(this: IExecuteFunctions, body: WolkvoxEnvelope, i: number): IDataObject[] {
		return recordsOutput(this, body, i);
	},
	itemKey(request: WolkvoxRequest): string {
		return `Query of cases where ${String(request.body?.field)} = ${keyText(request.body?.value)}`;
	},
};
