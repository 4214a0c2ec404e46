/**
 * Flat rows (one per obligation, the customer's columns repeated) into the nested case files of
 * collections/massiveCollections.php (seed 003), with per-row validation.
 *
 * Built for 100,000-row portfolios: the column mapping is resolved once, rows are read with plain property
 * access and hand-written parsers (no schema validation or regular expression per cell), grouped through one
 * Map, and messages are only composed for rows that fail.
 */
import {
	describeValue,
	EXPECTED_AMOUNT,
	EXPECTED_ID,
	EXPECTED_INTEGER,
	EXPECTED_TEXT,
	amountText,
	integerText,
	isSafeNumber,
	textOrUndefined,
	trimText,
	UNSAFE_NUMBER_HINT,
} from './coerce';
import {
	dateOrFailure,
	expectedDate,
	formatDate,
	isDateFailure,
	type InputDateFormat,
} from './dates';
import { isForbiddenName, jsonValueProblem } from './values';

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

type ObligationKind = 'id' | 'text' | 'money' | 'integer' | 'date';

const OBLIGATION_KIND: Record<ObligationField, ObligationKind> = {
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

/** Which column feeds which field; a field left out is matched automatically by column name. */
export interface BulkMapping {
	caseFile: Partial<Record<CaseFileField, string>>;
	obligation: Partial<Record<ObligationField, string>>;
}

/** Where columns that feed no standard field go. */
export type ExtraColumns = 'caseFile' | 'obligation' | 'drop';

export interface ResolvedMapping {
	caseFile: Partial<Record<CaseFileField, string>>;
	obligation: Partial<Record<ObligationField, string>>;
	/** Fields matched by column name rather than set by the user, as `caseFile.Name` / `obligation.id` */
	automatic: string[];
	/** Columns that feed no standard field, in input order */
	extraColumns: string[];
	/** Columns the user mapped that no input row holds (a typo, most likely) */
	missingColumns: string[];
	/** Required fields no column feeds: every row will fail on them */
	unmappedRequired: string[];
}

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

export interface GroupOptions {
	/** Column whose value groups rows into one case file; default: the column mapped to Identification */
	keyColumn?: string;
	/** One grouping value per row (an expression the node evaluated per item); replaces keyColumn when given */
	keys?: readonly unknown[];
	mapping: ResolvedMapping;
	extraColumns: ExtraColumns;
	dateInputFormat?: InputDateFormat;
}

export interface GroupResult {
	caseFiles: CaseFileDraft[];
	rowErrors: RowError[];
	/** Leftover columns that could not be sent as custom fields because their name is a standard key */
	droppedColumns: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Column mapping
// ---------------------------------------------------------------------------------------------------------------

const DIACRITICS = /[\u0300-\u036f]/g;
const NOT_ALPHANUMERIC = /[^a-z0-9]/g;

/** `Identificación`, `ID_OBLIGACION`, `fecha de vencimiento` → `identificacion`, `idobligacion`, `fechadevencimiento`. */
export function normalizeHeader(header: string): string {
	return header
		.normalize('NFD')
		.replace(DIACRITICS, '')
		.toLowerCase()
		.replace(NOT_ALPHANUMERIC, '');
}

const n = (names: string[]): string[] => names.map(normalizeHeader);

/** Synonyms by priority. Customer `Name` lists `name` last so that a sheet with both `nombre` and `name` keeps
 * `name` for the obligation, as wolkvox's own keys do. */
const CASE_FILE_SYNONYMS: Record<CaseFileField, string[]> = {
	Identification: n([
		'identification',
		'identificacion',
		'numero_identificacion',
		'cedula',
		'documento',
		'numero_documento',
		'nro_documento',
		'num_documento',
		'documento_identidad',
		'nit',
		'dni',
		'rut',
		'id_cliente',
		'cliente_id',
		'customer_id',
	]),
	Name: n([
		'nombre',
		'nombres',
		'nombre_cliente',
		'nombre_completo',
		'cliente',
		'razon_social',
		'customer_name',
		'full_name',
		'name',
	]),
	Email: n(['email', 'e_mail', 'correo', 'correo_electronico', 'email_cliente', 'mail']),
	Telephone: n([
		'telephone',
		'telefono',
		'celular',
		'movil',
		'tel',
		'phone',
		'mobile',
		'numero_telefono',
		'telefono_cliente',
	]),
	Address: n(['address', 'direccion', 'direccion_cliente']),
};

const OBLIGATION_SYNONYMS: Record<ObligationField, string[]> = {
	id: n([
		'id',
		'obligation_id',
		'obligacion_id',
		'id_obligacion',
		'numero_obligacion',
		'nro_obligacion',
		'no_obligacion',
		'num_obligacion',
		'obligacion',
	]),
	// `name` itself is only taken by its exact spelling, after the customer's Name found its column (see below).
	name: n(['obligation_name', 'nombre_obligacion', 'obligacion_nombre', 'producto']),
	total_balance: n(['total_balance', 'saldo_total', 'saldo', 'deuda_total', 'deuda']),
	expiring_date: n(['expiring_date', 'fecha_vencimiento', 'fecha_de_vencimiento', 'vencimiento']),
	days_delay: n(['days_delay', 'dias_mora', 'dias_de_mora', 'dias_en_mora', 'dias_atraso', 'mora']),
	portfolio_type: n(['portfolio_type', 'tipo_cartera', 'tipo_de_cartera', 'cartera']),
	last_pay: n(['last_pay', 'ultimo_pago', 'valor_ultimo_pago', 'monto_ultimo_pago']),
	last_pay_date: n(['last_pay_date', 'fecha_ultimo_pago', 'fecha_de_ultimo_pago']),
	balance_payment: n(['balance_payment', 'saldo_pago', 'saldo_a_pagar', 'valor_a_pagar']),
};

/**
 * Which column feeds which field. Precedence, first match wins and a column feeds one field only:
 * 1. the user's explicit mapping (a column may feed several fields there, if the user says so);
 * 2. a column spelled exactly like the field (`Name`, `total_balance`); `name` waits for step 4;
 * 3. normalised names (case, accents, spaces, `_`, `-` ignored) against each field's synonyms, customer fields
 *    first, synonyms in priority order, columns in input order;
 * 4. obligation `name` takes a column spelled exactly `name` if the customer's Name was fed by another column.
 *    So `name` alone is the customer's name (the usual meaning in a sheet), while wolkvox-shaped data with both
 *    `Name` and `name` maps both.
 */
export function resolveMapping(columns: string[], explicit: BulkMapping): ResolvedMapping {
	const caseFile: Partial<Record<CaseFileField, string>> = {};
	const obligation: Partial<Record<ObligationField, string>> = {};
	const claimed = new Set<string>();
	const present = new Set(columns);
	const automatic: string[] = [];
	const missingColumns: string[] = [];

	const explicitCaseFile = explicit?.caseFile ?? {};
	const explicitObligation = explicit?.obligation ?? {};
	for (const field of CASE_FILE_FIELDS) {
		const column = explicitCaseFile[field]?.trim();
		if (!column) continue;
		caseFile[field] = column;
		claimed.add(column);
		if (!present.has(column) && !missingColumns.includes(column)) missingColumns.push(column);
	}
	for (const field of OBLIGATION_FIELDS) {
		const column = explicitObligation[field]?.trim();
		if (!column) continue;
		obligation[field] = column;
		claimed.add(column);
		if (!present.has(column) && !missingColumns.includes(column)) missingColumns.push(column);
	}

	const take = (group: 'caseFile' | 'obligation', field: string, column: string) => {
		if (group === 'caseFile') caseFile[field as CaseFileField] = column;
		else obligation[field as ObligationField] = column;
		claimed.add(column);
		automatic.push(`${group}.${field}`);
	};

	// 2. exact spelling
	for (const field of CASE_FILE_FIELDS) {
		if (caseFile[field] === undefined && present.has(field) && !claimed.has(field))
			take('caseFile', field, field);
	}
	for (const field of OBLIGATION_FIELDS) {
		if (field === 'name') continue;
		if (obligation[field] === undefined && present.has(field) && !claimed.has(field))
			take('obligation', field, field);
	}

	// 3. synonyms
	const byNormalized = new Map<string, string[]>();
	for (const column of columns) {
		const key = normalizeHeader(column);
		const list = byNormalized.get(key);
		if (list) list.push(column);
		else byNormalized.set(key, [column]);
	}
	const firstFree = (synonyms: string[]): string | undefined => {
		for (const synonym of synonyms) {
			for (const column of byNormalized.get(synonym) ?? []) if (!claimed.has(column)) return column;
		}
		return undefined;
	};
	for (const field of CASE_FILE_FIELDS) {
		if (caseFile[field] !== undefined) continue;
		const column = firstFree(CASE_FILE_SYNONYMS[field]);
		if (column !== undefined) take('caseFile', field, column);
	}
	for (const field of OBLIGATION_FIELDS) {
		if (obligation[field] !== undefined) continue;
		const column = firstFree(OBLIGATION_SYNONYMS[field]);
		if (column !== undefined) take('obligation', field, column);
	}

	// 4. obligation `name`
	if (obligation.name === undefined && present.has('name') && !claimed.has('name'))
		take('obligation', 'name', 'name');

	const unmappedRequired: string[] = [];
	for (const field of REQUIRED_CASE_FILE_FIELDS)
		if (caseFile[field] === undefined) unmappedRequired.push(field);
	return {
		caseFile,
		obligation,
		automatic,
		extraColumns: columns.filter((c) => !claimed.has(c)),
		missingColumns,
		unmappedRequired,
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Rows into case files
// ---------------------------------------------------------------------------------------------------------------

/** Google Sheets' read operation adds it to every row: it is the sheet's row number, not customer data. */
const SHEET_ROW_NUMBER = 'row_number';

// Keys a custom field must not take: they would overwrite a standard field or the Obligations list. Names
// reserved by JavaScript (__proto__, constructor, prototype) are refused with an error instead (isForbiddenName).
const CASE_FILE_KEYS = new Set<string>([...CASE_FILE_FIELDS, 'Obligations', SHEET_ROW_NUMBER]);
const OBLIGATION_KEYS = new Set<string>([...OBLIGATION_FIELDS, SHEET_ROW_NUMBER]);

type ProblemKind =
	| 'unmapped'
	| 'missing'
	| 'absent'
	| 'invalid'
	| 'pair'
	| 'duplicate'
	| 'orphan'
	| 'custom'
	| 'name';

interface Problem {
	kind: ProblemKind;
	/** Field as wolkvox names it, or the grouping column */
	field: string;
	/** Label in messages: `"Email"`, `obligation "total_balance"` */
	label: string;
	column?: string;
	value?: unknown;
	expected?: string;
	detail?: string;
}

function problemText(p: Problem): string {
	switch (p.kind) {
		case 'unmapped':
			return `${p.label} is required, but no column is mapped to it`;
		case 'missing':
			return `${p.label} is required, but column "${p.column}" is empty`;
		case 'absent':
			return `${p.label} is required, but it is missing or empty`;
		case 'pair':
			return `${p.label} is required when ${p.detail} is given, but column "${p.column}" is empty`;
		case 'duplicate':
			return `${p.label} ${describeValue(p.value)} ${p.detail}`;
		case 'orphan':
			return `obligation "id" and "name" are empty, but column "${p.column}" holds obligation data (${describeValue(p.value)}); fill in the obligation's id and name, or clear the row's obligation cells`;
		case 'custom':
			return `${p.label}${p.column !== undefined ? ` (column "${p.column}")` : ''} ${p.detail}`;
		case 'name':
			return p.column !== undefined
				? `column "${p.column}" cannot be sent as a custom field: the name "${p.column}" is not allowed (it is reserved by JavaScript); rename the column, or set Other Columns to Ignore Them`
				: `${p.label} is not allowed as a field name (it is reserved by JavaScript); rename it`;
		default:
			return `${p.label}${p.column !== undefined ? ` (column "${p.column}")` : ''} must be ${p.expected}, got ${describeValue(p.value)}${p.detail ? ` (${p.detail})` : ''}`;
	}
}

function sheetRowOf(row: unknown): string {
	const n = row && typeof row === 'object' ? (row as RowLike)[SHEET_ROW_NUMBER] : undefined;
	return typeof n === 'number' || (typeof n === 'string' && n.trim() !== '')
		? ` (sheet row ${String(n).trim()})`
		: '';
}

function toRowError(row: number, problems: Problem[], source: unknown): RowError {
	const first = problems[0];
	const error: RowError = {
		row,
		field: first.field,
		message: `Item ${row}${sheetRowOf(source)}: ${problems.map(problemText).join('; ')}`,
	};
	if (first.value !== undefined) error.value = first.value;
	return error;
}

/** A cell that counts as empty: undefined, null or only spaces (0 and false are values). */
function blank(v: unknown): boolean {
	if (typeof v === 'string') return v.length === 0 || trimText(v) === '';
	return v === undefined || v === null;
}

/** The problem of a cell read as an id or a text that could not be, with a hint for digits already lost. */
function invalidTextProblem(
	kind: 'id' | 'text',
	field: string,
	label: string,
	column: string | undefined,
	value: unknown,
): Problem {
	const problem: Problem = {
		kind: 'invalid',
		field,
		label,
		value,
		expected: kind === 'id' ? EXPECTED_ID : EXPECTED_TEXT,
	};
	if (column !== undefined) problem.column = column;
	if (typeof value === 'number' && Number.isFinite(value) && !isSafeNumber(value))
		problem.detail = UNSAFE_NUMBER_HINT;
	return problem;
}

const hasOwn = (object: object, key: string): boolean =>
	Object.prototype.hasOwnProperty.call(object, key);

/**
 * A row's cell. A column named like a property every object inherits (`constructor`, `toString`, `__proto__`)
 * would otherwise read that inherited function or object on rows that lack the column. Those are functions or
 * objects, so the own-property check only runs for such values and costs nothing on plain cells.
 */
function cell(row: RowLike, column: string): unknown {
	const v = row[column];
	return (typeof v === 'function' || (typeof v === 'object' && v !== null)) && !hasOwn(row, column)
		? undefined
		: v;
}

/** A standard field read from a row: its text, or a recorded problem (and undefined). */
function readField(
	row: RowLike,
	column: string | undefined,
	kind: 'id' | 'text',
	required: boolean,
	field: string,
	label: string,
	problems: Problem[],
): string | undefined {
	if (column === undefined) {
		if (required) problems.push({ kind: 'unmapped', field, label });
		return undefined;
	}
	const v = cell(row, column);
	if (typeof v === 'string') {
		const text = trimText(v);
		if (text === '' && required) problems.push({ kind: 'missing', field, label, column });
		return text === '' ? undefined : text;
	}
	if (v === undefined || v === null) {
		if (required) problems.push({ kind: 'missing', field, label, column });
		return undefined;
	}
	const text = textOrUndefined(v);
	if (text === undefined) problems.push(invalidTextProblem(kind, field, label, column, v));
	return text;
}

/** A custom field's value: text trimmed, everything else as given. Undefined when blank. */
function customValue(v: unknown): unknown {
	if (typeof v === 'string') {
		const t = trimText(v);
		return t === '' ? undefined : t;
	}
	return v === null ? undefined : v;
}

/**
 * Why a custom field's value cannot be sent as it is (NaN, a date, a function… see jsonValueProblem), or
 * undefined. Text, true/false and blanks, the usual cells, are answered without a walk.
 */
function customProblem(v: unknown): string | undefined {
	if (typeof v === 'string' || typeof v === 'boolean' || v === undefined || v === null)
		return undefined;
	return jsonValueProblem(v);
}

interface OptionalPlan {
	field: ObligationField;
	/** Where the value came from, for messages; none for items that already are case files */
	column?: string;
	kind: ObligationKind;
	label: string;
}

type DateCacheEntry = string | { hint: string };

/** The optional obligation field a plan reads from a row: undefined when unmapped, blank or invalid. */
function readPlanned(
	row: RowLike,
	plan: OptionalPlan | undefined,
	format: InputDateFormat,
	dateCache: Map<string | number, DateCacheEntry>,
	problems: Problem[],
): string | undefined {
	if (plan === undefined) return undefined;
	const v = cell(row, plan.column as string);
	return blank(v) ? undefined : readOptional(v, plan, format, dateCache, problems);
}

/** Coerces one optional obligation cell; records a problem and returns undefined when it cannot. */
function readOptional(
	v: unknown,
	plan: OptionalPlan,
	format: InputDateFormat,
	dateCache: Map<string | number, DateCacheEntry>,
	problems: Problem[],
): string | undefined {
	let expected: string;
	let detail: string | undefined;
	switch (plan.kind) {
		case 'money': {
			const amount = amountText(v);
			if (amount !== undefined) return amount;
			expected = EXPECTED_AMOUNT;
			break;
		}
		case 'integer': {
			const days = integerText(v);
			if (days !== undefined) return days;
			expected = EXPECTED_INTEGER;
			break;
		}
		case 'date': {
			// Portfolios repeat a few hundred dates over many rows: parse each distinct text or serial number once.
			const cacheable = typeof v === 'string' || typeof v === 'number';
			let entry = cacheable ? dateCache.get(v as string | number) : undefined;
			if (entry === undefined) {
				const parsed = dateOrFailure(v, format);
				entry = isDateFailure(parsed) ? parsed : formatDate(parsed);
				if (cacheable) dateCache.set(v as string | number, entry);
			}
			if (typeof entry === 'string') return entry;
			expected = expectedDate(format);
			detail = entry.hint;
			break;
		}
		default: {
			const text = textOrUndefined(v);
			if (text !== undefined) return text;
			problems.push(
				invalidTextProblem(
					plan.kind === 'id' ? 'id' : 'text',
					plan.field,
					plan.label,
					plan.column,
					v,
				),
			);
			return undefined;
		}
	}
	problems.push({
		kind: 'invalid',
		field: plan.field,
		label: plan.label,
		column: plan.column,
		value: v,
		expected,
		...(detail === undefined ? {} : { detail }),
	});
	return undefined;
}

interface Group {
	/** The case file without Obligations; Obligations is attached last so that it ends the JSON */
	fields: Record<string, unknown>;
	obligations: ObligationBody[];
	rows: number[];
	conflicts: CaseFileConflict[];
	/** Obligation id → index in `obligations`, built once the list is long enough for scans to cost */
	byId?: Map<string, number>;
}

function findObligation(group: Group, id: string): number {
	const list = group.obligations;
	if (list.length < 16) {
		for (let k = 0; k < list.length; k++) if (list[k].id === id) return k;
		return -1;
	}
	if (!group.byId) {
		group.byId = new Map();
		for (let k = 0; k < list.length; k++)
			if (!group.byId.has(list[k].id)) group.byId.set(list[k].id, k);
	}
	return group.byId.get(id) ?? -1;
}

/** The input row an obligation of a group came from (only needed for the rare duplicate message). */
function rowOfObligation(
	rows: readonly RowLike[],
	group: Group,
	idColumn: string,
	id: string,
): number {
	for (const r of group.rows) if (textOrUndefined(cell(rows[r], idColumn)) === id) return r;
	return group.rows[0];
}

function sameObligation(a: ObligationBody, b: ObligationBody): boolean {
	const keysA = Object.keys(a);
	if (keysA.length !== Object.keys(b).length) return false;
	for (const key of keysA) if (a[key] !== b[key]) return false;
	return true;
}

/** Keeps the first value of a case-file field; a later different value is recorded, a later blank is not. */
function merge(group: Group, field: string, value: unknown, row: number): void {
	if (value === undefined) return;
	const kept = group.fields[field];
	if (kept === undefined) group.fields[field] = value;
	else if (kept !== value) group.conflicts.push({ field, kept, ignored: value, row });
}

/**
 * Groups flat rows into case files by the key column (rows of a customer need not be adjacent) and validates
 * every row. Rules:
 * - every input row lands in exactly one place: the `rows` of one case file, or `rowErrors`;
 * - a row with a missing required field or a value that cannot be coerced is not used at all and yields one
 *   RowError listing all of its problems;
 * - the customer's first valid row sets the case-file fields; a later different value is kept out and recorded
 *   in `conflicts`; a later value for a field the earlier rows left blank (an optional one) fills it in;
 * - a row with neither obligation id nor name adds no obligation (a case file may have none); a row with only one
 *   of them is an error, and so is a row with neither that still holds other obligation values (an amount, a
 *   date...), since those would be dropped unseen;
 * - a row repeating an obligation id of the same customer is folded into the case file when it is identical, and
 *   is an error when it differs (wolkvox keeps one obligation per id, so one of the two would be lost);
 * - blank optional cells are left out; money goes out as plain decimal text, days as whole-number text, dates
 *   as YYYY-MM-DD;
 * - extra columns become custom case-file fields (first row wins, like the standard ones) or custom obligation
 *   fields (from each row that has an obligation), or are dropped. `row_number` (added by the Google Sheets node)
 *   is never sent; it only names the sheet row in messages.
 * Case files come out in the order their customers first appear.
 */
/**
 * One of the two keys of an obligation (id, name) on a row that gives the other: required, and coerced like an id
 * or a text. Returns undefined and records the problem when it cannot be used.
 */
function readObligationKey(
	raw: unknown,
	column: string | undefined,
	field: 'id' | 'name',
	present: boolean,
	problems: Problem[],
): string | undefined {
	const label = `obligation "${field}"`;
	if (!present) {
		const other = field === 'id' ? 'name' : 'id';
		problems.push(
			column === undefined
				? { kind: 'unmapped', field, label }
				: { kind: 'pair', field, label, column, detail: `obligation "${other}"` },
		);
		return undefined;
	}
	const value = textOrUndefined(raw);
	if (value === undefined)
		problems.push(invalidTextProblem(field === 'id' ? 'id' : 'text', field, label, column, raw));
	return value;
}

/** How an evaluated grouping expression is named in messages */
const GROUP_BY_LABEL = 'Group Rows By';

export function groupRowsIntoCaseFiles(
	rows: readonly RowLike[],
	options: GroupOptions,
): GroupResult {
	const mapping = options.mapping;
	const format = options.dateInputFormat ?? 'auto';
	const idColumn = mapping.caseFile.Identification;
	const nameColumn = mapping.caseFile.Name;
	const emailColumn = mapping.caseFile.Email;
	const phoneColumn = mapping.caseFile.Telephone;
	const addressColumn = mapping.caseFile.Address;
	const keys = options.keys;
	const keyColumn = keys ? GROUP_BY_LABEL : options.keyColumn?.trim() || idColumn;
	const keyIsIdentification = !keys && keyColumn === idColumn;
	const obligationIdColumn = mapping.obligation.id;
	const obligationNameColumn = mapping.obligation.name;

	const plan = (field: ObligationField): OptionalPlan | undefined => {
		const column = mapping.obligation[field];
		return column === undefined
			? undefined
			: { field, column, kind: OBLIGATION_KIND[field], label: `obligation "${field}"` };
	};
	// One local per field, so that the obligation is built with named stores: adding properties through computed
	// keys takes V8's slow path, which showed up as a third of the time at 100,000 rows.
	const totalBalancePlan = plan('total_balance');
	const expiringDatePlan = plan('expiring_date');
	const daysDelayPlan = plan('days_delay');
	const portfolioTypePlan = plan('portfolio_type');
	const lastPayPlan = plan('last_pay');
	const lastPayDatePlan = plan('last_pay_date');
	const balancePaymentPlan = plan('balance_payment');
	const obligationPlans = [
		totalBalancePlan,
		expiringDatePlan,
		daysDelayPlan,
		portfolioTypePlan,
		lastPayPlan,
		lastPayDatePlan,
		balancePaymentPlan,
	].filter((p): p is OptionalPlan => p !== undefined);

	const reserved = options.extraColumns === 'caseFile' ? CASE_FILE_KEYS : OBLIGATION_KEYS;
	const extras: string[] = [];
	const droppedColumns: string[] = [];
	/** Extra columns named __proto__, constructor or prototype: an error on each row that fills them */
	const forbiddenExtras: string[] = [];
	if (options.extraColumns !== 'drop') {
		for (const column of mapping.extraColumns) {
			if (isForbiddenName(column)) forbiddenExtras.push(column);
			else if (!reserved.has(column)) extras.push(column);
			else if (column !== SHEET_ROW_NUMBER) droppedColumns.push(column);
		}
	}
	const extrasToCaseFile = options.extraColumns === 'caseFile';
	const extrasToObligation = options.extraColumns === 'obligation';

	const groups = new Map<string, Group>();
	const order: Group[] = [];
	const rowErrors: RowError[] = [];
	const dateCache = new Map<string | number, DateCacheEntry>();
	const problems: Problem[] = [];
	let lastKey: string | undefined;
	let lastGroup: Group | undefined;

	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		if (row === null || typeof row !== 'object' || Array.isArray(row)) {
			rowErrors.push({
				row: i,
				field: '(row)',
				message: `Item ${i}: must be a row of named columns, got ${describeValue(row)}`,
				value: row,
			});
			continue;
		}
		problems.length = 0;

		// Customer
		let key: string | undefined;
		if (!keyIsIdentification && keyColumn !== undefined) {
			const v = keys ? keys[i] : cell(row, keyColumn);
			key = blank(v) ? undefined : textOrUndefined(v);
			if (key === undefined) {
				problems.push({
					kind: blank(v) ? 'missing' : 'invalid',
					field: keyColumn,
					label: 'the grouping column',
					column: keyColumn,
					value: v,
					expected: EXPECTED_ID,
				});
			}
		}
		const identification = readField(
			row,
			idColumn,
			'id',
			true,
			'Identification',
			'"Identification"',
			problems,
		);
		const name = readField(row, nameColumn, 'text', true, 'Name', '"Name"', problems);
		const email = readField(row, emailColumn, 'text', true, 'Email', '"Email"', problems);
		const telephone = readField(row, phoneColumn, 'id', true, 'Telephone', '"Telephone"', problems);
		const address = readField(row, addressColumn, 'text', false, 'Address', '"Address"', problems);
		if (keyIsIdentification) key = identification;

		// Obligation
		const idCell = obligationIdColumn === undefined ? undefined : cell(row, obligationIdColumn);
		const nameCell =
			obligationNameColumn === undefined ? undefined : cell(row, obligationNameColumn);
		const hasId = !blank(idCell);
		const hasName = !blank(nameCell);
		let obligation: ObligationBody | undefined;
		if (hasId || hasName) {
			const obligationName = readObligationKey(
				nameCell,
				obligationNameColumn,
				'name',
				hasName,
				problems,
			);
			const obligationId = readObligationKey(idCell, obligationIdColumn, 'id', hasId, problems);
			const totalBalance = readPlanned(row, totalBalancePlan, format, dateCache, problems);
			const expiringDate = readPlanned(row, expiringDatePlan, format, dateCache, problems);
			const daysDelay = readPlanned(row, daysDelayPlan, format, dateCache, problems);
			const portfolioType = readPlanned(row, portfolioTypePlan, format, dateCache, problems);
			const lastPay = readPlanned(row, lastPayPlan, format, dateCache, problems);
			const lastPayDate = readPlanned(row, lastPayDatePlan, format, dateCache, problems);
			const balancePayment = readPlanned(row, balancePaymentPlan, format, dateCache, problems);
			const id = obligationId ?? '';
			const oName = obligationName ?? '';
			if (
				totalBalance !== undefined &&
				expiringDate !== undefined &&
				daysDelay !== undefined &&
				portfolioType !== undefined &&
				lastPay !== undefined &&
				lastPayDate !== undefined &&
				balancePayment !== undefined
			) {
				// A complete row, the usual case: one literal allocates the object at its final size, where adding
				// the fields one by one would grow a separate property store for each obligation.
				obligation = {
					id,
					name: oName,
					total_balance: totalBalance,
					expiring_date: expiringDate,
					days_delay: daysDelay,
					portfolio_type: portfolioType,
					last_pay: lastPay,
					last_pay_date: lastPayDate,
					balance_payment: balancePayment,
				};
			} else {
				obligation = { id, name: oName };
				if (totalBalance !== undefined) obligation.total_balance = totalBalance;
				if (expiringDate !== undefined) obligation.expiring_date = expiringDate;
				if (daysDelay !== undefined) obligation.days_delay = daysDelay;
				if (portfolioType !== undefined) obligation.portfolio_type = portfolioType;
				if (lastPay !== undefined) obligation.last_pay = lastPay;
				if (lastPayDate !== undefined) obligation.last_pay_date = lastPayDate;
				if (balancePayment !== undefined) obligation.balance_payment = balancePayment;
			}
			if (extrasToObligation) {
				for (let k = 0; k < extras.length; k++) {
					const v = customValue(cell(row, extras[k]));
					if (v !== undefined) obligation[extras[k]] = v;
				}
			}
		} else {
			// No obligation id and name: a case-file-only row, unless it holds obligation values, which would be
			// dropped without a word (far more likely the id is what is missing).
			for (let k = 0; k < obligationPlans.length; k++) {
				const plan = obligationPlans[k];
				const v = cell(row, plan.column as string);
				if (!blank(v)) {
					problems.push({
						kind: 'orphan',
						field: 'id',
						label: 'obligation "id"',
						column: plan.column,
						value: v,
					});
					break;
				}
			}
		}

		// Custom fields, checked only where they would be sent: case-file ones always, obligation ones with an
		// obligation.
		if (extrasToCaseFile || (extrasToObligation && obligation !== undefined)) {
			for (let k = 0; k < extras.length; k++) {
				const v = cell(row, extras[k]);
				const problem = customProblem(v);
				if (problem !== undefined) {
					problems.push({
						kind: 'custom',
						field: extras[k],
						label: 'custom field',
						column: extras[k],
						value: v,
						detail: problem,
					});
				}
			}
			for (let k = 0; k < forbiddenExtras.length; k++) {
				const column = forbiddenExtras[k];
				const v = hasOwn(row, column) ? row[column] : undefined;
				if (!blank(v))
					problems.push({ kind: 'name', field: column, label: column, column, value: v });
			}
		}

		if (problems.length > 0 || key === undefined) {
			rowErrors.push(toRowError(i, problems, row));
			continue;
		}

		// Rows of a customer are usually adjacent: comparing with the previous key spares most Map lookups.
		let group = key === lastKey ? lastGroup : groups.get(key);
		if (group === undefined) {
			const fields: Record<string, unknown> =
				address === undefined
					? { Identification: identification, Name: name, Email: email, Telephone: telephone }
					: {
							Identification: identification,
							Name: name,
							Email: email,
							Telephone: telephone,
							Address: address,
						};
			if (extrasToCaseFile) {
				for (let k = 0; k < extras.length; k++) {
					const v = customValue(cell(row, extras[k]));
					if (v !== undefined) fields[extras[k]] = v;
				}
			}
			group = { fields, obligations: [], rows: [], conflicts: [] };
			groups.set(key, group);
			order.push(group);
		} else {
			// An identical repeat of an obligation (a row pasted twice) is folded in; a different one is an error.
			let repeat = false;
			if (obligation !== undefined) {
				const at = findObligation(group, obligation.id);
				if (at >= 0) {
					repeat = sameObligation(group.obligations[at], obligation);
					if (!repeat) {
						problems.push({
							kind: 'duplicate',
							field: 'id',
							label: 'obligation "id"',
							value: obligation.id,
							detail: `already came with other values in item ${rowOfObligation(rows, group, obligationIdColumn as string, obligation.id)} for customer ${describeValue(key)}; wolkvox keeps one obligation per id, so fix or remove one of the two rows`,
						});
						rowErrors.push(toRowError(i, problems, row));
						continue;
					}
				}
			}
			if (repeat) obligation = undefined;
			if (!keyIsIdentification) merge(group, 'Identification', identification, i);
			merge(group, 'Name', name, i);
			merge(group, 'Email', email, i);
			merge(group, 'Telephone', telephone, i);
			merge(group, 'Address', address, i);
			if (extrasToCaseFile) {
				for (let k = 0; k < extras.length; k++)
					merge(group, extras[k], customValue(cell(row, extras[k])), i);
			}
		}
		group.rows.push(i);
		lastKey = key;
		lastGroup = group;
		if (obligation !== undefined) {
			group.obligations.push(obligation);
			if (group.byId && !group.byId.has(obligation.id))
				group.byId.set(obligation.id, group.obligations.length - 1);
		}
	}

	const caseFiles: CaseFileDraft[] = new Array(order.length);
	for (let k = 0; k < order.length; k++) {
		const group = order[k];
		group.fields.Obligations = group.obligations;
		caseFiles[k] = {
			body: group.fields as CaseFileBody,
			rows: group.rows,
			conflicts: group.conflicts,
		};
	}
	return { caseFiles, rowErrors, droppedColumns };
}

// ---------------------------------------------------------------------------------------------------------------
// Items that already are case files
// ---------------------------------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a required or optional standard field of an object that already is a case file or obligation. */
function readObjectField(
	source: Record<string, unknown>,
	key: string,
	kind: 'id' | 'text',
	required: boolean,
	label: string,
	field: string,
	problems: Problem[],
): string | undefined {
	const v = source[key];
	if (blank(v)) {
		if (required) problems.push({ kind: 'absent', field, label });
		return undefined;
	}
	const text = textOrUndefined(v);
	if (text === undefined) problems.push(invalidTextProblem(kind, field, label, undefined, v));
	return text;
}

/**
 * Copies the custom keys of an item's case file or obligation (those not in `standard`), blank ones left out;
 * records a problem for a forbidden name or a value that cannot be sent.
 */
function copyCustomKeys(
	source: Record<string, unknown>,
	target: Record<string, unknown>,
	standard: ReadonlySet<string>,
	at: string,
	problems: Problem[],
): void {
	for (const key of Object.keys(source)) {
		if (standard.has(key)) continue;
		const label = at === '' ? `"${key}"` : `${at} "${key}"`;
		const field = at === '' ? key : `${at}.${key}`;
		if (isForbiddenName(key)) {
			problems.push({ kind: 'name', field, label, value: source[key] });
			continue;
		}
		const problem = customProblem(source[key]);
		if (problem !== undefined) {
			problems.push({ kind: 'custom', field, label, value: source[key], detail: problem });
			continue;
		}
		const v = customValue(source[key]);
		if (v !== undefined) target[key] = v;
	}
}

/**
 * Input modes (b) and (c): an item that already holds a case file with an `Obligations` list (a list, or its JSON
 * text). Checks the same required fields and coerces the same way as the flat rows; other keys are passed on as
 * custom fields (blank ones left out). Returns the draft, or one RowError listing every problem.
 */
export function caseFileFromItem(
	value: unknown,
	index: number,
	options: { dateInputFormat?: InputDateFormat } = {},
): CaseFileDraft | RowError {
	if (!isPlainObject(value)) {
		return {
			row: index,
			field: '(item)',
			message: `Item ${index}: must be a case file (an object with Identification, Name, Email, Telephone and Obligations), got ${describeValue(value)}`,
			value,
		};
	}
	const format = options.dateInputFormat ?? 'auto';
	const problems: Problem[] = [];
	const fields: Record<string, unknown> = {};
	const identification = readObjectField(
		value,
		'Identification',
		'id',
		true,
		'"Identification"',
		'Identification',
		problems,
	);
	const name = readObjectField(value, 'Name', 'text', true, '"Name"', 'Name', problems);
	const email = readObjectField(value, 'Email', 'text', true, '"Email"', 'Email', problems);
	const telephone = readObjectField(
		value,
		'Telephone',
		'id',
		true,
		'"Telephone"',
		'Telephone',
		problems,
	);
	const address = readObjectField(
		value,
		'Address',
		'text',
		false,
		'"Address"',
		'Address',
		problems,
	);
	fields.Identification = identification;
	fields.Name = name;
	fields.Email = email;
	fields.Telephone = telephone;
	if (address !== undefined) fields.Address = address;
	copyCustomKeys(value, fields, CASE_FILE_KEYS, '', problems);

	let list: unknown = value.Obligations;
	if (typeof list === 'string') {
		const text = list.trim();
		try {
			list = text === '' ? [] : (JSON.parse(text) as unknown);
		} catch {
			list = undefined;
			problems.push({
				kind: 'invalid',
				field: 'Obligations',
				label: '"Obligations"',
				value: value.Obligations,
				expected: 'a list of obligations (valid JSON)',
			});
		}
	} else if (list === undefined || list === null) list = [];
	const obligations: ObligationBody[] = [];
	if (list !== undefined && !Array.isArray(list)) {
		problems.push({
			kind: 'invalid',
			field: 'Obligations',
			label: '"Obligations"',
			value: list,
			expected: 'a list of obligations',
		});
	} else if (Array.isArray(list)) {
		const dateCache = new Map<string | number, DateCacheEntry>();
		const seen = new Set<string>();
		for (let k = 0; k < list.length; k++) {
			const entry: unknown = list[k];
			const at = `Obligations[${k}]`;
			if (!isPlainObject(entry)) {
				problems.push({
					kind: 'invalid',
					field: at,
					label: `"${at}"`,
					value: entry,
					expected: 'an object with id and name',
				});
				continue;
			}
			const id = readObjectField(entry, 'id', 'id', true, `${at} "id"`, `${at}.id`, problems);
			const obligationName = readObjectField(
				entry,
				'name',
				'text',
				true,
				`${at} "name"`,
				`${at}.name`,
				problems,
			);
			const obligation: ObligationBody = { id: id ?? '', name: obligationName ?? '' };
			if (id !== undefined) {
				if (seen.has(id)) {
					problems.push({
						kind: 'duplicate',
						field: `${at}.id`,
						label: `${at} "id"`,
						value: id,
						detail: 'appears twice in this case file; wolkvox keeps one obligation per id',
					});
				}
				seen.add(id);
			}
			for (const field of OBLIGATION_FIELDS) {
				if (field === 'id' || field === 'name' || blank(entry[field])) continue;
				const plan: OptionalPlan = {
					field,
					kind: OBLIGATION_KIND[field],
					label: `${at} "${field}"`,
				};
				const out = readOptional(entry[field], plan, format, dateCache, problems);
				if (out !== undefined) obligation[field] = out;
			}
			copyCustomKeys(entry, obligation, OBLIGATION_KEYS, at, problems);
			obligations.push(obligation);
		}
	}
	if (problems.length > 0) return toRowError(index, problems, value);
	fields.Obligations = obligations;
	return { body: fields as CaseFileBody, rows: [index], conflicts: [] };
}

/** Splits a list into consecutive slices of at most `size` (at least 1) elements. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
	const step = Math.max(1, Math.floor(Number.isFinite(size) ? size : 1));
	const out: T[][] = [];
	for (let k = 0; k < items.length; k += step) out.push(items.slice(k, k + step));
	return out;
}
