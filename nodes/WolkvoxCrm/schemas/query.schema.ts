import { z } from 'zod';

import { allowedName, nonEmpty } from './common';

/** custom/query.php: records of a module whose field equals a value. */
export const recordQueryBodySchema = z
	.object({
		module: nonEmpty.pipe(allowedName),
		field: nonEmpty.pipe(allowedName),
		value: nonEmpty,
	})
	.strict();

export type RecordQueryBody = z.infer<typeof recordQueryBodySchema>;

/** collections/queryObligation.php: an obligation (its id or name) of a case file. */
export const obligationQueryBodySchema = z
	.object({ obligation: nonEmpty, wolkvox_id: nonEmpty })
	.strict();

export type ObligationQueryBody = z.infer<typeof obligationQueryBodySchema>;

/** collections/queryGestion.php: gestiones whose field equals a value. */
export const gestionQueryBodySchema = z
	.object({ field: nonEmpty.pipe(allowedName), value: nonEmpty })
	.strict();

export type GestionQueryBody = z.infer<typeof gestionQueryBodySchema>;

const MINUTE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/** custom/queryDates.php: records created between two times (`YYYY-MM-DD HH:mm`), `limit` as text. */
export const recordDateQueryBodySchema = z
	.object({
		module: nonEmpty.pipe(allowedName),
		date: z.literal(true),
		from: z.string().regex(MINUTE_TIME, 'must be a date and time like 2026-11-30 17:00'),
		to: z.string().regex(MINUTE_TIME, 'must be a date and time like 2026-11-30 17:00'),
		limit: z.string().regex(/^[1-9]\d*$/, 'must be a whole number of 1 or more').optional(),
	})
	.strict()
	.refine((b) => b.from <= b.to, { message: 'must not be after To', path: ['from'] });

export type RecordDateQueryBody = z.infer<typeof recordDateQueryBodySchema>;
