import { z } from 'zod';

import { nonEmpty } from './common';

export const GESTION_OPTIONAL_FIELDS = [
	'id_customer',
	'customer_id',
	'wolkvox_idCall',
	'client_name',
	'client_lastname',
	'client_type_document',
	'client_telephone',
	'agent_name',
	'agent_id',
	'type_interaction',
	'time',
	'date',
	'campaign_id',
	'wolkvox_idCustomer',
	'wolkvox_phoneCall',
	'wolkvox_CrmPhoneCall',
	'obligation',
] as const;

export const gestionCreateBodySchema = z.object({
	fields: z
		.object({
			tipifycation_code: nonEmpty,
			tipifycation_desc: nonEmpty,
			// The vendor's sample carries both spellings; we mirror the values.
			tipification_code: nonEmpty,
			tipification_description: nonEmpty,
			module: z.literal('collections'),
			wolkvox_idRecord: nonEmpty,
		})
		.extend(
			Object.fromEntries(GESTION_OPTIONAL_FIELDS.map((f) => [f, z.string().optional()])) as Record<
				(typeof GESTION_OPTIONAL_FIELDS)[number],
				z.ZodOptional<z.ZodString>
			>,
		),
});

export type GestionCreateBody = z.infer<typeof gestionCreateBodySchema>;
