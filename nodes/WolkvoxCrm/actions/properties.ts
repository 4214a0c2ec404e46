import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_ITEM_TIMEOUT_SECONDS,
	MAX_TIMEOUT_SECONDS,
	MIN_TIMEOUT_SECONDS,
} from '../transport/timeouts';

/** Shows every property of an operation only for its resource and operation (nodes-base's helper). */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			show: { ...displayOptions.show, ...property.displayOptions?.show },
			hide: { ...displayOptions.hide, ...property.displayOptions?.hide },
		},
	}));
}
export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'options',
	default: 1,
	description:
		'How many calls may be in flight at once with this token. wolkvox refuses a third and asks for one at a time.',
	options: [
		{ name: 'One at a Time (Recommended)', value: 1 },
		{ name: 'Two at a Time (Vendor Maximum)', value: 2 },
	],
};

/** The Timeout option of every operation; the per-item and bulk defaults differ. */
export function timeoutOption(displayName: string, defaultSeconds: number): INodeProperties {
	return {
		displayName,
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: MIN_TIMEOUT_SECONDS, maxValue: MAX_TIMEOUT_SECONDS },
		default: defaultSeconds,
		description: `The longest one call may take, in seconds (${MIN_TIMEOUT_SECONDS}–${MAX_TIMEOUT_SECONDS}), waiting out "too many simultaneous requests" refusals included. A call that times out may still have been applied: its item says so.`,
	};
}

/** The "Options" collection of a per-item operation: its own options, then pacing and timeout. */
export function perItemOptions(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...own,
			parallelRequestsOption,
			timeoutOption('Timeout (Seconds)', DEFAULT_ITEM_TIMEOUT_SECONDS),
		],
	};
}

/** The Case File ID of the obligation and gestion operations: an ID, or the case file's URL from the CRM. */
export function caseFileIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Case File ID',
		name: 'caseFileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 64dcf0a1b2c3d4e5f6a7b8c9',
		description,
	};
}
