/**
 * What the bulk endpoint takes: case files (a customer and its list of obligations), and what the node keeps
 * beside each one: the input items it came from and the later rows that disagreed with it. Every way in (flat
 * rows, items that already are case files, Raw JSON) ends in these shapes.
 */
import type { ResolvedMapping } from './columnMapping';

export const CASE_FILE_FIELDS = [
	'Identification',
	'Name',
	'Email',
	'Telephone',
	'Address',
] as const;
export type CaseFileField = (typeof CASE_FILE_FIELDS)[number];
export const REQUIRED_CASE_FILE_FIELDS: readonly CaseFileField[] = [
	'Identification',
	'Name',
	'Email',
	'Telephone',
];

export const OBLIGATION_FIELDS = [
	'id',
	'name',
	'total_balance',
	'expiring_date',
	'days_delay',
	'portfolio_type',
	'last_pay',
	'last_pay_date',
	'balance_payment',
] as const;
export type ObligationField = (typeof OBLIGATION_FIELDS)[number];

/** What an obligation field holds, which decides how its value is coerced. */
export type ObligationKind = 'id' | 'text' | 'money' | 'integer' | 'date';

export const OBLIGATION_KIND: Readonly<Record<ObligationField, ObligationKind>> = {
	id: 'id',
	name: 'text',
	total_balance: 'money',
	expiring_date: 'date',
	days_delay: 'integer',
	portfolio_type: 'text',
	last_pay: 'money',
	last_pay_date: 'date',
	balance_payment: 'money',
};

/** Google Sheets' read operation adds it to every row: it is the sheet's row number, not customer data. */
export const SHEET_ROW_NUMBER = 'row_number';

// Keys a custom field must not take: they would overwrite a standard field or the Obligations list. Names
// reserved by JavaScript (__proto__, constructor, prototype) are refused with an error instead (isForbiddenName).
export const CASE_FILE_KEYS: ReadonlySet<string> = new Set<string>([
	...CASE_FILE_FIELDS,
	'Obligations',
	SHEET_ROW_NUMBER,
]);
export const OBLIGATION_KEYS: ReadonlySet<string> = new Set<string>([
	...OBLIGATION_FIELDS,
	SHEET_ROW_NUMBER,
]);

export interface ObligationBody {
	id: string;
	name: string;
	total_balance?: string;
	expiring_date?: string;
	days_delay?: string;
	portfolio_type?: string;
	last_pay?: string;
	last_pay_date?: string;
	balance_payment?: string;
	[custom: string]: unknown;
}

export interface CaseFileBody {
	Identification: string;
	Name: string;
	Email: string;
	Telephone: string;
	Address?: string;
	[custom: string]: unknown;
	Obligations: ObligationBody[];
}

export interface CaseFileConflict {
	field: string;
	kept: unknown;
	ignored: unknown;
	/** Input row (0-based item index) whose value was ignored */
	row: number;
}

export interface CaseFileDraft {
	body: CaseFileBody;
	/** Input rows (0-based item indexes) this case file came from, in input order */
	rows: number[];
	/** Later rows of the customer that disagreed with the first one on a case-file field */
	conflicts: CaseFileConflict[];
}

/**
 * An input row (or item) that cannot be sent. `row` is the 0-based item index, as n8n's `[item N]` and pairedItem
 * use it; `message` starts with `Item N` and lists every problem of the row, so one pass over the sheet fixes all.
 * `field` and `value` belong to the first problem.
 */
export interface RowError {
	row: number;
	field: string;
	message: string;
	value?: unknown;
}

export type RowLike = Readonly<Record<string, unknown>>;

/** The input turned into case files: what can be sent, and a RowError for every input row that cannot. */
export interface CollectedCaseFiles {
	caseFiles: CaseFileDraft[];
	rowErrors: RowError[];
	/** Set when the column mapping cannot work for any row; then nothing else is filled */
	mappingProblem?: string;
	/** Rows mode: which column fed which field, and the columns not sent */
	mapping?: ResolvedMapping;
	droppedColumns?: string[];
}
