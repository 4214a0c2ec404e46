import { attempt, FAILED } from '../../helpers/attempt';
import { toWolkvoxDateTime } from '../../helpers/dates';
import { assertValidBody, FieldError } from '../../helpers/validation';
import {
	gestionCreateBodySchema,
	GESTION_OPTIONAL_FIELDS,
	type GestionCreateBody,
} from '../../schemas/gestion.schema';

export interface GestionCreateParams {
	typificationCode: unknown;
	typificationDescription: unknown;
	caseFileId: unknown;
	/** Always "collections" (seed 001); anything else is refused by the schema */
	module?: unknown;
	/** Optional fields by their wolkvox names (id_customer, agent_name, …) */
	additionalFields?: Record<string, unknown>;
}

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string'
		? value.trim()
		: typeof value === 'object'
			? JSON.stringify(value)
			: String(value);
}

/** Builds and checks the body of collections/insertGestion.php (seed 001, decisions of wolkvox-api.md §2.4). */
export function buildGestionBody(params: GestionCreateParams, timeZone = 'UTC'): GestionCreateBody {
	const code = text(params.typificationCode);
	const desc = text(params.typificationDescription);
	const fields: Record<string, string> = {
		tipifycation_code: code,
		tipifycation_desc: desc,
		tipification_code: code,
		tipification_description: desc,
		module: params.module === undefined ? 'collections' : text(params.module),
		wolkvox_idRecord: text(params.caseFileId),
	};
	const extra = params.additionalFields ?? {};
	for (const name of GESTION_OPTIONAL_FIELDS) {
		const value = text(extra[name]);
		if (value !== '') fields[name] = value;
	}
	// The interaction date is an n8n date-time: sent like the task dates (the vendor gives no format).
	if (fields.date !== undefined) {
		const raw = extra.date;
		const date = attempt(() => toWolkvoxDateTime(raw, timeZone));
		if (date === FAILED) {
			throw new FieldError(
				'date',
				`must be a date and time (e.g. 2026-11-23 10:30:00), got "${fields.date}"`,
			);
		}
		fields.date = date;
	}
	return assertValidBody(gestionCreateBodySchema, { fields });
}
