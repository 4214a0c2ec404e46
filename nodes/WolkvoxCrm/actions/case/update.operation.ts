import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordIdFrom } from '../../helpers/recordId';
import { FieldError } from '../../helpers/validation';
import type { WolkvoxRequest, WolkvoxSender } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { readRecordLocator, recordLocator } from '../record/recordLocator';
import { attachmentNames, readAttachments } from './attachments';
import { buildCaseUpdateFields, toFormFields } from './buildCaseFields';
import {
	caseTypeProperty,
	customCaseTypeProperty,
	customFieldsProperty,
	priorityProperty,
	responsibleProperty,
	statusProperty,
} from './caseProperties';

const properties: INodeProperties[] = [
	recordLocator(
		'Case',
		"The case to change: its wolkvox_id, or the case's URL from the CRM's address bar",
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only what is added here is changed',
		options: [
			{
				displayName: 'Attachment',
				name: 'attachment',
				type: 'string',
				default: '',
				placeholder: 'e.g. data',
				description:
					"Name of the input binary field to add to the case's attachments (one file per update)",
			},
			caseTypeProperty,
			{
				...customCaseTypeProperty,
				description: 'With Case Type "Custom Type": the name of the case type as configured in your CRM',
			},
			customFieldsProperty,
			priorityProperty,
			responsibleProperty,
			statusProperty,
		],
	},
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['update'] } },
	properties,
);

function readAttachmentName(ctx: IExecuteFunctions, i: number): string[] {
	const fields = ctx.getNodeParameter('updateFields', i, {}) as IDataObject;
	const names = attachmentNames(ctx, i, fields.attachment, 'attachment');
	if (names.length > 1) {
		throw new FieldError('attachment', 'takes one binary field: an update adds one file');
	}
	return names;
}

export const update: ItemOperation = {
	subject: 'Case update',
	labels: {
		'wolkvox-id': 'Case',
		'case-type': 'Case Type',
		customCaseType: 'Custom Case Type',
		responsible: 'Responsible',
		status: 'Status',
		priority: 'Priority',
		customFields: 'Custom Fields',
		attachment: 'Attachment',
		updateFields: 'Update Fields',
	},
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const changes = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const fields = buildCaseUpdateFields({
			caseId: readRecordLocator(this, i),
			caseType: changes.caseType,
			customCaseType: changes.customCaseType,
			responsible: changes.responsible,
			status: changes.status,
			priority: changes.priority,
			customFields: changes.customFields as IDataObject,
		});
		const attaching = readAttachmentName(this, i).length > 0;
		if (Object.keys(fields).length === 1 && !attaching) {
			throw new FieldError('updateFields', 'is empty: add at least one field to change or an Attachment');
		}
		return { method: 'POST', endpoint: 'cases/update.php', form: { fields: toFormFields(fields) } };
	},
	async perform(
		this: IExecuteFunctions,
		client: WolkvoxSender,
		request: WolkvoxRequest,
		i: number,
	): Promise<IDataObject> {
		const files = await readAttachments(this, i, readAttachmentName(this, i), 'file');
		const answer = await client.send({ ...request, form: { fields: request.form?.fields ?? {}, files } });
		return update.toOutput.call(this, answer.body, i) as IDataObject;
	},
	toOutput(this: IExecuteFunctions, body: WolkvoxEnvelope, i: number): IDataObject {
		return {
			wolkvox_id: recordIdFrom(readRecordLocator(this, i), 'wolkvox-id'),
			updated: true,
			msg: typeof body.msg === 'string' || typeof body.msg === 'number' ? body.msg : null,
		};
	},
	itemKey(request: WolkvoxRequest): string {
		return `Case ${keyText(request.form?.fields['wolkvox-id'])}`;
	},
};
