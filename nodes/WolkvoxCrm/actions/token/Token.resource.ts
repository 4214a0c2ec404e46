import type { INodeProperties } from 'n8n-workflow';

import { perItem } from '../runPerItem';
import { getUsage, description as getUsageDescription } from './getUsage.operation';

/** The dispatch table: operation value → implementation */
export const operations = { getUsage: perItem(getUsage) };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{
				name: 'Get Usage',
				value: 'getUsage',
				description:
					"The token's daily limit, what was used today, what is left and the hours until it resets; spends one use",
				action: 'Get token usage',
			},
		],
		default: 'getUsage',
	},
	...getUsageDescription,
];
