/** What the date tests share: a value read as a calendar date and written back, and a CoercionError's message. */
import { CoercionError } from '../../../../nodes/WolkvoxCrm/helpers/coerce';
import { parseDateInput } from '../../../../nodes/WolkvoxCrm/helpers/dates/calendarDate';
import type { InputDateFormat } from '../../../../nodes/WolkvoxCrm/helpers/dates/inputDateFormat';
import { formatDate } from '../../../../nodes/WolkvoxCrm/helpers/dates/wolkvoxFormat';

export const ymd = (value: unknown, format?: InputDateFormat) =>
	formatDate(parseDateInput(value, format));

export function messageOf(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		if (error instanceof CoercionError) return error.message;
		throw new Error(`expected a CoercionError, got ${String(error)}`);
	}
	throw new Error('expected a CoercionError, nothing was thrown');
}
