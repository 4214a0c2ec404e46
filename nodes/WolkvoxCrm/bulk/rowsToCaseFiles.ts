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

/** The optional obligation field a plan reads from a row: undefined when unmapped, blank or invalid. */
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

/** How an evaluated grouping expression is named in messages */
const GROUP_BY_LABEL = 'Group Rows By';

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

	const plan = (field: ObligationField): ObligationValuePlan | undefined => {
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
	].filter((p): p is ObligationValuePlan => p !== undefined);

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
	const dateCache: DateCache = new Map();
	const problems: Problem[] = [];
	let lastKey: string | undefined;
	let lastGroup: Group | undefined;

	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		if (row === null || typeof row !== 'object' || Array.isArray(row)) {
			rowErrors.push(notAnObjectError(i, '(row)', 'a row of named columns', row));
			continue;
		}
		problems.length = 0;

		// Customer
		let key: string | undefined;
		if (!keyIsIdentification && keyColumn !== undefined) {
			const v = keys ? keys[i] : cell(row, keyColumn);
			key = isBlank(v) ? undefined : textOrUndefined(v);
			if (key === undefined) {
				problems.push({
					kind: isBlank(v) ? 'missing' : 'invalid',
					field: keyColumn,
					label: 'the grouping column',
					column: keyColumn,
					value: v,
					expected: EXPECTED_ID,
				});
			}
		}
		const identification = readRowText(
			row,
			idColumn,
			'id',
			true,
			CASE_FILE_NAMES.Identification,
			problems,
		);
		const name = readRowText(row, nameColumn, 'text', true, CASE_FILE_NAMES.Name, problems);
		const email = readRowText(row, emailColumn, 'text', true, CASE_FILE_NAMES.Email, problems);
		const telephone = readRowText(
			row,
			phoneColumn,
			'id',
			true,
			CASE_FILE_NAMES.Telephone,
			problems,
		);
		const address = readRowText(
			row,
			addressColumn,
			'text',
			false,
			CASE_FILE_NAMES.Address,
			problems,
		);
		if (keyIsIdentification) key = identification;

		// Obligation
		const idCell = obligationIdColumn === undefined ? undefined : cell(row, obligationIdColumn);
		const nameCell =
			obligationNameColumn === undefined ? undefined : cell(row, obligationNameColumn);
		const hasId = !isBlank(idCell);
		const hasName = !isBlank(nameCell);
		let obligation: ObligationBody | undefined;
		if (hasId || hasName) {
			const obligationName = readObligationKey(
				nameCell,
				obligationNameColumn,
				OBLIGATION_NAME,
				OBLIGATION_ID,
				hasName,
				problems,
			);
			const obligationId = readObligationKey(
				idCell,
				obligationIdColumn,
				OBLIGATION_ID,
				OBLIGATION_NAME,
				hasId,
				problems,
			);
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
				if (!isBlank(v)) {
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
				const v = ownValue(row, column);
				if (!isBlank(v))
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
