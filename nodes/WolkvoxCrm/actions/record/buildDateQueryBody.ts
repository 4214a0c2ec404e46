import { describeValue } from '../../helpers/coerce';
import { toWolkvoxDateTime } from '../../helpers/dates/wolkvoxDateTime';
import { attempt, FAILED } from '../../helpers/attempt';
import { toText } from '../../helpers/values';
import { assertValidBody, FieldError } from '../../helpers/validation';
import { recordDateQueryBodySchema, type RecordDateQueryBody } from '../../schemas/query.schema';

export interface RecordDateQueryParams {
	module: unknown;
	from: unknown;
	to: unknown;
	/** Undefined: every record in the range */
	limit?: number;
}

/** A date-time as the endpoint takes it, `YYYY-MM-DD HH:mm`, in the workflow's time zone. */
function minuteTime(value: unknown, field: string, timeZone: string): string {
	const text = attempt(() => toWolkvoxDateTime(value, timeZone));
	if (text === FAILED)
		throw new FieldError(
			field,
			`must be a date and time (e.g. 2026-11-30 17:00), got ${describeValue(value)}`,
		);
	return text.slice(0, 16);
}

/** The body of custom/queryDates.php: records of a module created between From and To. */
export function buildRecordDateQueryBody(
	params: RecordDateQueryParams,
	timeZone: string,
): RecordDateQueryBody {
	return assertValidBody(recordDateQueryBodySchema, {
		module: toText(params.module, 'module').trim(),
		date: true,
		from: minuteTime(params.from, 'from', timeZone),
		to: minuteTime(params.to, 'to', timeZone),
		...(params.limit === undefined ? {} : { limit: String(params.limit) }),
	});
}
