import { attempt, FAILED } from '../../helpers/attempt';
import { formatAmount, isBlank, parseInteger, parseMoney, toIdString } from '../../helpers/coerce';
import { formatDate, parseDateInput } from '../../helpers/dates';
import { assertValidBody, FieldError } from '../../helpers/validation';
import {
	obligationCreateBodySchema,
	type ObligationCreateBody,
} from '../../schemas/obligation.schema';

export type OutputDateFormat = 'YYYY-MM-DD' | 'DD-MM-YYYY';

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
	customFields?: Array<{ name?: string; value?: unknown }>;
	dateFormat?: OutputDateFormat;
}

function coerce<T>(
	field: string,
	value: unknown,
	expected: string,
	fn: (v: unknown) => T,
): T | undefined {
	if (isBlank(value)) return undefined;
	const result = attempt(() => fn(value));
	if (result === FAILED) throw new FieldError(field, `must be ${expected}, got "${String(value)}"`);
	return result;
}

/** Builds and checks the body of collections/insertObligation.php (seed 000); values travel as strings. */
export function buildObligationBody(params: ObligationCreateParams): ObligationCreateBody {
	const dateFormat = params.dateFormat ?? 'YYYY-MM-DD';
	const toDate = (v: unknown) => formatDate(parseDateInput(v), dateFormat);
	const fields: Record<string, unknown> = {
		id: isBlank(params.obligationId) ? '' : toIdString(params.obligationId),
		name: isBlank(params.obligationName) ? '' : String(params.obligationName).trim(),
		total_balance: coerce(
			'total_balance',
			params.totalBalance,
			'an amount like 1.234.567,89 or 1234567.89',
			(v) => formatAmount(parseMoney(v)),
		),
		portfolio_type: isBlank(params.portfolioType) ? undefined : String(params.portfolioType),
		last_pay: coerce('last_pay', params.lastPay, 'an amount like 500 or 1.500,00', (v) =>
			formatAmount(parseMoney(v)),
		),
		last_pay_date: coerce('last_pay_date', params.lastPayDate, 'a date (e.g. 2026-01-09)', toDate),
		expiring_date: coerce('expiring_date', params.expiringDate, 'a date (e.g. 2026-02-03)', toDate),
		days_delay: coerce('days_delay', params.daysDelay, 'a whole number of days', (v) =>
			String(parseInteger(v)),
		),
	};
	const form = (params.customFields ?? []).map((f, index) => {
		const name = (f.name ?? '').trim();
		if (!name) throw new FieldError(`form[${index}].name`, 'must not be empty');
		return {
			name,
			value: isBlank(f.value)
				? ''
				: typeof f.value === 'string'
					? f.value
					: JSON.stringify(f.value),
		};
	});
	if (form.length) fields.form = form;
	for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];

	return assertValidBody(obligationCreateBodySchema, {
		wolkvox_id: isBlank(params.caseFileId) ? '' : String(params.caseFileId).trim(),
		fields,
	});
}
