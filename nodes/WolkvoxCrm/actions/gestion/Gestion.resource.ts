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
		displayOptions: { show: { resource: ['gestion'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Log a gestion (a management note with its outcome code) on a collections case file',
				action: 'Create a gestion',
			},
		],
		default: 'create',
	},
	...createDescription,
];
