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
		displayOptions: { show: { resource: ['obligation'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					"Add an obligation (a debt: loan, invoice, contract) to a customer's collections case file",
				action: 'Create an obligation',
			},
		],
		default: 'create',
	},
	...createDescription,
];
