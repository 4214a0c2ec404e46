import { z } from 'zod';

import { allowedName, nonEmpty } from './common';

/** Typed field values of custom/insert.php: address, table, search, relation, telephone, currency */
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

const filled = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

// JSON has no NaN or ±Infinity: JSON.stringify would send null.
const fieldValue = z
	.union([z.string(), z.number().finite(), z.boolean(), z.null(), typedValue], {
		errorMap: () => ({ message: FIELD_VALUE_EXPECTED }),
	})
	// What the typed values carry is only lightly documented. An address, telephone or currency without a value,
	// or a search without a value or an id, cannot name anything in the CRM: refused here before a call is spent.
	.superRefine((v, ctx) => {
		if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
		const typed = v as { type?: unknown; value?: unknown; value_id?: unknown };
		if (
			(typed.type === 'address' || typed.type === 'telephone' || typed.type === 'currency') &&
			!filled(typed.value)
		) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must not be empty (${typed.type === 'address' ? 'an' : 'a'} ${typed.type} needs its value)`,
			});
		} else if (typed.type === 'search' && !filled(typed.value) && !filled(typed.value_id)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'needs a value or a value ID (a search value names the record it points at)',
			});
		}
	});

const recordFieldsSchema = z
	.record(allowedName, fieldValue)
	.refine((fields) => Object.keys(fields).length > 0, 'must hold at least one field');

export const recordCreateBodySchema = z.object({
	// Tasks live in wolkvox_activities and need a `type` this body has no place for (Task → Create sends it).
	module: nonEmpty.refine(
		(module) => module !== 'wolkvox_activities',
		'is the module of tasks: create tasks with the Task resource',
	),
	fields: recordFieldsSchema,
});

export type RecordCreateBody = z.infer<typeof recordCreateBodySchema>;

/** custom/update.php: the record's ID (with a hyphen, as the custom group spells it) and the fields to change. */
export const recordUpdateBodySchema = z
	.object({
		module: nonEmpty,
		'wolkvox-id': nonEmpty,
		fields: recordFieldsSchema,
	})
	.strict();

export type RecordUpdateBody = z.infer<typeof recordUpdateBodySchema>;
