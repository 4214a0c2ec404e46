import { z } from 'zod';

import { allowedName, nonEmpty } from './common';

/** Typed field values of custom/insert.php (wolkvox-api.md §2.1) */
const typedValue = z.union([
	z.object({ type: z.literal('address'), value: z.string() }).passthrough(),
	z.object({ type: z.literal('table'), value: z.array(z.record(z.unknown())) }).passthrough(),
	z
		.object({
			type: z.literal('search'),
			value: z.string(),
			value_id: z.string(),
			searchModuleName: nonEmpty,
		})
		.passthrough(),
	// The rest of a relation's shape is undocumented: pass through what the user gives.
	z.object({ type: z.literal('relation') }).passthrough(),
	z
		.object({
			type: z.literal('telephone'),
			value: z.string(),
			country: z.string(),
			code: z.string(),
		})
		.passthrough(),
	z
		.object({
			type: z.literal('currency'),
			value: z.string(),
			symbol: z.string(),
			convert: z.number().finite(),
		})
		.passthrough(),
]);

const FIELD_VALUE_EXPECTED =
	'must be text, a number, true/false, or a typed value such as {"type": "address", "value": "Calle 1"} (address, table, search, relation, telephone, currency)';

// JSON has no NaN or ±Infinity: JSON.stringify would send null.
const fieldValue = z.union([z.string(), z.number().finite(), z.boolean(), z.null(), typedValue], {
	errorMap: () => ({ message: FIELD_VALUE_EXPECTED }),
});

export const recordCreateBodySchema = z.object({
	module: nonEmpty,
	fields: z
		.record(allowedName, fieldValue)
		.refine((fields) => Object.keys(fields).length > 0, 'must hold at least one field'),
});

export type RecordCreateBody = z.infer<typeof recordCreateBodySchema>;
