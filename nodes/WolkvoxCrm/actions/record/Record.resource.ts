import type { INodeProperties } from 'n8n-workflow';

import { perItem } from '../runPerItem';
import { inBatches } from '../runInBatches';
import { create, description as createDescription } from './create.operation';
import { deleteRecords, description as deleteDescription } from './delete.operation';
import {
	createMany,
	createManyDescription,
	updateMany,
	updateManyDescription,
} from './manyOperations';
import { getMany, description as getManyDescription } from './getMany.operation';
import { getManyByDate, description as getManyByDateDescription } from './getManyByDate.operation';
import { update, description as updateDescription } from './update.operation';
import { upsert, description as upsertDescription } from './upsert.operation';

/** The dispatch table: operation value → implementation */
export const operations = {
	create: perItem(create),
	createMany: inBatches(createMany),
	delete: inBatches(deleteRecords),
	getMany: perItem(getMany),
	getManyByDate: perItem(getManyByDate),
	update: perItem(update),
	updateMany: inBatches(updateMany),
	upsert: perItem(upsert),
};

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
				name: 'Create Many',
				value: 'createMany',
				description:
					'Create a record per input item, many in one call (all of one call are refused together if one is invalid)',
				action: 'Create many records',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a record',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete records by ID or CRM URL, many in one call',
				action: 'Delete a record',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Find the records of a module whose field equals a value, e.g. the contact with identification 0012345678',
				action: 'Get many records',
			},
			{
				name: 'Get Many by Date Range',
				value: 'getManyByDate',
				description: 'Find the records of a module created between two dates',
				action: 'Get many records by date range',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a record, found by its ID or its URL from the CRM',
				action: 'Update a record',
			},
			{
				name: 'Update Many',
				value: 'updateMany',
				description: 'Change a record per input item, many in one call',
				action: 'Update many records',
			},
		],
		default: 'create',
	},
	...createDescription,
	...createManyDescription,
	...deleteDescription,
	...getManyDescription,
	...getManyByDateDescription,
	...updateDescription,
	...updateManyDescription,
	...upsertDescription,
];
