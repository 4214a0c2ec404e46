import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { createdOutput } from '../createdOutput';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { caseFileIdProperty, perItemOptions, updateDisplayOptions } from '../properties';
import {
	buildObligationBody,
	type ObligationCreateParams,
	type OutputDateFormat,
} from './buildObligationBody';

export const properties: INodeProperties[] = [
	caseFileIdProperty(
		"The wolkvox_id of the collections record (the customer's case file) that receives the obligation, or the record's URL from the CRM's address bar",
	),
	{
		displayName: 'Obligation ID',
		name: 'obligationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. OBL-0001',
		description:
			'Your identifier of the obligation within the case file (a loan, invoice or contract number)',
	},
	{
		displayName: 'Obligation Name',
		name: 'obligationName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Invoice 12345 – Pending Payment',
		description: 'Name of the obligation as the CRM shows it',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Days Overdue',
				name: 'daysDelay',
				type: 'number',
				default: 0,
				description: 'Number of days the obligation is past due',
			},
			{
				displayName: 'Due Date',
				name: 'expiringDate',
				type: 'dateTime',
				default: '',
				description: 'When the obligation falls due',
			},
			{
				displayName: 'Last Payment Amount',
				name: 'lastPay',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2000 or 2.000,00',
				description:
					'Amount of the last payment; Latin-American (1.234,56) and US (1,234.56) formats are accepted',
			},
			{
				displayName: 'Last Payment Date',
				name: 'lastPayDate',
				type: 'dateTime',
				default: '',
				description: 'When the last payment was made',
			},
			{
				displayName: 'Portfolio Type',
				name: 'portfolioType',
				type: 'string',
				default: '',
				placeholder: 'e.g. VIP Client',
				description: 'Portfolio (segment) the obligation belongs to',
			},
			{
				displayName: 'Total Balance',
				name: 'totalBalance',
				type: 'string',
				default: '',
				placeholder: 'e.g. 10000 or 1.234.567,89',
				description:
					'Total amount owed; Latin-American (1.234,56) and US (1,234.56) formats are accepted',
			},
		],
	},
	{
		displayName: 'Custom Obligation Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description: 'Obligation fields your CRM added to the standard ones; sent as "form"',
		options: [
			{
				name: 'field',
				displayName: 'Field',
				values: [
					{
						displayName: 'Field Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Frequency',
						description: 'Name of the custom obligation field, as configured in the CRM',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Value of the custom field',
					},
				],
			},
		],
	},
	perItemOptions([
		{
			displayName: 'Date Format Sent',
			name: 'dateFormat',
			type: 'options',
			default: 'YYYY-MM-DD',
			description: "How dates are written in the request; wolkvox's pages show both",
			options: [
				{ name: 'DD-MM-YYYY (e.g. 06-06-2023)', value: 'DD-MM-YYYY' },
				{ name: 'YYYY-MM-DD (e.g. 2023-06-06)', value: 'YYYY-MM-DD' },
			],
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['obligation'], operation: ['create'] } },
	properties,
);

/** An item's obligation parameters, as the body builders take them (create and update share the form). */
export function readObligationParams(ctx: IExecuteFunctions, i: number): ObligationCreateParams {
	const additional = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return {
		caseFileId: ctx.getNodeParameter('caseFileId', i),
		obligationId: ctx.getNodeParameter('obligationId', i),
		obligationName: ctx.getNodeParameter('obligationName', i, ''),
		totalBalance: additional.totalBalance,
		portfolioType: additional.portfolioType,
		lastPay: additional.lastPay,
		lastPayDate: additional.lastPayDate,
		expiringDate: additional.expiringDate,
		daysDelay: additional.daysDelay,
		customFields: ctx.getNodeParameter('customFields.field', i, []) as Array<{
			name?: string;
			value?: unknown;
		}>,
		dateFormat: options.dateFormat as OutputDateFormat | undefined,
	};
}

export const create: ItemOperation = {
	subject: 'Obligation',
	labels: {
		wolkvox_id: 'Case File ID',
		'fields.id': 'Obligation ID',
		'fields.name': 'Obligation Name',
		total_balance: 'Total Balance',
		last_pay: 'Last Payment Amount',
		last_pay_date: 'Last Payment Date',
		expiring_date: 'Due Date',
		days_delay: 'Days Overdue',
		portfolio_type: 'Portfolio Type',
		form: 'Custom Fields',
	},
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const body = buildObligationBody(readObligationParams(this, i));
		return {
			method: 'POST',
			endpoint: 'collections/insertObligation.php',
			body: body as unknown as IDataObject,
		};
	},
	toOutput(body: WolkvoxEnvelope): IDataObject {
		return createdOutput(body);
	},
	itemKey(request: WolkvoxRequest): string {
		const fields = (request.body?.fields ?? {}) as IDataObject;
		return `Obligation ${keyText(fields.id)} of case file ${keyText(request.body?.wolkvox_id)}`;
	},
};
