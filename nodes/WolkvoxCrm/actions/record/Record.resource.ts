import type { INodeProperties } from 'n8n-workflow';

import { perItem } from '../runPerItem';
import { create, description as createDescription } from './create.operation';

/** The dispatch table: operation value → implementation */
export const operations = { create: perItem(create) };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['record'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a record in any CRM module (contacts, leads, cases, a custom module…)',
				action: 'Create a record',
			},
		],
		default: 'create',
	},
	...createDescription,
];
