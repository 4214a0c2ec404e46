/**
 * One flat row read against the column plan: the customer's fields, the row's obligation, and every problem of
 * the row. The plan is resolved once per run and the reading reused for every row, so that reading a row is plain
 * property access and allocates nothing but the values sent.
 */
import { EXPECTED_ID, isBlank, textOrUndefined } from '../helpers/coerce';
import type { InputDateFormat } from '../helpers/dates/inputDateFormat';
import { isForbiddenName } from '../helpers/values';
import {
	CASE_FILE_KEYS,
	OBLIGATION_KEYS,
	OBLIGATION_KIND,
	SHEET_ROW_NUMBER,
	type ObligationBody,
	type ObligationField,
	type RowLike,
} from './caseFileShape';
import type { ExtraColumns, ResolvedMapping } from './columnMapping';
import {
	cell,
	customProblem,
	customValue,
	ownValue,
	readObligationValue,
	readText,
	type DateCache,
	type ObligationValuePlan,
} from './readValues';
import { CASE_FILE_NAMES, invalidTextProblem, type FieldName, type Problem } from './rowProblems';

export interface GroupOptions {
	/** Column whose value groups rows into one case file; default: the column mapped to Identification */
	keyColumn?: string;
	/** One grouping value per row (an expression the node evaluated per item); replaces keyColumn when given */
	keys?: readonly unknown[];
	mapping: ResolvedMapping;
	extraColumns: ExtraColumns;
	dateInputFormat?: InputDateFormat;
}

export const OBLIGATION_ID: FieldName = { field: 'id', label: 'obligation "id"' };
const OBLIGATION_NAME: FieldName = { field: 'name', label: 'obligation "name"' };

/** How an evaluated grouping expression is named in messages */
const GROUP_BY_LABEL = 'Group Rows By';

/**
 * The columns and settings rows are read with, resolved once before the first row, so that reading a row is
 * plain property access and no per-row lookups in the mapping.
 */
export interface RowPlan {
	format: InputDateFormat;
	/** One grouping value per row, when an expression gives them */
	keys: readonly unknown[] | undefined;
	/** The column whose value groups rows (for keys: how messages name them); none when nothing feeds it */
	keyColumn: string | undefined;
	keyIsIdentification: boolean;
	identification: string | undefined;
	name: string | undefined;
	email: string | undefined;
	telephone: string | undefined;
	address: string | undefined;
	obligationId: string | undefined;
	obligationName: string | undefined;
	// One field per optional obligation value, so that the obligation is built with named stores: adding
	// properties through computed keys takes V8's slow path, a third of the time at 100,000 rows.
	totalBalance: ObligationValuePlan | undefined;
	expiringDate: ObligationValuePlan | undefined;
	daysDelay: ObligationValuePlan | undefined;
	portfolioType: ObligationValuePlan | undefined;
	lastPay: ObligationValuePlan | undefined;
	lastPayDate: ObligationValuePlan | undefined;
	balancePayment: ObligationValuePlan | undefined;
	/** The mapped ones among them */
	obligationValues: ObligationValuePlan[];
	/** Columns sent as custom fields */
	extras: string[];
	/** Extra columns named __proto__, constructor or prototype: an error on each row that fills them */
	forbiddenExtras: string[];
	extrasToCaseFile: boolean;
	extrasToObligation: boolean;
	/** Leftover columns that cannot be custom fields because their name is a standard key */
	droppedColumns: string[];
}

export function planRows(options: GroupOptions): RowPlan {
	const { mapping, keys } = options;
	const idColumn = mapping.caseFile.Identification;
	const keyColumn = keys ? GROUP_BY_LABEL : options.keyColumn?.trim() || idColumn;
	const value = (field: ObligationField): ObligationValuePlan | undefined => {
		const column = mapping.obligation[field];
		return column === undefined
			? undefined
			: { field, column, kind: OBLIGATION_KIND[field], label: `obligation "${field}"` };
	};
	const reserved = options.extraColumns === 'caseFile' ? CASE_FILE_KEYS : OBLIGATION_KEYS;
	const extras: string[] = [];
	const forbiddenExtras: string[] = [];
	const droppedColumns: string[] = [];
	if (options.extraColumns !== 'drop') {
		for (const column of mapping.extraColumns) {
			if (isForbiddenName(column)) forbiddenExtras.push(column);
			else if (!reserved.has(column)) extras.push(column);
			else if (column !== SHEET_ROW_NUMBER) droppedColumns.push(column);
		}
	}
	const plan: RowPlan = {
		format: options.dateInputFormat ?? 'auto',
		keys,
		keyColumn,
		keyIsIdentification: !keys && keyColumn === idColumn,
		identification: idColumn,
		name: mapping.caseFile.Name,
		email: mapping.caseFile.Email,
		telephone: mapping.caseFile.Telephone,
		address: mapping.caseFile.Address,
		obligationId: mapping.obligation.id,
		obligationName: mapping.obligation.name,
		totalBalance: value('total_balance'),
		expiringDate: value('expiring_date'),
		daysDelay: value('days_delay'),
		portfolioType: value('portfolio_type'),
		lastPay: value('last_pay'),
		lastPayDate: value('last_pay_date'),
		balancePayment: value('balance_payment'),
		obligationValues: [],
		extras,
		forbiddenExtras,
		extrasToCaseFile: options.extraColumns === 'caseFile',
		extrasToObligation: options.extraColumns === 'obligation',
		droppedColumns,
	};
	for (const mapped of [
		plan.totalBalance,
		plan.expiringDate,
		plan.daysDelay,
		plan.portfolioType,
		plan.lastPay,
		plan.lastPayDate,
		plan.balancePayment,
	])
		if (mapped !== undefined) plan.obligationValues.push(mapped);
	return plan;
}

/** What one row holds once read. One is reused for every row, so reading a row allocates nothing of its own. */
export interface RowReading {
	key: string | undefined;
	identification: string | undefined;
	name: string | undefined;
	email: string | undefined;
	telephone: string | undefined;
	address: string | undefined;
	obligation: ObligationBody | undefined;
}

/** A standard field read from a row: its text, or a recorded problem (and undefined). */
function readRowText(
	row: RowLike,
	column: string | undefined,
	kind: 'id' | 'text',
	required: boolean,
	name: FieldName,
	problems: Problem[],
): string | undefined {
	if (column !== undefined)
		return readText(cell(row, column), kind, required, name, column, problems);
	if (required) problems.push({ kind: 'unmapped', field: name.field, label: name.label });
	return undefined;
}

/** The optional obligation value a plan reads from a row: undefined when unmapped, blank or invalid. */
function readPlanned(
	row: RowLike,
	plan: ObligationValuePlan | undefined,
	format: InputDateFormat,
	dateCache: DateCache,
	problems: Problem[],
): string | undefined {
	if (plan === undefined) return undefined;
	const v = cell(row, plan.column as string);
	return isBlank(v) ? undefined : readObligationValue(v, plan, format, dateCache, problems);
}

/**
 * One of the two keys of an obligation (id, name) on a row that gives the other: required, and coerced like an id
 * or a text. Returns undefined and records the problem when it cannot be used.
 */
function readObligationKey(
	raw: unknown,
	column: string | undefined,
	name: FieldName,
	other: FieldName,
	present: boolean,
	problems: Problem[],
): string | undefined {
	if (!present) {
		problems.push(
			column === undefined
				? { kind: 'unmapped', field: name.field, label: name.label }
				: { kind: 'pair', field: name.field, label: name.label, column, detail: other.label },
		);
		return undefined;
	}
	const value = textOrUndefined(raw);
	if (value === undefined)
		problems.push(invalidTextProblem(name === OBLIGATION_ID ? 'id' : 'text', name, column, raw));
	return value;
}

/**
 * An obligation's fields, laid out inside the object itself. Obligations built from a literal and then
 * extended keep their later fields in a separate store that grows as they are added; one built by a
 * constructor gets room for every field up front. Its prototype is Object's, so it is a plain object to
 * everyone else (JSON, n8n, equality in tests).
 */
function ObligationFields(
	this: ObligationBody,
	id: string,
	name: string,
	totalBalance: string | undefined,
	expiringDate: string | undefined,
	daysDelay: string | undefined,
	portfolioType: string | undefined,
	lastPay: string | undefined,
	lastPayDate: string | undefined,
	balancePayment: string | undefined,
): void {
	this.id = id;
	this.name = name;
	if (totalBalance !== undefined) this.total_balance = totalBalance;
	if (expiringDate !== undefined) this.expiring_date = expiringDate;
	if (daysDelay !== undefined) this.days_delay = daysDelay;
	if (portfolioType !== undefined) this.portfolio_type = portfolioType;
	if (lastPay !== undefined) this.last_pay = lastPay;
	if (lastPayDate !== undefined) this.last_pay_date = lastPayDate;
	if (balancePayment !== undefined) this.balance_payment = balancePayment;
}
ObligationFields.prototype = Object.prototype;
const Obligation = ObligationFields as unknown as new (
	...fields: Parameters<typeof ObligationFields>
) => ObligationBody;

/**
 * The obligation of a row that gives an obligation id or name, or undefined (with the problem recorded when the
 * row holds obligation values without them).
 */
function readObligation(
	row: RowLike,
	plan: RowPlan,
	dateCache: DateCache,
	problems: Problem[],
): ObligationBody | undefined {
	const idCell = plan.obligationId === undefined ? undefined : cell(row, plan.obligationId);
	const nameCell = plan.obligationName === undefined ? undefined : cell(row, plan.obligationName);
	const hasId = !isBlank(idCell);
	const hasName = !isBlank(nameCell);
	if (!hasId && !hasName) {
		// A case-file-only row, unless it holds obligation values, which would be dropped without a word (far more
		// likely the id is what is missing).
		for (const value of plan.obligationValues) {
			const v = cell(row, value.column as string);
			if (!isBlank(v)) {
				problems.push({ ...OBLIGATION_ID, kind: 'orphan', column: value.column, value: v });
				break;
			}
		}
		return undefined;
	}
	const name = readObligationKey(
		nameCell,
		plan.obligationName,
		OBLIGATION_NAME,
		OBLIGATION_ID,
		hasName,
		problems,
	);
	const id = readObligationKey(
		idCell,
		plan.obligationId,
		OBLIGATION_ID,
		OBLIGATION_NAME,
		hasId,
		problems,
	);
	const { format } = plan;
	const obligation = new Obligation(
		id ?? '',
		name ?? '',
		readPlanned(row, plan.totalBalance, format, dateCache, problems),
		readPlanned(row, plan.expiringDate, format, dateCache, problems),
		readPlanned(row, plan.daysDelay, format, dateCache, problems),
		readPlanned(row, plan.portfolioType, format, dateCache, problems),
		readPlanned(row, plan.lastPay, format, dateCache, problems),
		readPlanned(row, plan.lastPayDate, format, dateCache, problems),
		readPlanned(row, plan.balancePayment, format, dateCache, problems),
	);
	if (plan.extrasToObligation) {
		for (const column of plan.extras) {
			const v = customValue(cell(row, column));
			if (v !== undefined) obligation[column] = v;
		}
	}
	return obligation;
}

/** Records why the row's custom fields cannot be sent, if anything: a value JSON cannot carry, a reserved name. */
function checkCustomFields(row: RowLike, plan: RowPlan, problems: Problem[]): void {
	for (const column of plan.extras) {
		const v = cell(row, column);
		const detail = customProblem(v);
		if (detail !== undefined)
			problems.push({
				kind: 'custom',
				field: column,
				label: 'custom field',
				column,
				value: v,
				detail,
			});
	}
	for (const column of plan.forbiddenExtras) {
		const v = ownValue(row, column);
		if (!isBlank(v))
			problems.push({ kind: 'name', field: column, label: column, column, value: v });
	}
}

/** Reads one row into `reading`, recording every problem of the row. */
export function readRow(
	row: RowLike,
	index: number,
	plan: RowPlan,
	dateCache: DateCache,
	reading: RowReading,
	problems: Problem[],
): void {
	let key: string | undefined;
	if (!plan.keyIsIdentification && plan.keyColumn !== undefined) {
		const v = plan.keys ? plan.keys[index] : cell(row, plan.keyColumn);
		key = isBlank(v) ? undefined : textOrUndefined(v);
		if (key === undefined) {
			problems.push({
				kind: isBlank(v) ? 'missing' : 'invalid',
				field: plan.keyColumn,
				label: 'the grouping column',
				column: plan.keyColumn,
				value: v,
				expected: EXPECTED_ID,
			});
		}
	}
	const names = CASE_FILE_NAMES;
	reading.identification = readRowText(
		row,
		plan.identification,
		'id',
		true,
		names.Identification,
		problems,
	);
	reading.name = readRowText(row, plan.name, 'text', true, names.Name, problems);
	reading.email = readRowText(row, plan.email, 'text', true, names.Email, problems);
	reading.telephone = readRowText(row, plan.telephone, 'id', true, names.Telephone, problems);
	reading.address = readRowText(row, plan.address, 'text', false, names.Address, problems);
	reading.key = plan.keyIsIdentification ? reading.identification : key;
	reading.obligation = readObligation(row, plan, dateCache, problems);
	// Custom fields are checked only where they would be sent: case-file ones always, obligation ones with an
	// obligation.
	if (plan.extrasToCaseFile || (plan.extrasToObligation && reading.obligation !== undefined))
		checkCustomFields(row, plan, problems);
}

/** A reading to reuse for every row. */
export function newRowReading(): RowReading {
	return {
		key: undefined,
		identification: undefined,
		name: undefined,
		email: undefined,
		telephone: undefined,
		address: undefined,
		obligation: undefined,
	};
}
