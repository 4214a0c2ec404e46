import { z } from 'zod';

/**
 * Raw JSON mode sends case files as the user wrote them: only their structure is checked here (objects, an
 * Obligations list of objects), and wolkvox judges the content, reporting failures in failed_Sumary.
 * Rows and case-file items are validated field by field in bulk/ instead, which at 100,000 rows
 * is far cheaper than a schema walk of every obligation.
 */
export const rawCaseFileSchema = z
	.object({
		Obligations: z.array(z.record(z.unknown())).optional(),
	})
	.passthrough();

export type RawCaseFile = z.infer<typeof rawCaseFileSchema>;
