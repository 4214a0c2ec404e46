import { z } from 'zod';

import { allowedName, nonEmpty } from './common';

const PRIORITY = z.enum(['high', 'normal', 'low']);

/** Custom fields of a case: names as the CRM form shows them, text values. */
const customFields = z.record(nonEmpty.pipe(allowedName), z.string());

/** What cases/insert.php takes besides `operation` and the file (its `form` still an object here). */
export const caseCreateSchema = z
	.object({
		'case-type': nonEmpty,
		responsible: nonEmpty,
		owner: nonEmpty,
		contact: nonEmpty,
		description: nonEmpty,
		status: nonEmpty,
		priority: PRIORITY,
		form: customFields,
		solution: z.string().optional(),
	})
	.strict();

export type CaseCreateFields = z.infer<typeof caseCreateSchema>;

/** What cases/update.php changes: the case's id and at least one documented field (or a file, checked apart). */
export const caseUpdateSchema = z
	.object({
		'wolkvox-id': nonEmpty,
		'case-type': nonEmpty.optional(),
		responsible: nonEmpty.optional(),
		status: nonEmpty.optional(),
		priority: PRIORITY.optional(),
		form: customFields.optional(),
	})
	.strict();

export type CaseUpdateFields = z.infer<typeof caseUpdateSchema>;

/** The names cases/queryCases.php searches by. */
export const CASE_QUERY_FIELDS = [
	'status',
	'priority',
	'email contact',
	'name contact',
	'contact wolkvox id',
	'contact identification',
	'contact phone',
	'description',
	'idCase',
	'idPrefijo',
	'companyName',
	'company id',
	'prefix',
	'reopened',
	'responsible name',
	'responsible user',
	'responsible id',
	'owner name',
	'owner user',
	'owner id',
	'solution',
	'wolkvox-id',
	'type case',
	'case expired',
	'reason',
] as const;

/** cases/queryCases.php: cases whose field (one of the documented names) equals a value. */
export const caseQuerySchema = z
	.object({ field: z.enum(CASE_QUERY_FIELDS), value: nonEmpty })
	.strict();

export type CaseQueryBody = z.infer<typeof caseQuerySchema>;
