import type { IDataObject } from 'n8n-workflow';

import { attempt, FAILED } from '../../helpers/attempt';
import { describeValue, formatAmount, isBlank, parseMoney } from '../../helpers/coerce';
import {
	assertAllowedKeys,
	assertAllowedName,
	jsonValueProblem,
	parseJsonParameter,
	toBoolean,
	toText,
} from '../../helpers/values';
import { assertValidBody, FieldError } from '../../helpers/validation';
import { recordIdFrom } from '../../helpers/recordId';
import {
	recordCreateBodySchema,
	recordUpdateBodySchema,
	type RecordCreateBody,
	type RecordUpdateBody,
} from '../../schemas/record.schema';

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

function amount(value: unknown, field: string): number {
	const n = attempt(() => parseMoney(value));
	// parseMoney reads any length of digits; a double overflows to Infinity past about 309 of them.
	if (n === FAILED || !Number.isFinite(n)) {
		throw new FieldError(
			field,
			`must be an amount like 1750905 or 1.750.905,50, got ${describeValue(value)}`,
		);
	}
	return n;
}

function numberValue(value: unknown, field: string): number {
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value.trim())
				: NaN;
	if (!Number.isFinite(n))
		throw new FieldError(field, `must be a number, got ${describeValue(value)}`);
	return n;
}

/** Turns one field row into the value wolkvox expects: plain, or an object with a `type` (address, table, search, relation, telephone, currency). */
export function toFieldValue(input: RecordFieldInput): unknown {
	const name = input.name ?? '';
	const valueType: unknown = input.valueType ?? 'string';
	switch (valueType) {
		case 'string':
			return toText(input.value, name);
		case 'number':
			return numberValue(input.value, name);
		case 'boolean':
			// The text "Value" wins when filled: an expression typed there must not be ignored.
			return toBoolean(isBlank(input.value) ? input.booleanValue : input.value, name);
		case 'address':
			return { type: 'address', value: toText(input.value, name) };
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
				value: toText(input.value, name),
				value_id: toText(input.valueId, `${name} (Related Record ID)`),
				searchModuleName: toText(input.searchModuleName, `${name} (Related Module)`),
			};
		case 'relation': {
			const relation = parseJsonParameter(input.jsonValue, name, 'an object');
			if (!relation || typeof relation !== 'object' || Array.isArray(relation)) {
				throw new FieldError(name, 'must be a JSON object describing the relation');
			}
			// Checked before the spread, which would copy an own "__proto__" key into the body.
			const problem = jsonValueProblem(relation);
			if (problem !== undefined) throw new FieldError(name, problem);
			return { ...(relation as IDataObject), type: 'relation' };
		}
		case 'telephone':
			return {
				type: 'telephone',
				value: toText(input.value, name).trim(),
				country: toText(input.country, `${name} (Phone Country)`),
				code: toText(input.countryCode, `${name} (Phone Country Code)`).replace(/^\+/, ''),
			};
		case 'currency': {
			const value = amount(input.value, name);
			const converted = isBlank(input.convertedAmount)
				? value
				: amount(input.convertedAmount, `${name} (Value in Base Currency)`);
			return {
				type: 'currency',
				value: formatAmount(value),
				symbol: toText(input.currencySymbol, `${name} (Value Currency)`),
				convert: converted,
			};
		}
		case 'json':
			return parseJsonParameter(input.jsonValue, name, 'any JSON value') ?? null;
		default:
			throw new FieldError(name, `has an unknown type ${describeValue(valueType)}`);
	}
}

/** Builds and checks the body of custom/insert.php (without `operation`, which the transport adds). */
export function buildRecordBody(params: RecordCreateParams): RecordCreateBody {
	return assertValidBody(recordCreateBodySchema, {
		module: toText(params.module, 'module').trim(),
		fields: recordFields(params),
	});
}

/** Builds and checks the body of custom/update.php: the record's ID beside the fields to change. */
export function buildRecordUpdateBody(
	params: RecordCreateParams & { recordId: unknown },
): RecordUpdateBody {
	return assertValidBody(recordUpdateBodySchema, {
		module: toText(params.module, 'module').trim(),
		'wolkvox-id': recordIdFrom(params.recordId, 'wolkvox-id'),
		fields: recordFields(params),
	});
}

/** The `fields` object from the field rows or the JSON, each value checked and typed as wolkvox takes it. */
function recordFields(
	params: Pick<RecordCreateParams, 'inputMode' | 'fields' | 'fieldsJson'>,
): IDataObject {
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
		// Checked before copying: Object.assign would take an own "__proto__" key (JSON.parse makes one) as the
		// prototype of `fields` and send its keys nowhere.
		assertAllowedKeys(parsed, 'fields');
		for (const name of Object.keys(parsed)) fields[name] = (parsed as IDataObject)[name];
	} else {
		const list: unknown = params.fields ?? [];
		if (!Array.isArray(list)) throw new FieldError('fields', 'must be a list of fields');
		for (const entry of list as unknown[]) {
			if (!entry || typeof entry !== 'object' || Array.isArray(entry))
				throw new FieldError('fields', `must hold fields, got ${describeValue(entry)}`);
			const field = entry as RecordFieldInput;
			const name = toText(field.name, 'Field Name').trim();
			if (!name) throw new FieldError('Field Name', 'must not be empty');
			assertAllowedName(name, 'Field Name');
			if (Object.prototype.hasOwnProperty.call(fields, name)) {
				throw new FieldError(name, 'is listed twice');
			}
			fields[name] = toFieldValue({ ...field, name }) as IDataObject[string];
		}
	}
	// Typed values carry the user's JSON (a table's rows, a relation, a json field): it must be sendable as is.
	for (const name of Object.keys(fields)) {
		const problem = jsonValueProblem(fields[name]);
		if (problem !== undefined)
			throw new FieldError(params.inputMode === 'json' ? `fields.${name}` : name, problem);
	}
	return fields;
}
