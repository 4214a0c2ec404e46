/**
 * Flat rows (one per obligation, the customer's columns repeated on each of its rows) grouped into the nested
 * case files the bulk endpoint takes, every row validated on the way (see readRow.ts).
 *
 * Built for 100,000-row portfolios: the column mapping is resolved once, rows are read with plain property
 * access and hand-written parsers (no schema validation or regular expression per cell), grouped through one
 * Map into lists allocated at their final length, and messages are only composed for rows that fail.
 */
import { describeValue } from '../helpers/coerce';
import type { InputDateFormat } from '../helpers/dates/inputDateFormat';
import type {
	CaseFileBody,
	CaseFileConflict,
	CaseFileDraft,
	CollectedCaseFiles,
	ObligationBody,
	RowError,
	RowLike,
} from './caseFileShape';
import {
	columnsOf,
	mappingProblem,
	resolveMapping,
	type BulkMapping,
	type ExtraColumns,
} from './columnMapping';
import {
	newRowReading,
	OBLIGATION_ID,
	planRows,
	readRow,
	type GroupOptions,
	type RowPlan,
	type RowReading,
} from './readRow';
import { cell, customValue, type DateCache } from './readValues';
import { notAnObjectError, toRowError, type Problem } from './rowProblems';

export type { GroupOptions } from './readRow';

export interface GroupResult {
	caseFiles: CaseFileDraft[];
	rowErrors: RowError[];
	/** Leftover columns that could not be sent as custom fields because their name is a standard key */
	droppedColumns: string[];
}

/** A customer with more obligations than this gets an index of their ids instead of a scan per row. */
const SCANNED_OBLIGATIONS = 16;

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

	/** Every obligation placed, in row order */
	private readonly obligations: ObligationBody[] = [];

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
			drafts[k] = {
				body: this.fields[k] as CaseFileBody,
				rows: new Array<number>(this.rowCounts[k]),
				conflicts: this.conflicts.get(k) ?? [],
			};
		}
		// From here on the row counts are fill positions.
		this.rowCounts.fill(0, 0, count);
		for (let row = 0; row < this.caseFileOfRow.length; row++) {
			const k = this.caseFileOfRow[row] - 1;
			if (k >= 0) drafts[k].rows[this.rowCounts[k]++] = row;
		}
		this.attachObligations(drafts);
		return drafts;
	}

	/**
	 * Gives each case file its Obligations in row order, each list cut from one list of all obligations ordered by
	 * case file. A list made by `new Array(n)` would be as small, but V8 marks it holey, and JSON.stringify, which
	 * runs on every body sent, reads a holey list element by element on its slow path; a cut of a list filled by
	 * push is packed and of the exact length.
	 */
	private attachObligations(drafts: CaseFileDraft[]): void {
		const count = drafts.length;
		const start = new Int32Array(count + 1);
		for (let k = 0; k < count; k++) start[k + 1] = start[k] + this.obligationCounts[k];
		const next = start.slice(0, count);
		const order = new Int32Array(this.obligationTotal);
		for (let o = 0; o < this.obligationTotal; o++)
			order[next[this.caseFileOfRow[this.obligationRow[o]] - 1]++] = o;
		const ordered: ObligationBody[] = [];
		for (let i = 0; i < order.length; i++) ordered.push(this.obligations[order[i]]);
		for (let k = 0; k < count; k++)
			drafts[k].body.Obligations = ordered.slice(start[k], start[k + 1]);
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
		this.obligations.push(obligation);
		this.obligationRow[index] = row;
		this.previousObligation[index] = this.lastObligation[number];
		this.lastObligation[number] = index + 1;
		// Only a customer with many obligations can have an index: most rows skip the lookup.
		if (++this.obligationCounts[number] > SCANNED_OBLIGATIONS) {
			const ids = this.obligationIndex.get(number);
			if (ids !== undefined && !ids.has(obligation.id)) ids.set(obligation.id, index);
		}
	}

	/**
	 * The customer's obligation with this id (an index into `obligations`), or -1: a short scan of the customer's
	 * own obligations, or an index of their ids once there are many.
	 */
	private findObligation(number: number, id: string): number {
		const many = this.obligationCounts[number] >= SCANNED_OBLIGATIONS;
		const ids = many ? this.obligationIndex.get(number) : undefined;
		if (ids !== undefined) return ids.get(id) ?? -1;
		for (let o = this.lastObligation[number] - 1; o >= 0; o = this.previousObligation[o] - 1)
			if (this.obligations[o].id === id) return o;
		if (many) {
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
	const reading = newRowReading();
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
