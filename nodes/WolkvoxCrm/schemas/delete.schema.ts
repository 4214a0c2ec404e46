import { z } from 'zod';

import { nonEmpty } from './common';

/** custom/delete.php: one ID, or a list of IDs with `multiple: true`. */
export const recordDeleteBodySchema = z.union([
	z.object({ module: nonEmpty, multiple: z.literal(false), 'wolkvox-id': nonEmpty }).strict(),
	z
		.object({ module: nonEmpty, multiple: z.literal(true), 'wolkvox-id': z.array(nonEmpty).min(2) })
		.strict(),
]);

export type RecordDeleteBody = z.infer<typeof recordDeleteBodySchema>;
