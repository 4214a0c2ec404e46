import { z } from 'zod';

import {
	allowedName,
	amountString,
	DAY_FIRST_DATE,
	integerString,
	ISO_DATE,
	nonEmpty,
} from './common';

const date = z.string().refine((v) => ISO_DATE.test(v) || DAY_FIRST_DATE.test(v), 'must be a date');

export const obligationCreateBodySchema = z.object({
	wolkvox_id: nonEmpty,
	fields: z.object({
		id: nonEmpty,
		name: nonEmpty,
		total_balance: amountString.optional(),
		portfolio_type: z.string().optional(),
		last_pay: amountString.optional(),
		last_pay_date: date.optional(),
		expiring_date: date.optional(),
		days_delay: integerString.optional(),
		form: z.array(z.object({ name: nonEmpty.pipe(allowedName), value: z.string() })).optional(),
	}),
});

export type ObligationCreateBody = z.infer<typeof obligationCreateBodySchema>;

/** PUT on insertObligation.php: the same body, the obligation found by its id; its name only when it changes. */
export const obligationUpdateBodySchema = obligationCreateBodySchema.extend({
	fields: obligationCreateBodySchema.shape.fields.extend({ name: nonEmpty.optional() }),
});

export type ObligationUpdateBody = z.infer<typeof obligationUpdateBodySchema>;
