import { toText } from '../../helpers/values';
import { assertValidBody } from '../../helpers/validation';
import { recordQueryBodySchema, type RecordQueryBody } from '../../schemas/query.schema';

export interface RecordQueryParams {
	module: unknown;
	/** The field to match, by the name shown in the CRM form (or a built-in name such as idcontact) */
	field: unknown;
	/** The value it must equal; a number from an expression is sent as its text */
	value: unknown;
}

/** The body of custom/query.php. Ids keep their leading zeros: values are sent as text, trimmed. */
export function buildRecordQueryBody(params: RecordQueryParams): RecordQueryBody {
	return assertValidBody(recordQueryBodySchema, {
		module: toText(params.module, 'module').trim(),
		field: toText(params.field, 'field').trim(),
		value: toText(params.value, 'value').trim(),
	});
}
