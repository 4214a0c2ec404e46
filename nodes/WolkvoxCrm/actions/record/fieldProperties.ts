import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RecordCreateParams, RecordFieldInput } from './buildRecordBody';

/** How a record's fields are given, field by field or as JSON: Record → Create and Record → Update alike. */
export function recordFieldProperties(description: string): INodeProperties[] {
	return [
		{
			displayName: 'Define Fields',
			name: 'inputMode',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Field by Field', value: 'fields', description: 'Add each field with its type' },
				{
					name: 'Using JSON',
					value: 'json',
					description: 'Give the whole "fields" object as JSON',
				},
			],
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Field',
			default: {},
			description,
			displayOptions: { show: { inputMode: ['fields'] } },
			options: [
				{
					name: 'field',
					displayName: 'Field',
					// Named so that Field Name and Field Type come first in the alphabetical order n8n's lint requires;
					// then a row shows only what its type needs, one "Value" at a time.
					values: [
						{
							displayName: 'Field Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. namecontact',
							description:
								'Name of the field as shown in the CRM form. Built-in contact fields use internal names: namecontact, emailcontact, telephonecontact, idcontact.',
						},
						{
							displayName: 'Field Type',
							name: 'valueType',
							type: 'options',
							default: 'string',
							description:
								'Kind of CRM field; address, table, search, relation, telephone and currency fields need their type',
							options: [
								{ name: 'Address', value: 'address' },
								{ name: 'Currency', value: 'currency' },
								{ name: 'JSON (Any Value)', value: 'json' },
								{ name: 'Number', value: 'number' },
								{ name: 'Relation', value: 'relation' },
								{ name: 'Search (Lookup)', value: 'search' },
								{ name: 'Switch (Boolean)', value: 'boolean' },
								{ name: 'Table', value: 'table' },
								{ name: 'Telephone', value: 'telephone' },
								{ name: 'Text', value: 'string' },
							],
						},
						{
							displayName: 'Phone Country',
							name: 'country',
							type: 'string',
							default: '',
							placeholder: 'e.g. Colombia',
							description: 'Country of the telephone number',
							displayOptions: { show: { valueType: ['telephone'] } },
						},
						{
							displayName: 'Phone Country Code',
							name: 'countryCode',
							type: 'string',
							default: '',
							placeholder: 'e.g. 57',
							description: 'Dialling code of the country, without +',
							displayOptions: { show: { valueType: ['telephone'] } },
						},
						{
							displayName: 'Related Module',
							name: 'searchModuleName',
							type: 'string',
							default: '',
							placeholder: 'e.g. companies',
							description: 'Module of the record the search field points to',
							displayOptions: { show: { valueType: ['search'] } },
						},
						{
							displayName: 'Related Record ID',
							name: 'valueId',
							type: 'string',
							default: '',
							description: 'The wolkvox_id of the record the search field points to',
							displayOptions: { show: { valueType: ['search'] } },
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description:
								'The value. For a search field: the label shown; for telephone: the number; for currency: the amount (1750905 or 1.750.905,50).',
							displayOptions: {
								show: {
									valueType: ['string', 'number', 'address', 'search', 'telephone', 'currency'],
								},
							},
						},
						{
							displayName: 'Value',
							name: 'booleanValue',
							type: 'boolean',
							default: false,
							description: 'Whether the switch is on',
							displayOptions: { show: { valueType: ['boolean'] } },
						},
						{
							displayName: 'Value',
							name: 'jsonValue',
							type: 'json',
							default: '',
							description:
								'Table: its rows, as a list like [{"Column": "value"}]. Relation: an object with the relation\'s keys. JSON: a number, text, true/false or a typed value written by hand.',
							displayOptions: { show: { valueType: ['table', 'relation', 'json'] } },
						},
						{
							displayName: 'Value Currency',
							name: 'currencySymbol',
							type: 'string',
							default: '',
							placeholder: 'e.g. COP',
							description: 'Currency code of the amount',
							displayOptions: { show: { valueType: ['currency'] } },
						},
						{
							displayName: 'Value in Base Currency',
							name: 'convertedAmount',
							type: 'string',
							default: '',
							description:
								"Amount in the CRM's base currency; leave empty to use the amount itself",
							displayOptions: { show: { valueType: ['currency'] } },
						},
					],
				},
			],
		},
		{
			displayName: 'Fields (JSON)',
			name: 'fieldsJson',
			type: 'json',
			default: '',
			placeholder: '{ "namecontact": "Ana Pérez", "emailcontact": "ana@example.com" }',
			description:
				'The "fields" object sent to wolkvox: field name → value; typed fields as {"type": "address", "value": "…"} and so on',
			displayOptions: { show: { inputMode: ['json'] } },
		},
	];
}

/** The field parameters of an item, as the body builder takes them. */
export function readRecordFieldParams(
	ctx: IExecuteFunctions,
	i: number,
): Pick<RecordCreateParams, 'inputMode' | 'fields' | 'fieldsJson'> {
	const inputMode = ctx.getNodeParameter('inputMode', i) as RecordCreateParams['inputMode'];
	return {
		inputMode,
		fields:
			inputMode === 'fields'
				? ((ctx.getNodeParameter('fields.field', i, []) as RecordFieldInput[]) ?? [])
				: undefined,
		fieldsJson: inputMode === 'json' ? ctx.getNodeParameter('fieldsJson', i) : undefined,
	};
}
