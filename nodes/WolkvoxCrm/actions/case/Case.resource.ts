import type { INodeProperties } from 'n8n-workflow';

import { perItem } from '../runPerItem';
import { create, description as createDescription } from './create.operation';
import { getMany, description as getManyDescription } from './getMany.operation';
import { update, description as updateDescription } from './update.operation';

/** The dispatch table: operation value → implementation */
export const operations = {
	create: perItem(create),
	getMany: perItem(getMany),
	update: perItem(update),
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Open a case (request, complaint, claim, suggestion) for a contact, with optional attachments from binary data',
				action: 'Create a case',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					"Find cases by the contact's identification, e-mail or phone, the case number, the status…",
				action: 'Get many cases',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a case's type, responsible, status, priority or custom fields, or add a file",
				action: 'Update a case',
			},
		],
		default: 'create',
	},
	...createDescription,
	...getManyDescription,
	...updateDescription,
];
