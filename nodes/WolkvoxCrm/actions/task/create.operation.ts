import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { createdOutput } from '../createdOutput';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { buildTaskBody } from './buildTaskBody';

const properties: INodeProperties[] = [
	{
		displayName: 'Task Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Call back about the payment agreement',
		description: 'Title of the task',
	},
	{
		displayName: 'Related Module',
		name: 'relatedModule',
		type: 'string',
		default: 'cases',
		required: true,
		placeholder: 'e.g. cases',
		description:
			'API name of the module of the record the task belongs to (cases, contacts, collections, a custom module…)',
	},
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 64dcf0a1b2c3d4e5f6a7b8c9',
		description:
			"The wolkvox_id of the record the task belongs to, or the record's URL from the CRM's address bar",
	},
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. ADMIN_@mymodule',
		description: 'CRM user who owns the task',
	},
	{
		displayName: 'Due Date',
		name: 'completionDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"When the task should be completed; sent as YYYY-MM-DD HH:mm:ss in the workflow's time zone. From an expression, 30/11/2026 17:00 (day first) works too.",
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		default: 'normal',
		description:
			'How urgent the task is. From an expression, any case of high, normal or low, or the Spanish alta, media or baja.',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Normal', value: 'normal' },
		],
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'What has to be done',
	},
	{
		displayName: 'Reminder',
		name: 'remember',
		type: 'boolean',
		default: false,
		description: 'Whether the CRM should remind the owner',
	},
	{
		displayName: 'Reminder Date',
		name: 'reminderDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"When the reminder goes off; sent as YYYY-MM-DD HH:mm:ss in the workflow's time zone. From an expression, 30/11/2026 17:00 (day first) works too.",
		displayOptions: { show: { remember: [true] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: 'created',
				description: 'Status of the new task; wolkvox documents "created"',
			},
		],
	},
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['create'] } },
	properties,
);

export const create: ItemOperation = {
	subject: 'Task',
	labels: {
		'fields.name': 'Task Name',
		'fields.priority': 'Priority',
		'fields.name_module': 'Related Module',
		'fields.id_record': 'Record ID',
		'fields.wolkvox_owner': 'Owner',
		completion_date: 'Due Date',
		'fields.completion_date': 'Due Date',
		reminder_date: 'Reminder Date',
		'fields.reminder_date': 'Reminder Date',
		remember: 'Reminder',
		'fields.status': 'Status',
		'fields.description': 'Description',
	},
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const body = buildTaskBody(
			{
				name: this.getNodeParameter('name', i) as string,
				priority: this.getNodeParameter('priority', i) as string,
				relatedModule: this.getNodeParameter('relatedModule', i) as string,
				recordId: this.getNodeParameter('recordId', i) as string,
				owner: this.getNodeParameter('owner', i) as string,
				completionDate: this.getNodeParameter('completionDate', i),
				description: this.getNodeParameter('description', i, '') as string,
				remember: this.getNodeParameter('remember', i, false),
				reminderDate: this.getNodeParameter('reminderDate', i, ''),
				status: additional.status as string | undefined,
			},
			this.getTimezone(),
		);
		return { method: 'POST', endpoint: 'custom/insert.php', body: body as unknown as IDataObject };
	},
	toOutput(body: WolkvoxEnvelope): IDataObject {
		return createdOutput(body);
	},
	itemKey(request: WolkvoxRequest): string {
		const fields = (request.body?.fields ?? {}) as IDataObject;
		return `Task ${keyText(fields.name)} on record ${keyText(fields.id_record)}`;
	},
};
