import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { WolkvoxRequest } from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import type { ItemOperation } from '../operation';
import { perItemOptions, updateDisplayOptions } from '../properties';
import { tokenUsage } from './tokenUsage';

const properties: INodeProperties[] = [
	{
		displayName:
			"This call itself spends one use of the token's daily quota. It runs once per input item: put it where one item arrives, or turn on the node's Execute Once setting.",
		name: 'quotaNotice',
		type: 'notice',
		default: '',
	},
	perItemOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['getUsage'] } },
	properties,
);

export const getUsage: ItemOperation = {
	subject: 'Token usage',
	readOnly: true,
	prepare(): WolkvoxRequest {
		return { method: 'GET', endpoint: 'token/tokenInformation.php', readOnly: true };
	},
	toOutput(body: WolkvoxEnvelope): IDataObject {
		return tokenUsage(body.data);
	},
	itemKey(): string {
		return 'Token usage query';
	},
};
