import type { INodeProperties } from 'n8n-workflow';

import { perItem } from '../runPerItem';
import { create, description as createDescription } from './create.operation';
import { getMany, description as getManyDescription } from './getMany.operation';

/** The dispatch table: operation value → implementation */
export const operations = { create: perItem(create), getMany: perItem(getMany) };

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
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Find the records of a module whose field equals a value, e.g. the contact with identification 0012345678',
				action: 'Get many records',
			},
		],
		default: 'create',
	},
	...createDescription,
	...getManyDescription,
];
