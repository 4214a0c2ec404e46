import type { IDataObject } from 'n8n-workflow';

import { isForbiddenName } from '../../helpers/values';

/** Keys a typed value may carry beside `value`: search/relation, telephone, currency, address. */
const TYPED_VALUE_KEYS: ReadonlySet<string> = new Set([
	'value',
	'value_id',
	'type',
	'searchModuleName',
	'country',
	'code',
	'symbol',
	'convert',
]);

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{value, value_id}`, `{country, code, value}`, `{value, symbol, convert}`… → the value. */
function plainValue(value: unknown): unknown {
	if (!isPlainObject(value) || !('value' in value)) return value;
	return Object.keys(value).every((key) => TYPED_VALUE_KEYS.has(key)) ? value.value : value;
}

/** The owner as other calls take it (a task's owner, for instance): the CRM user, else the e-mail or name. */
function ownerValue(owner: unknown): unknown {
	if (!isPlainObject(owner)) return owner;
	return owner.user ?? owner.email ?? owner.nombre ?? owner.id ?? null;
}

/**
 * A record as the query endpoints return it, with typed values turned into plain values so the next node can use
 * `{{ $json.telephonecontact }}` directly. Tables (lists) and unknown shapes stay as they are; `wolkvox_id` and
 * the other system keys are kept.
 */
export function simplifyRecord(record: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (isForbiddenName(key)) continue;
		simple[key] = (
			key === 'wolkvox_owner' ? ownerValue(value) : plainValue(value)
		) as IDataObject[string];
	}
	return simple;
}
