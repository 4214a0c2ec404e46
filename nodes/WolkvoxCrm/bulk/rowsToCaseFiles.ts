/**
 * Flat rows (one per obligation, the customer's columns repeated on each of its rows) grouped into the nested
 * case files the bulk endpoint takes, every row validated on the way.
 *
 * Built for 100,000-row portfolios: the column mapping is resolved once, rows are read with plain property
 * access and hand-written parsers (no schema validation or regular expression per cell), grouped through one
 * Map, and messages are only composed for rows that fail.
 */
import { describeValue, EXPECTED_ID, isBlank, textOrUndefined } from '../helpers/coerce';
import type { InputDateFormat } from '../helpers/dates';
import { isForbiddenName } from '../helpers/values';
import {
	CASE_FILE_KEYS,
	OBLIGATION_KEYS,
	OBLIGATION_KIND,
	SHEET_ROW_NUMBER,
	type CaseFileBody,
	type CaseFileConflict,
	type CaseFileDraft,
	type CollectedCaseFiles,
	type ObligationBody,
	type ObligationField,
	type RowError,
	type RowLike,
} from './caseFileShape';
import {
	columnsOf,
	mappingProblem,
	resolveMapping,
	type BulkMapping,
	type ExtraColumns,
	type ResolvedMapping,
} from './columnMapping';
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
import {
	CASE_FILE_NAMES,
	invalidTextProblem,
	notAnObjectError,
	toRowError,
	type FieldName,
	type Problem,
} from './rowProblems';

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

const OBLIGATION_ID: FieldName = { field: 'id', label: 'obligation "id"' };
const OBLIGATION_NAME: FieldName = { field: 'name', label: 'obligation "name"' };

/** How an evaluated grouping expression is named in messages */
const GROUP_BY_LABEL = 'Group Rows By';

/** A customer with more obligations than this gets an index of their ids instead of a scan per row. */
const SCANNED_OBLIGATIONS = 16;

/**
 * The columns and settings rows are read with, resolved once before the first row, so that reading a row is
 * plain property access and no per-row lookups in the mapping.
 */
interface RowPlan {
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

function planRows(options: GroupOptions): RowPlan {
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
interface RowReading {
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
function readRow(
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

function sameObligation(a: ObligationBody, b: ObligationBody): boolean {
	const keysA = Object.keys(a);
	if (keysA.length !== Object.keys(b).length) return false;
	for (const key of keysA) if (a[key] !== b[key]) return false;
	return true;
}

/** Holds the place of a case file's Obligations, its last key, until the list is built. */
const OBLIGATIONS_PENDING: readonly ObligationBody[] = Object.freeze([]);

/**
 * The case files being built. Each is a number, its parts kept in flat lists by that number, by row and by
 * obligation, all sized once from the row count, so that placing a row allocates nothing but what the case file
 * keeps, and each case file's lists of rows and obligations are allocated at their final length once every row
 * is placed. The numeric lists are typed arrays: zeroed memory the system only commits where it is written, so
 * sizing them by the row count costs only the case files there are. Where 0 means "none", they hold number + 1.
 */
class CaseFileGroups {
	private readonly numberOfKey = new Map<string, number>();

	/** By case file: its fields, Obligations last (or not yet there, when a later row may still add fields) */
	private readonly fields: Array<Record<string, unknown>> = [];

	private readonly rowCounts: Int32Array;

	private readonly obligationCounts: Int32Array;

	/** By case file: its latest obligation (an index into `obligations`) + 1 */
	private readonly lastObligation: Int32Array;

	/** By case file, only when it has many obligations: obligation id → index into `obligations` */
	private readonly obligationIndex = new Map<number, Map<string, number>>();

	private readonly conflicts = new Map<number, CaseFileConflict[]>();

	/** By row: the case file it went to + 1 */
	private readonly caseFileOfRow: Int32Array;

	/** Every obligation placed, in row order; the first `obligationTotal` slots are filled */
	private readonly obligations: ObligationBody[];

	private obligationTotal = 0;

	/** By obligation: the row it came from */
	private readonly obligationRow: Int32Array;

	/** By obligation: the previous obligation of its case file + 1 */
	private readonly previousObligation: Int32Array;

	private lastKey: string | undefined;

	private lastNumber = -1;

	constructor(rowCount: number) {
		this.rowCounts = new Int32Array(rowCount);
		this.obligationCounts = new Int32Array(rowCount);
		this.lastObligation = new Int32Array(rowCount);
		this.caseFileOfRow = new Int32Array(rowCount);
		this.obligations = new Array<ObligationBody>(rowCount);
		this.obligationRow = new Int32Array(rowCount);
		this.previousObligation = new Int32Array(rowCount);
	}

	/**
	 * Puts a valid row into its customer's case file. Returns -1, or, when the row repeats an obligation id of the
	 * customer with other values, the row that came with it first (and places nothing).
	 */
	place(row: number, source: RowLike, reading: RowReading, plan: RowPlan): number {
		const key = reading.key as string;
		// Rows of a customer are usually adjacent: comparing with the previous key spares most Map lookups.
		let number = key === this.lastKey ? this.lastNumber : this.numberOfKey.get(key);
		let obligation = reading.obligation;
		if (number === undefined) {
			number = this.open(key, source, reading, plan);
		} else {
			// An identical repeat of an obligation (a row pasted twice) is folded in; a different one is an error.
			if (obligation !== undefined) {
				const earlier = this.findObligation(number, obligation.id);
				if (earlier >= 0) {
					if (!sameObligation(this.obligations[earlier], obligation))
						return this.obligationRow[earlier];
					obligation = undefined;
				}
			}
			const fields = this.fields[number];
			if (!plan.keyIsIdentification)
				this.merge(number, fields, 'Identification', reading.identification, row);
			this.merge(number, fields, 'Name', reading.name, row);
			this.merge(number, fields, 'Email', reading.email, row);
			this.merge(number, fields, 'Telephone', reading.telephone, row);
			this.merge(number, fields, 'Address', reading.address, row);
			if (plan.extrasToCaseFile) {
				for (const column of plan.extras)
					this.merge(number, fields, column, customValue(cell(source, column)), row);
			}
		}
		this.lastKey = key;
		this.lastNumber = number;
		this.caseFileOfRow[row] = number + 1;
		this.rowCounts[number]++;
		if (obligation !== undefined) this.addObligation(number, obligation, row);
		return -1;
	}

	/** The case files, in the order their customers first appeared. */
	drafts(): CaseFileDraft[] {
		const count = this.fields.length;
		const drafts: CaseFileDraft[] = new Array<CaseFileDraft>(count);
		for (let k = 0; k < count; k++) {
			const fields = this.fields[k];
			fields.Obligations = new Array<ObligationBody>(this.obligationCounts[k]);
			drafts[k] = {
				body: fields as CaseFileBody,
				rows: new Array<number>(this.rowCounts[k]),
				conflicts: this.conflicts.get(k) ?? [],
			};
		}
		// From here on the counts are fill positions.
		this.rowCounts.fill(0, 0, count);
		this.obligationCounts.fill(0, 0, count);
		for (let row = 0; row < this.caseFileOfRow.length; row++) {
			const k = this.caseFileOfRow[row] - 1;
			if (k >= 0) drafts[k].rows[this.rowCounts[k]++] = row;
		}
		for (let o = 0; o < this.obligationTotal; o++) {
			const k = this.caseFileOfRow[this.obligationRow[o]] - 1;
			drafts[k].body.Obligations[this.obligationCounts[k]++] = this.obligations[o];
		}
		return drafts;
	}

	private open(key: string, source: RowLike, reading: RowReading, plan: RowPlan): number {
		const { identification, name, email, telephone, address } = reading;
		let fields: Record<string, unknown>;
		if (address !== undefined && !plan.extrasToCaseFile) {
			// No later row can add a field here, so Obligations can take its place (last) now, which keeps it inside
			// the object instead of in a store of its own.
			fields = {
				Identification: identification,
				Name: name,
				Email: email,
				Telephone: telephone,
				Address: address,
				Obligations: OBLIGATIONS_PENDING,
			};
		} else {
			fields = { Identification: identification, Name: name, Email: email, Telephone: telephone };
			if (address !== undefined) fields.Address = address;
			if (plan.extrasToCaseFile) {
				for (const column of plan.extras) {
					const v = customValue(cell(source, column));
					if (v !== undefined) fields[column] = v;
				}
			}
		}
		const number = this.fields.length;
		this.numberOfKey.set(key, number);
		this.fields.push(fields);
		return number;
	}

	private addObligation(number: number, obligation: ObligationBody, row: number): void {
		const index = this.obligationTotal++;
		this.obligations[index] = obligation;
		this.obligationRow[index] = row;
		this.previousObligation[index] = this.lastObligation[number];
		this.lastObligation[number] = index + 1;
		this.obligationCounts[number]++;
		const ids = this.obligationIndex.get(number);
		if (ids !== undefined && !ids.has(obligation.id)) ids.set(obligation.id, index);
	}

	/**
	 * The customer's obligation with this id (an index into `obligations`), or -1: a short scan of the customer's
	 * own obligations, or an index of their ids once there are many.
	 */
	private findObligation(number: number, id: string): number {
		const ids = this.obligationIndex.get(number);
		if (ids !== undefined) return ids.get(id) ?? -1;
		for (let o = this.lastObligation[number] - 1; o >= 0; o = this.previousObligation[o] - 1)
			if (this.obligations[o].id === id) return o;
		if (this.obligationCounts[number] >= SCANNED_OBLIGATIONS) {
			const index = new Map<string, number>();
			for (let o = this.lastObligation[number] - 1; o >= 0; o = this.previousObligation[o] - 1)
				index.set(this.obligations[o].id, o);
			this.obligationIndex.set(number, index);
		}
		return -1;
	}

	/** Keeps the first value of a case-file field; a later different value is recorded, a later blank is not. */
	private merge(
		number: number,
		fields: Record<string, unknown>,
		field: string,
		value: unknown,
		row: number,
	): void {
		if (value === undefined) return;
		const kept = fields[field];
		if (kept === undefined) {
			fields[field] = value;
			return;
		}
		if (kept === value) return;
		const conflict: CaseFileConflict = { field, kept, ignored: value, row };
		const list = this.conflicts.get(number);
		if (list === undefined) this.conflicts.set(number, [conflict]);
		else list.push(conflict);
	}
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
export function groupRowsIntoCaseFiles(
	rows: readonly RowLike[],
	options: GroupOptions,
): GroupResult {
	const plan = planRows(options);
	const groups = new CaseFileGroups(rows.length);
	const rowErrors: RowError[] = [];
	const dateCache: DateCache = new Map();
	const problems: Problem[] = [];
	const reading: RowReading = {
		key: undefined,
		identification: undefined,
		name: undefined,
		email: undefined,
		telephone: undefined,
		address: undefined,
		obligation: undefined,
	};
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		if (row === null || typeof row !== 'object' || Array.isArray(row)) {
			rowErrors.push(notAnObjectError(i, '(row)', 'a row of named columns', row));
			continue;
		}
		problems.length = 0;
		readRow(row, i, plan, dateCache, reading, problems);
		if (problems.length === 0 && reading.key !== undefined) {
			const earlier = groups.place(i, row, reading, plan);
			if (earlier < 0) continue;
			problems.push({
				...OBLIGATION_ID,
				kind: 'duplicate',
				value: reading.obligation?.id,
				detail: `already came with other values in item ${earlier} for customer ${describeValue(reading.key)}; wolkvox keeps one obligation per id, so fix or remove one of the two rows`,
			});
		}
		rowErrors.push(toRowError(i, problems, row));
	}
	return { caseFiles: groups.drafts(), rowErrors, droppedColumns: plan.droppedColumns };
}

export interface RowsModeSettings {
	/** Column whose value groups rows into one case file; empty = the column mapped to Identification */
	keyColumn?: string;
	/** One grouping value per row, when the user gave an expression instead of a column name */
	keys?: readonly unknown[];
	mapping: BulkMapping;
	extraColumns: ExtraColumns;
	dateInputFormat: InputDateFormat;
}

/**
 * Input Data "Flat Rows": the mapping resolved against the columns the rows hold, then the rows grouped into
 * case files. A mapping that cannot work for any row is said once, in `mappingProblem`, and groups nothing.
 */
export function caseFilesFromRows(
	rows: readonly RowLike[],
	settings: RowsModeSettings,
): CollectedCaseFiles {
	const columns = columnsOf(rows);
	const mapping = resolveMapping(columns, settings.mapping);
	const problem = rows.length ? mappingProblem(mapping, columns) : undefined;
	if (problem) return { caseFiles: [], rowErrors: [], mappingProblem: problem, mapping };
	const grouped = groupRowsIntoCaseFiles(rows, {
		keyColumn:
			typeof settings.keyColumn === 'string' ? settings.keyColumn.trim() || undefined : undefined,
		keys: settings.keys,
		mapping,
		extraColumns: settings.extraColumns,
		dateInputFormat: settings.dateInputFormat,
	});
	return { ...grouped, mapping };
}
