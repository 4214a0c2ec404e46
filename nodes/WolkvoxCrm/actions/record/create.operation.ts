import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { createdOutput } from '../createdOutput';
import { keyText } from '../errors';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { readRecordFieldParams, recordFieldProperties } from './fieldProperties';
import { moduleProperties, readModule } from './moduleProperties';
import { buildRecordBody, type RecordCreateParams } from './buildRecordBody';

// Fields that usually name a record, tried in order to tell the user which record an error is about.
const NAME_FIELDS = ['namecontact', 'name', 'nombre', 'emailcontact', 'idcontact'];

const properties: INodeProperties[] = [
	...moduleProperties('CRM module that receives the new record'),
	...recordFieldProperties('Fields of the new record, by the name shown in the CRM form'),
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['create'] } },
	properties,
);

export const create: ItemOperation = {
	subject: 'Record',
	labels: {
		module: 'Module',
		fields: 'Fields',
	},
	prepare(this: IExecuteFunctions, i: number): WolkvoxRequest {
		const params: RecordCreateParams = {
			module: readModule(this, i) as string,
			...readRecordFieldParams(this, i),
		};
		return {
			method: 'POST',
			endpoint: 'custom/insert.php',
			body: buildRecordBody(params) as unknown as IDataObject,
		};
	},
	toOutput(body: WolkvoxEnvelope): IDataObject {
		return createdOutput(body);
	},
	itemKey(request: WolkvoxRequest): string {
		const fields = (request.body?.fields ?? {}) as IDataObject;
		const named = NAME_FIELDS.find(
			(name) => typeof fields[name] === 'string' && fields[name] !== '',
		);
		const first = named ?? Object.keys(fields).find((name) => typeof fields[name] === 'string');
		const label = first
			? `${named ? '' : `${first} `}${keyText(fields[first])}`
			: '(no text field)';
		return `Record ${label} in ${keyText(request.body?.module)}`;
	},
};
