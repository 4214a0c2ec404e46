import { z } from 'zod';

import { nonEmpty, WOLKVOX_DATE_TIME } from './common';

const dateTime = z.string().regex(WOLKVOX_DATE_TIME, 'must be a date-time YYYY-MM-DD HH:mm:ss');

export const taskCreateBodySchema = z.object({
	module: z.literal('wolkvox_activities'),
	type: z.literal('task'),
	fields: z
		.object({
			status: nonEmpty,
			name: nonEmpty,
			priority: z.enum(['high', 'normal', 'low']),
			name_module: nonEmpty,
			completion_date: dateTime,
			remember: z.boolean(),
			// May be empty when the reminder is off: the page lists it as required, but it means nothing then
			reminder_date: z.union([dateTime, z.literal('')], {
				errorMap: () => ({ message: 'must be a date-time YYYY-MM-DD HH:mm:ss' }),
			}),
			description: z.string(),
			id_record: nonEmpty,
			wolkvox_owner: nonEmpty,
		})
		.superRefine((fields, ctx) => {
			if (fields.remember && fields.reminder_date === '') {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['reminder_date'],
					message: 'is required when the reminder is on',
				});
			}
		}),
});

export type TaskCreateBody = z.infer<typeof taskCreateBodySchema>;
