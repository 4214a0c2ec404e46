import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest, WolkvoxSender } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { createdOutput } from '../createdOutput';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { attachmentNames, readAttachments } from './attachments';
import { buildCaseCreateFields, CUSTOM_CASE_TYPE, toFormFields } from './buildCaseFields';
import {
	caseTypeProperty,
	customCaseTypeProperty,
	customFieldsProperty,
	priorityProperty,
	responsibleProperty,
	statusProperty,
} from './caseProperties';

const properties: INodeProperties[] = [
	caseTypeProperty,
	{
		...customCaseTypeProperty,
		required: true,
		displayOptions: { show: { caseType: [CUSTOM_CASE_TYPE] } },
	},
	{
		displayName: 'Contact E-Mail',
		name: 'contact',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. name@email.com',
		description:
			'The e-mail of an existing contact (module contacts) the case is about; wolkvox refuses an e-mail no contact has',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		description: 'What the customer asks or reports',
	},
	{ ...responsibleProperty, required: true },
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ADMIN_@my_operation',
		description: 'The CRM user who owns the case record, as the CRM names its users',
	},
	statusProperty,
	priorityProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Attachments',
				name: 'attachments',
				type: 'string',
				default: '',
				placeholder: 'e.g. data, invoice',
				description:
					'Names of the input binary fields to attach, separated by commas. One file goes as a file upload with its name; several go in one call as base64 contents, without their file names (the only documented way to send more than one).',
			},
			customFieldsProperty,
			{
				displayName: 'Solution',
				name: 'solution',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'How the case was solved, if it already is',
			},
		],
	},
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['create'] } },
	properties,
);

const FORM_ENDPOINT = 'cases/insert.php';
const BASE64_ENDPOINT = 'cases/insertAttach.php';

function readAttachmentNames(ctx: IExecuteFunctions, i: number): string[] {
	const additional = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	return attachmentNames(ctx, i, additional.attachments, 'attachments');
}

export const create: ItemOperation = {
	subject: 'Case',
	labels: {
		'case-type': 'Case Type',
		customCaseType: 'Custom Case Type',
		contact: 'Contact E-Mail',
		description: 'Description',
		responsible: 'Responsible',
		owner: 'Owner',
		status: 'Status',
		priority: 'Priority',
		solution: 'Solution',
		customFields: 'Custom Fields',
		attachments: 'Attachments',
	},
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const fields = buildCaseCreateFields({
			caseType: this.getNodeParameter('caseType', i),
			customCaseType: this.getNodeParameter('customCaseType', i, ''),
			contact: this.getNodeParameter('contact', i),
			description: this.getNodeParameter('description', i),
			responsible: this.getNodeParameter('responsible', i),
			owner: this.getNodeParameter('owner', i),
			status: this.getNodeParameter('status', i),
			priority: this.getNodeParameter('priority', i),
			solution: additional.solution,
			customFields: additional.customFields as IDataObject,
		});
		// Checked here, so a missing file stops the item before anything is sent.
		const several = readAttachmentNames(this, i).length > 1;
		return several
			? { method: 'POST', endpoint: BASE64_ENDPOINT, body: fields as IDataObject }
			: { method: 'POST', endpoint: FORM_ENDPOINT, form: { fields: toFormFields(fields) } };
	},
	async perform(
		this: IExecuteFunctions,
		client: WolkvoxSender,
		request: WolkvoxRequest,
		i: number,
	): Promise<IDataObject> {
		const files = await readAttachments(this, i, readAttachmentNames(this, i), 'file');
		const complete: WolkvoxRequest = request.form
			? { ...request, form: { ...request.form, files } }
			: {
					...request,
					body: { ...request.body, attachments: files.map((f) => f.data.toString('base64')) },
				};
		const answer = await client.send(complete);
		return { ...(create.toOutput.call(this, answer.body, i) as IDataObject), attachments: files.length };
	},
	toOutput(body: WolkvoxEnvelope): IDataObject {
		return createdOutput(body);
	},
	itemKey(request: WolkvoxRequest): string {
		const fields = request.form?.fields ?? request.body ?? {};
		return `Case ${keyText(fields.description)} for ${keyText(fields.contact)}`;
	},
};
