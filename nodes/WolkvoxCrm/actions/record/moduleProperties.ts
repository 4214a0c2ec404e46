import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

const CUSTOM_MODULE = '__custom';

/** The Module dropdown (with a custom module's name) of every Record operation. */
export function moduleProperties(description: string): INodeProperties[] {
	return [
		{
			displayName: 'Module',
			name: 'module',
			type: 'options',
			default: 'contacts',
			description,
			options: [
				{ name: 'Cases', value: 'cases' },
				{ name: 'Companies', value: 'companies' },
				{ name: 'Contacts', value: 'contacts' },
				{ name: 'Custom Module (Enter Name)', value: CUSTOM_MODULE },
				{ name: 'Leads', value: 'leads' },
				{ name: 'Opportunities', value: 'opportunities' },
			],
		},
		{
			displayName: 'Module Name',
			name: 'customModule',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. my_products',
			description: 'API name of your custom module, as configured in the CRM',
			displayOptions: { show: { module: [CUSTOM_MODULE] } },
		},
	];
}

/** The module an item's call goes to: the dropdown's value, or the custom module's name. */
export function readModule(ctx: IExecuteFunctions, itemIndex: number): unknown {
	const selected = ctx.getNodeParameter('module', itemIndex) as string;
	return selected === CUSTOM_MODULE ? ctx.getNodeParameter('customModule', itemIndex) : selected;
}
