/** The errors and error items of every operation: which item, which field, what it means for the data. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CoercionError } from '../helpers/coerce';
import { FieldError } from '../helpers/validation';
import { toNodeApiError, type WolkvoxApiError } from '../transport';

/** A value from a request body as a short quoted name for messages. */
export function keyText(value: unknown): string {
	const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
	return `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
}
/** The user's input could not be turned into a request: say which item and field, and how to fix it. */
export function toInputError(
	ctx: IExecuteFunctions,
	error: Error,
	itemIndex: number,
	subject: string,
	labels: Record<string, string> = {},
): NodeOperationError {
	if (error instanceof FieldError || error instanceof CoercionError) {
		const field = error instanceof FieldError ? error.field : undefined;
		const label = field && labels[field];
		const named = field ? (label ? ` "${label}" (${field})` : ` "${field}"`) : '';
		return new NodeOperationError(
			ctx.getNode(),
			`${subject}${named} ${error instanceof FieldError ? error.expected : error.message} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Nothing was sent for this item. Correct the value in the node or in the input data.',
			},
		);
	}
	return new NodeOperationError(ctx.getNode(), `${error.message} [item ${itemIndex}]`, {
		itemIndex,
	});
}

/** The item n8n routes to the error output: `json` must hold `error` (and `message`) and nothing else. */
export function errorItem(
	error: { message: string; description?: string | null },
	pairedItem: INodeExecutionData['pairedItem'],
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.message = error.description;
	return { json, pairedItem };
}

/** At most this many already-done items are named in a stop's description. */
const MAX_NAMED_ITEMS = 10;

export type KeyedItem = { index: number; key: string };

function listed(entries: KeyedItem[], noun: string): string {
	const named = [...entries]
		.sort((a, b) => a.index - b.index)
		.slice(0, MAX_NAMED_ITEMS)
		.map((d) => `${noun} ${d.index} (${d.key})`);
	const more =
		entries.length > MAX_NAMED_ITEMS ? ` and ${entries.length - MAX_NAMED_ITEMS} more` : '';
	return `${named.join(', ')}${more}`;
}

/**
 * What was already done (and what may have been) when the node stops, so a user who runs it again knows what
 * would be sent twice.
 */
export function describeDone(done: KeyedItem[], unknown: KeyedItem[] = [], noun = 'item'): string {
	const parts: string[] = [];
	if (done.length === 0 && unknown.length === 0) {
		return `No earlier ${noun} was stored before this failure.`;
	}
	if (done.length) {
		parts.push(
			`${done.length} earlier ${noun}(s) were already stored in wolkvox: ${listed(done, noun)}.`,
		);
	}
	if (unknown.length) {
		parts.push(
			`${unknown.length} other ${noun}(s) may have been stored (outcome unknown; check the CRM): ${listed(unknown, noun)}.`,
		);
	}
	parts.push(
		'Running the workflow again sends them again; remove them from the input first (Retry On Fail does not send them twice).',
	);
	return parts.join(' ');
}

/** The error for an item whose call failed, worded by what the failure means for its data. */
export function callError(
	ctx: IExecuteFunctions,
	error: WolkvoxApiError,
	itemIndex: number,
	key: string,
	readOnly = false,
): NodeApiError {
	const nodeError = toNodeApiError(ctx, error, itemIndex, key);
	if (readOnly) {
		nodeError.description =
			`${error.failure.description} ${key} only reads: nothing was changed, and it is safe to run again.`.trim();
	} else if (error.failure.outcome === 'unknown') {
		nodeError.description = `Outcome unknown: ${key} may have been stored. Check the CRM for it before sending it again. ${error.failure.description}`;
	} else {
		nodeError.description = `${error.failure.description} Nothing was stored for ${key}.`;
	}
	return nodeError;
}

/** The error for an item not sent because an earlier call showed that every call would fail the same way. */
export function notSentError(
	ctx: IExecuteFunctions,
	stop: WolkvoxApiError,
	itemIndex: number,
	key: string,
): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`${key}: not sent, because an earlier call failed: ${stop.failure.message} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `${stop.failure.description} Nothing was sent for this item.`,
		},
	);
}
