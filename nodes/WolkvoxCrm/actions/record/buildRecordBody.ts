import type { IDataObject } from 'n8n-workflow';

import { attempt, FAILED } from '../../helpers/attempt';
import { parseJsonParameter, toBoolean } from '../../helpers/values';
import { formatAmount, parseMoney } from '../../helpers/coerce';
import { assertValidBody, FieldError } from '../../helpers/validation';
import { recordCreateBodySchema, type RecordCreateBody } from '../../schemas/record.schema';

export type FieldValueType =
	| 'address'
	| 'boolean'
	| 'currency'
	| 'json'
	| 'number'
	| 'relation'
	| 'search'
	| 'string'
	| 'table'
	| 'telephone';

/** One row of the "Fields" list, as the node's parameters hold it */
export interface RecordFieldInput {
	name?: string;
	valueType?: FieldValueType;
	value?: unknown;
	booleanValue?: boolean;
	valueId?: string;
	searchModuleName?: string;
	country?: string;
	countryCode?: string;
	currencySymbol?: string;
	convertedAmount?: unknown;
	jsonValue?: unknown;
}

export interface RecordCreateParams {
	module: string;
	inputMode: 'fields' | 'json';
	fields?: RecordFieldInput[];
	fieldsJson?: unknown;
}

function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string'
		? value
		: typeof value === 'object'
			? JSON.stringify(value)
			: String(value);
}

function amount(value: unknown, field: string): number {
	const n = attempt(() => parseMoney(value));
	if (n === FAILED) {
		throw new FieldError(
			field,
			`must be an amount like 1750905 or 1.750.905,50, got "${asText(value)}"`,
		);
	}
	return n;
}

/** Turns one field row into the value wolkvox expects: plain, or an object with a `type` (seed 004). */
export function toFieldValue(input: RecordFieldInput): unknown {
	const name = input.name ?? '';
	const text = asText(input.value);
	switch (input.valueType ?? 'string') {
		case 'string':
			return text;
		case 'number': {
			const n = typeof input.value === 'number' ? input.value : Number(text.trim());
			if (text.trim() === '' || !Number.isFinite(n))
				throw new FieldError(name, `must be a number, got "${text}"`);
			return n;
		}
		case 'boolean':
			// The text "Value" wins when filled: an expression typed there must not be ignored.
			return toBoolean(text.trim() !== '' ? input.value : input.booleanValue, name);
		case 'address':
			return { type: 'address', value: text };
		case 'table': {
			const rows = parseJsonParameter(
				input.jsonValue,
				name,
				'a list of rows like [{"Column": "value"}]',
			);
			if (
				!Array.isArray(rows) ||
				rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r))
			) {
				throw new FieldError(name, 'must be a list of rows like [{"Column": "value"}]');
			}
			return { type: 'table', value: rows };
		}
		case 'search':
			return {
				type: 'search',
				value: text,
				value_id: asText(input.valueId),
				searchModuleName: asText(input.searchModuleName),
			};
		case 'relation': {
			const relation = parseJsonParameter(input.jsonValue, name, 'an object');
			if (!relation || typeof relation !== 'object' || Array.isArray(relation)) {
				throw new FieldError(name, 'must be a JSON object describing the relation');
			}
			return { ...(relation as IDataObject), type: 'relation' };
		}
		case 'telephone':
			return {
				type: 'telephone',
				value: text.trim(),
				country: asText(input.country),
				code: asText(input.countryCode).replace(/^\+/, ''),
			};
		case 'currency': {
			const value = amount(input.value, name);
			const converted =
				asText(input.convertedAmount).trim() === '' ? value : amount(input.convertedAmount, name);
			return {
				type: 'currency',
				value: formatAmount(value),
				symbol: asText(input.currencySymbol),
				convert: converted,
			};
		}
		case 'json':
			return parseJsonParameter(input.jsonValue, name, 'any JSON value') ?? null;
		default:
			throw new FieldError(name, `has an unknown type "${String(input.valueType)}"`);
	}
}

/** Builds and checks the body of custom/insert.php (without `operation`, which the transport adds). */
export function buildRecordBody(params: RecordCreateParams): RecordCreateBody {
	const fields: IDataObject = {};
	if (params.inputMode === 'json') {
		const parsed = parseJsonParameter(
			params.fieldsJson,
			'fields',
			'an object of field name → value',
		);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new FieldError('fields', 'must be a JSON object of field name → value');
		}
		Object.assign(fields, parsed);
	} else {
		for (const field of params.fields ?? []) {
			const name = (field.name ?? '').trim();
			if (!name) throw new FieldError('Field Name', 'must not be empty');
			if (Object.prototype.hasOwnProperty.call(fields, name)) {
				throw new FieldError(name, 'is listed twice');
			}
			fields[name] = toFieldValue({ ...field, name }) as IDataObject[string];
		}
	}
	return assertValidBody(recordCreateBodySchema, { module: (params.module ?? '').trim(), fields });
}
