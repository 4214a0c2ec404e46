import type { INodeProperties } from 'n8n-workflow';

import { perItem } from '../runPerItem';
import { create, description as createDescription } from './create.operation';
import { get, description as getDescription } from './get.operation';
import { update, description as updateDescription } from './update.operation';

/** The dispatch table: operation value → implementation */
export const operations = { create: perItem(create), get: perItem(get), update: perItem(update) };

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
			{
				name: 'Get',
				value: 'get',
				description: 'Read one obligation of a case file, by its ID or name',
				action: 'Get an obligation',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					"Change an obligation's balance, dates or other fields, e.g. after a payment; found by its ID in the case file",
				action: 'Update an obligation',
			},
		],
		default: 'create',
	},
	...createDescription,
	...getDescription,
	...updateDescription,
];
