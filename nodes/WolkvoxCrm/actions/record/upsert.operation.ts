import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest, WolkvoxSender } from '../../transport';
import { createdOutput } from '../createdOutput';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { queryRecords } from '../queryResults';
import { buildQueryRequest } from './getMany.operation';
import { buildRecordBody, buildRecordUpdateBody, type RecordCreateParams } from './buildRecordBody';
import { readRecordFieldParams, recordFieldProperties } from './fieldProperties';
import { moduleProperties, readModule } from './moduleProperties';

const properties: INodeProperties[] = [
	{
		displayName:
			'Two calls per item: find the record, then create or update it. Not atomic: two runs at the same time can both create the same record.',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
	...moduleProperties('CRM module of the record'),
	{
		displayName: 'Match Field',
		name: 'matchField',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. idcontact',
		description:
			'Field that identifies the record, by the name shown in the CRM form (e.g. idcontact, the identification number). Its value should be unique.',
	},
	{
		displayName: 'Match Value',
		name: 'matchValue',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0012345678',
		description:
			'The one record whose Match Field equals this is updated; when none does, a record is created with this value in the Match Field; when several do, nothing changes and the item fails',
	},
	...recordFieldProperties('Fields to set, by the name shown in the CRM form'),
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['upsert'] } },
	properties,
);

function readParams(ctx: IExecuteFunctions, i: number): RecordCreateParams {
	return { module: readModule(ctx, i) as string, ...readRecordFieldParams(ctx, i) };
}

export const upsert: ItemOperation = {
	subject: 'Record create or update',
	labels: { module: 'Module', field: 'Match Field', value: 'Match Value', fields: 'Fields' },
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		// Both bodies are checked before the first call; the find is the call made first.
		buildRecordBody(readParams(this, i));
		return buildQueryRequest(
			readModule(this, i),
			this.getNodeParameter('matchField', i),
			this.getNodeParameter('matchValue', i),
		);
	},
	async perform(
		this: IExecuteFunctions,
		client: WolkvoxSender,
		find: WolkvoxRequest,
		i: number,
	): Promise<IDataObject> {
		const { field, value } = find.body as { field: string; value: string };
		const found = queryRecords((await client.send(find)).body);
		if (found.length > 1) {
			const ids = found.slice(0, 5).map((r) => String(r.wolkvox_id));
			// Not a FieldError: a find was sent, so "nothing was sent" would not be true; nothing was changed.
			throw new Error(
				`Record create or update: ${field} = "${value}" matches ${found.length} records (${ids.join(', ')}${found.length > 5 ? ', …' : ''}), so none was changed: choose a Match Field whose value is unique`,
			);
		}
		const params = readParams(this, i);
		if (found.length === 0) {
			const body = buildRecordBody(params);
			// Created with its match value, so the next run finds it instead of creating it again.
			if (!Object.prototype.hasOwnProperty.call(body.fields, field)) body.fields[field] = value;
			const answer = await client.send({
				method: 'POST',
				endpoint: 'custom/insert.php',
				body: body as unknown as IDataObject,
			});
			return { ...createdOutput(answer.body), action: 'created' };
		}
		const id = String(found[0].wolkvox_id ?? '');
		const answer = await client.send({
			method: 'POST',
			endpoint: 'custom/update.php',
			body: buildRecordUpdateBody({ ...params, recordId: id }) as unknown as IDataObject,
		});
		return {
			wolkvox_id: id,
			action: 'updated',
			msg: typeof answer.body.msg === 'string' ? answer.body.msg : null,
		};
	},
	toOutput(): IDataObject {
		// perform makes the output.
		return {};
	},
	itemKey(request: WolkvoxRequest): string {
		const body = request.body ?? {};
		return `Record with ${String(body.field)} = ${keyText(body.value)} in ${keyText(body.module)}`;
	},
};
