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
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a task on a CRM record (a call-back, a follow-up), with due date, owner and reminder',
				action: 'Create a task',
			},
		],
		default: 'create',
	},
	...createDescription,
];
