import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isBlank } from '../../helpers/coerce';
import { FieldError } from '../../helpers/validation';

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
				{ name: 'Collections (Case Files)', value: 'collections' },
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
			// Not `required`: n8n would then flag it whenever Module is an expression, which it cannot evaluate
			// in the editor. An empty name is refused when the item is prepared instead.
			placeholder: 'e.g. my_products',
			description: 'API name of your custom module, as configured in the CRM',
			displayOptions: { show: { module: [CUSTOM_MODULE] } },
		},
	];
}

/** The module an item's call goes to: the dropdown's value, or the custom module's name. */
export function readModule(ctx: IExecuteFunctions, itemIndex: number): unknown {
	const selected = ctx.getNodeParameter('module', itemIndex) as string;
	if (selected !== CUSTOM_MODULE) return selected;
	const custom = ctx.getNodeParameter('customModule', itemIndex, '');
	if (isBlank(custom)) throw new FieldError('customModule', 'must name your custom module');
	return custom;
}
