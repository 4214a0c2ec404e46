import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** A record picked by its ID or by its URL from the CRM's address bar (whose last segment is the ID). */
export function recordLocator(displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name: 'recordId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 64dcf0a1b2c3d4e5f6a7b8c9',
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://crm0001.wolkvox.com/contacts/64dcf0a1b2c3d4e5f6a7b8c9',
			},
		],
	};
}

/** The locator's value (an ID or a URL; the body builder takes the ID from a URL). */
export function readRecordLocator(ctx: IExecuteFunctions, i: number): unknown {
	return ctx.getNodeParameter('recordId', i, '', { extractValue: true });
}
