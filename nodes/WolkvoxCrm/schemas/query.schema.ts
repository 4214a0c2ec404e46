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
