import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { createdOutput } from '../createdOutput';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { caseFileIdProperty, perItemOptions, updateDisplayOptions } from '../properties';
import { buildGestionBody } from './buildGestionBody';

const properties: INodeProperties[] = [
	caseFileIdProperty(
		"The wolkvox_id of the collections record (case file) the gestion is logged on, or the record's URL from the CRM's address bar; sent as wolkvox_idRecord",
	),
	{
		displayName: 'Typification Code',
		name: 'typificationCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PP01',
		description: 'Code of the outcome (typification) configured in your CRM, e.g. a promise to pay',
	},
	{
		displayName: 'Typification Description',
		name: 'typificationDescription',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Promise to pay',
		description: 'Description of the outcome; sent in both spellings the vendor uses',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Agent Extension',
				name: 'agent_id',
				type: 'string',
				default: '',
				description: 'Extension number of the agent who handled the gestion (sent as agent_id)',
			},
			{
				displayName: 'Agent Name',
				name: 'agent_name',
				type: 'string',
				default: '',
				description: 'Name of the agent who handled the gestion (sent as agent_name)',
			},
			{
				displayName: 'Call ID',
				name: 'wolkvox_idCall',
				type: 'string',
				default: '',
				description: 'Identifier of the call (sent as wolkvox_idCall)',
			},
			{
				displayName: 'Campaign ID',
				name: 'campaign_id',
				type: 'string',
				default: '',
				description: 'Identifier of the campaign (sent as campaign_id)',
			},
			{
				displayName: 'CRM Call Phone Number',
				name: 'wolkvox_CrmPhoneCall',
				type: 'string',
				default: '',
				description: 'Telephone number of the call in wolkvox CRM (sent as wolkvox_CrmPhoneCall)',
			},
			{
				displayName: 'Customer Additional ID',
				name: 'customer_id',
				type: 'string',
				default: '',
				description: 'Additional identification of the customer (sent as customer_id)',
			},
			{
				displayName: 'Customer Document Type',
				name: 'client_type_document',
				type: 'string',
				default: '',
				description: 'Type of identity document, e.g. CC, NIT, CE (sent as client_type_document)',
			},
			{
				displayName: 'Customer Identification',
				name: 'id_customer',
				type: 'string',
				default: '',
				description:
					'Identification number of the customer (e.g. national ID) (sent as id_customer)',
			},
			{
				displayName: 'Customer Last Name',
				name: 'client_lastname',
				type: 'string',
				default: '',
				description: 'Sent as client_lastname',
			},
			{
				displayName: 'Customer Name',
				name: 'client_name',
				type: 'string',
				default: '',
				description: 'Sent as client_name',
			},
			{
				displayName: 'Customer Telephone',
				name: 'client_telephone',
				type: 'string',
				default: '',
				description: 'Sent as client_telephone',
			},
			{
				displayName: 'Interaction Date',
				name: 'date',
				type: 'dateTime',
				default: '',
				description:
					"When the interaction took place, date and time together: sent as the gestion's date, YYYY-MM-DD HH:mm:ss in the workflow's time zone. Interaction Time is a separate, free-text field.",
			},
			{
				displayName: 'Interaction Time',
				name: 'time',
				type: 'string',
				default: '',
				description:
					"Sent as the gestion's time, as typed: the time or the duration of the interaction, in whatever form your CRM uses (e.g. 00:03:25). It does not change Interaction Date.",
			},
			{
				displayName: 'Interaction Type',
				name: 'type_interaction',
				type: 'string',
				default: '',
				description:
					'Channel of the interaction, e.g. call, whatsapp, email (sent as type_interaction)',
			},
			{
				displayName: 'Obligation Reference',
				name: 'obligation',
				type: 'string',
				default: '',
				description: 'Reference name of the obligation the gestion is about (sent as obligation)',
			},
			{
				displayName: 'Wolkvox Customer ID',
				name: 'wolkvox_idCustomer',
				type: 'string',
				default: '',
				description:
					'Identifier of the customer in the wolkvox application (sent as wolkvox_idCustomer)',
			},
			{
				displayName: 'Wolkvox Phone Number',
				name: 'wolkvox_phoneCall',
				type: 'string',
				default: '',
				description: 'Telephone number in the wolkvox application (sent as wolkvox_phoneCall)',
			},
		],
	},
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['gestion'], operation: ['create'] } },
	properties,
);

export const create: ItemOperation = {
	subject: 'Gestion',
	labels: {
		'fields.wolkvox_idRecord': 'Case File ID',
		'fields.tipifycation_code': 'Typification Code',
		'fields.tipifycation_desc': 'Typification Description',
		date: 'Interaction Date',
	},
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const body = buildGestionBody(
			{
				caseFileId: this.getNodeParameter('caseFileId', i),
				typificationCode: this.getNodeParameter('typificationCode', i),
				typificationDescription: this.getNodeParameter('typificationDescription', i),
				additionalFields: this.getNodeParameter('additionalFields', i, {}) as IDataObject,
			},
			this.getTimezone(),
		);
		return {
			method: 'POST',
			endpoint: 'collections/insertGestion.php',
			body: body as unknown as IDataObject,
		};
	},
	toOutput(body: WolkvoxEnvelope): IDataObject {
		return createdOutput(body);
	},
	itemKey(request: WolkvoxRequest): string {
		const fields = (request.body?.fields ?? {}) as IDataObject;
		return `Gestion ${keyText(fields.tipifycation_code)} on case file ${keyText(fields.wolkvox_idRecord)}`;
	},
};
