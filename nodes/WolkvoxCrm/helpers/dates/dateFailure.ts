/** Why a value is no calendar date, and how that is said to the user. */
import { describeValue } from '../coerce';
import type { DateParts } from './calendar';
import { expectedDate, type InputDateFormat } from './inputDateFormat';

/** Why a value is no date: a hint for the user, empty when there is nothing to add to what was expected. */
export interface DateFailure {
	hint: string;
}

export const NOT_A_DATE: DateFailure = { hint: '' };
export const NO_SUCH_DATE: DateFailure = { hint: 'no such date' };
export const TWO_DIGIT_YEAR: DateFailure = {
	hint: 'two-digit years are not guessed; write the year with four digits',
};
export const LOOKS_MONTH_FIRST: DateFailure = {
	hint: 'this looks month first; choose MM/DD/YYYY as the input date format if your data is written so',
};

/** Whether dateOrFailure found no date. */
export function isDateFailure(parsed: DateParts | DateFailure): parsed is DateFailure {
	return (parsed as DateFailure).hint !== undefined;
}

/** `must be <expected>, got <value> (<hint>)` */
export function dateFailureMessage(
	value: unknown,
	failure: DateFailure,
	format: InputDateFormat = 'auto',
): string {
	return `must be ${expectedDate(format)}, got ${describeValue(value)}${failure.hint ? ` (${failure.hint})` : ''}`;
}
