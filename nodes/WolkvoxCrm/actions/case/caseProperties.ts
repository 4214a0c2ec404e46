import type { INodeProperties } from 'n8n-workflow';

import { CUSTOM_CASE_TYPE } from './buildCaseFields';

/** The form fields Create and Update share; each operation decides which are required and their defaults. */

export const caseTypeProperty: INodeProperties = {
	displayName: 'Case Type',
	name: 'caseType',
	type: 'options',
	default: 'Request',
	description: 'The kind of case. A type configured in your CRM: choose Custom Type and enter its name.',
	options: [
		{ name: 'Claim', value: 'Claims' },
		{ name: 'Complaint', value: 'Complaints' },
		{ name: 'Custom Type (Enter Name)', value: CUSTOM_CASE_TYPE },
		{ name: 'Request', value: 'Request' },
		{ name: 'Suggestion', value: 'Suggestions' },
	],
};

export const customCaseTypeProperty: INodeProperties = {
	displayName: 'Custom Case Type',
	name: 'customCaseType',
	type: 'string',
	default: '',
	placeholder: 'e.g. Payment Agreement',
	description: 'The name of the case type as configured in your CRM',
};

export const statusProperty: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	default: 'open',
	description: 'Status of the case; an expression may give another status configured in your CRM',
	options: [
		{ name: 'Closed', value: 'closed' },
		{ name: 'On Hold (En Espera)', value: 'En espera' },
		{ name: 'Open', value: 'open' },
		{ name: 'Solved (Solucionado)', value: 'Solucionado' },
	],
};

export const priorityProperty: INodeProperties = {
	displayName: 'Priority',
	name: 'priority',
	type: 'options',
	default: 'normal',
	description:
		'Priority of the case. From an expression, any case and the Spanish words (alta, media, normal, baja) are taken.',
	options: [
		{ name: 'High', value: 'high' },
		{ name: 'Low', value: 'low' },
		{ name: 'Normal', value: 'normal' },
	],
};

export const responsibleProperty: INodeProperties = {
	displayName: 'Responsible',
	name: 'responsible',
	type: 'string',
	default: '',
	placeholder: 'e.g. ADMIN_@my_operation',
	description: 'The CRM user who handles the case, as the CRM names its users',
};

export const customFieldsProperty: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	placeholder: 'Add Custom Field',
	default: {},
	typeOptions: { multipleValues: true },
	description: "Fields of the case form configured in your CRM, by the name the form shows; sent as the case's form",
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. Subject',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
				},
			],
		},
	],
};
