import type { INodeProperties } from 'n8n-workflow';

import * as upload from './upload.operation';

/** The dispatch table: operation value → implementation */
export const operations = { upload: upload.operation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bulkCollections'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				description:
					'Load or update many collections case files with their obligations in few calls (from sheet rows, case-file items or JSON)',
				action: 'Upload case files in bulk',
			},
		],
		default: 'upload',
	},
	...upload.description,
];
