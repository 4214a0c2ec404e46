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
		displayOptions: { show: { resource: ['gestion'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Log a gestion (a management note with its outcome code) on a collections case file',
				action: 'Create a gestion',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					"Find the gestiones logged on a case file, or by the customer's identification, a typification code…",
				action: 'Get many gestiones',
			},
		],
		default: 'create',
	},
	...createDescription,
	...getManyDescription,
];
