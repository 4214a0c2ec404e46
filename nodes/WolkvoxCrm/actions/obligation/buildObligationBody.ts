import { recordIdFrom } from '../../helpers/recordId';
import {
	amountText,
	describeValue,
	EXPECTED_AMOUNT,
	integerText,
	isBlank,
} from '../../helpers/coerce';
import { dateOrFailure } from '../../helpers/dates/calendarDate';
import { isDateFailure } from '../../helpers/dates/dateFailure';
import { formatDate, type OutputDateFormat } from '../../helpers/dates/wolkvoxFormat';
import { assertAllowedName, toText } from '../../helpers/values';
import { assertValidBody, FieldError } from '../../helpers/validation';
import {
	obligationCreateBodySchema,
	obligationUpdateBodySchema,
	type ObligationCreateBody,
	type ObligationUpdateBody,
} from '../../schemas/obligation.schema';

export type { OutputDateFormat };

export interface ObligationCreateParams {
	caseFileId: unknown;
	obligationId: unknown;
	obligationName: unknown;
	totalBalance?: unknown;
	portfolioType?: unknown;
	lastPay?: unknown;
	lastPayDate?: unknown;
	expiringDate?: unknown;
	daysDelay?: unknown;
	/** The "Custom Fields" list; an expression can make it, or any entry, anything */
	customFields?: unknown;
	dateFormat?: OutputDateFormat;
}

/** An optional value through a coercion that answers undefined when it cannot: undefined when blank. */
function coerce(
	field: string,
	value: unknown,
	expected: string,
	fn: (v: unknown) => string | undefined,
): string | undefined {
	if (isBlank(value)) return undefined;
	const result = fn(value);
	if (result === undefined)
		throw new FieldError(field, `must be ${expected}, got ${describeValue(value)}`);
	return result;
}

/** An optional date, written in the chosen format: undefined when blank. */
function dateField(
	field: string,
	value: unknown,
	example: string,
	format: OutputDateFormat,
): string | undefined {
	if (isBlank(value)) return undefined;
	const parts = dateOrFailure(value);
	if (isDateFailure(parts)) {
		const hint = parts.hint ? ` (${parts.hint})` : '';
		throw new FieldError(
			field,
			`must be a date (e.g. ${example}), got ${describeValue(value)}${hint}`,
		);
	}
	return formatDate(parts, format);
}

function customForm(list: unknown): Array<{ name: string; value: string }> {
	if (list === undefined || list === null) return [];
	if (!Array.isArray(list)) throw new FieldError('form', 'must be a list of custom fields');
	return list.map((entry: unknown, index) => {
		const at = `form[${index}]`;
		if (!entry || typeof entry !== 'object' || Array.isArray(entry))
			throw new FieldError(at, `must be a custom field, got ${describeValue(entry)}`);
		const f = entry as { name?: unknown; value?: unknown };
		const name = toText(f.name, `${at}.name`).trim();
		if (!name) throw new FieldError(`${at}.name`, 'must not be empty');
		assertAllowedName(name, `${at}.name`);
		// Values are strings in every vendor example.
		return { name, value: toText(f.value, `${at}.value`) };
	});
}

/** Builds and checks the body of collections/insertObligation.php; values travel as strings, as in every vendor example. */
export function buildObligationBody(params: ObligationCreateParams): ObligationCreateBody {
	return assertValidBody(obligationCreateBodySchema, obligationBody(params));
}

/** The body of an update (PUT on the same endpoint): as a create's, with the name sent only when given. */
export function buildObligationUpdateBody(params: ObligationCreateParams): ObligationUpdateBody {
	const body = obligationBody(params);
	if (body.fields.name === '') delete body.fields.name;
	return assertValidBody(obligationUpdateBodySchema, body);
}

function obligationBody(params: ObligationCreateParams): {
	wolkvox_id: string;
	fields: Record<string, unknown>;
} {
	const dateFormat = params.dateFormat ?? 'YYYY-MM-DD';
	const portfolioType = toText(params.portfolioType, 'portfolio_type');
	const fields: Record<string, unknown> = {
		id: toText(params.obligationId, 'fields.id').trim(),
		name: toText(params.obligationName, 'fields.name').trim(),
		total_balance: coerce('total_balance', params.totalBalance, EXPECTED_AMOUNT, amountText),
		portfolio_type: portfolioType.trim() === '' ? undefined : portfolioType,
		last_pay: coerce('last_pay', params.lastPay, 'an amount like 500 or 1.500,00', amountText),
		last_pay_date: dateField('last_pay_date', params.lastPayDate, '2026-01-09', dateFormat),
		expiring_date: dateField('expiring_date', params.expiringDate, '2026-02-03', dateFormat),
		days_delay: coerce('days_delay', params.daysDelay, 'a whole number of days', integerText),
	};
	const form = customForm(params.customFields);
	if (form.length) fields.form = form;
	for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];

	return { wolkvox_id: recordIdFrom(params.caseFileId, 'wolkvox_id'), fields };
}
