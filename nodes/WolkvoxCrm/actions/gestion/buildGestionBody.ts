import { recordIdFrom } from '../../helpers/recordId';
import { attempt, FAILED } from '../../helpers/attempt';
import { describeValue, isBlank } from '../../helpers/coerce';
import { toWolkvoxDateTime } from '../../helpers/dates/wolkvoxDateTime';
import { toText } from '../../helpers/values';
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
	/** Always "collections", the only module the gestion endpoint documents; anything else is refused by the schema */
	module?: unknown;
	/** Optional fields by their wolkvox names (id_customer, agent_name, …) */
	additionalFields?: unknown;
}

/**
 * Builds and checks the body of collections/insertGestion.php (the vendor page's title names insertObligation.php,
 * but every sample calls insertGestion.php). The typification goes in both spellings the vendor's sample uses.
 */
export function buildGestionBody(params: GestionCreateParams, timeZone = 'UTC'): GestionCreateBody {
	const code = toText(params.typificationCode, 'fields.tipifycation_code').trim();
	const desc = toText(params.typificationDescription, 'fields.tipifycation_desc').trim();
	const fields: Record<string, string> = {
		tipifycation_code: code,
		tipifycation_desc: desc,
		tipification_code: code,
		tipification_description: desc,
		module:
			params.module === undefined ? 'collections' : toText(params.module, 'fields.module').trim(),
		wolkvox_idRecord: recordIdFrom(params.caseFileId, 'fields.wolkvox_idRecord'),
	};
	const extra =
		params.additionalFields && typeof params.additionalFields === 'object'
			? (params.additionalFields as Record<string, unknown>)
			: {};
	for (const name of GESTION_OPTIONAL_FIELDS) {
		// Only own keys: a name such as "constructor" must not be read from the object's prototype.
		const raw = Object.prototype.hasOwnProperty.call(extra, name) ? extra[name] : undefined;
		if (isBlank(raw)) continue;
		// The interaction date is an n8n date-time: sent like the task dates (the vendor gives no format).
		if (name === 'date') {
			const date = attempt(() => toWolkvoxDateTime(raw, timeZone));
			if (date === FAILED) {
				throw new FieldError(
					'date',
					`must be a date and time (e.g. 2026-11-23 10:30:00), got ${describeValue(raw)}`,
				);
			}
			fields.date = date;
			continue;
		}
		const value = toText(raw, name).trim();
		if (value !== '') fields[name] = value;
	}
	return assertValidBody(gestionCreateBodySchema, { fields });
}
