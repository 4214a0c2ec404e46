/**
 * Properties of the coercions: the one rule for a value where text is expected, and the bulk paths (flat rows,
 * items that already are case files, Raw JSON), which must turn any input into case files the bulk endpoint takes
 * or into row errors that name a field, never throwing, never sending garbage or a reserved key.
 */
import * as fc from 'fast-check';

import type {
	CaseFileDraft,
	RowError,
	RowLike,
} from '../../../nodes/WolkvoxCrm/bulk/caseFileShape';
import {
	columnsOf,
	resolveMapping,
	type ExtraColumns,
} from '../../../nodes/WolkvoxCrm/bulk/columnMapping';
import { caseFileFromItem } from '../../../nodes/WolkvoxCrm/bulk/itemsToCaseFiles';
import { caseFilesFromRawJson } from '../../../nodes/WolkvoxCrm/bulk/rawJsonToCaseFiles';
import { groupRowsIntoCaseFiles } from '../../../nodes/WolkvoxCrm/bulk/rowsToCaseFiles';
import type { InputDateFormat } from '../../../nodes/WolkvoxCrm/helpers/dates/inputDateFormat';
import { toText } from '../../../nodes/WolkvoxCrm/helpers/values';
import { validators } from '../../../harness/sandbox/server';
import {
	amountInput,
	assertSendable,
	dateInput,
	filledText,
	finiteNumber,
	FORBIDDEN_NAMES,
	hostile,
	hugeNumber,
	integerInput,
	isNamedRefusal,
	loose,
	NUM_RUNS,
	reservedKeyObject,
	text,
} from './arbitraries';

// ---------------------------------------------------------------------------------------------------------------
// toText
// ---------------------------------------------------------------------------------------------------------------

describe('toText, for any value', () => {
	const anyValue = fc.oneof(text, finiteNumber, hugeNumber, hostile);

	it(`gives text exactly as written or a plain decimal that reads back as the same number, else names the field (${NUM_RUNS} runs)`, () => {
		fc.assert(
			fc.property(anyValue, (value) => {
				const safeNumber =
					typeof value === 'number' &&
					Number.isFinite(value) &&
					(!Number.isInteger(value) || Math.abs(value) <= Number.MAX_SAFE_INTEGER);
				const accepted =
					typeof value === 'string' || safeNumber || value === undefined || value === null;
				let out: string;
				try {
					out = toText(value, 'Field');
				} catch (error) {
					if (!isNamedRefusal(error)) throw error;
					if (accepted) throw new Error('refused a value it should take');
					return true;
				}
				if (!accepted) throw new Error(`took a value it should refuse, as ${JSON.stringify(out)}`);
				if (typeof value === 'string') return out === value;
				if (typeof value === 'number')
					return /^-?\d+(\.\d+)?$/.test(out) && Number(out) === value + 0;
				return out === '';
			}),
			{ numRuns: NUM_RUNS },
		);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Bulk: shared checks
// ---------------------------------------------------------------------------------------------------------------

/** What the bulk endpoint gets for a case file passes every body check and the sandbox's case-file rules. */
function assertCaseFile(draft: CaseFileDraft, input: unknown): void {
	const sent = assertSendable(draft.body, input);
	const problems = validators.validateCaseFile(sent);
	if (problems.length > 0)
		throw new Error(`the sandbox refuses the case file: ${problems.join('; ')}`);
}

function assertRowError(error: RowError): void {
	if (typeof error.field !== 'string' || error.field.trim() === '')
		throw new Error(`a row error names no field: ${error.message}`);
	if (!error.message.startsWith(`Item ${error.row}`))
		throw new Error(`a row error does not start with its item: ${error.message}`);
}

/**
 * Every input lands in exactly one place: a case file's rows, or row errors. A row feeds one case file; a Raw
 * JSON item may hold several case files (`many`).
 */
function assertAccounted(
	count: number,
	caseFiles: CaseFileDraft[],
	rowErrors: RowError[],
	many = false,
): void {
	const sent = new Map<number, number>();
	for (const draft of caseFiles) for (const r of draft.rows) sent.set(r, (sent.get(r) ?? 0) + 1);
	const failed = new Set(rowErrors.map((e) => e.row));
	for (let i = 0; i < count; i++) {
		const times = sent.get(i) ?? 0;
		if (failed.has(i) ? times !== 0 : times !== 1 && !(many && times > 1))
			throw new Error(
				`item ${i} is sent ${times} time(s) and ${failed.has(i) ? '' : 'not '}failed`,
			);
	}
}

const idCell = loose(
	fc.oneof(fc.constantFrom('1001', '1002', ' 1003 ', '0012345'), fc.constantFrom(1004, 3001234567)),
	20,
);
const textCell = loose(filledText, 20);
const optionalCell = <T>(arb: fc.Arbitrary<T>) =>
	fc.oneof(
		{ arbitrary: fc.constantFrom('', null, undefined, '  '), weight: 1 },
		{ arbitrary: arb, weight: 3 },
	);

/** Extra columns: ordinary ones, and names every object inherits or that JavaScript reserves. */
const EXTRA_COLUMNS = [
	'ciudad',
	'asesor',
	...FORBIDDEN_NAMES,
	'toString',
	'valueOf',
	'row_number',
	'Obligations',
];

const extraCells = fc.array(
	fc.tuple(fc.constantFrom(...EXTRA_COLUMNS), optionalCell(loose(text, 10))),
	{
		maxLength: 3,
	},
);

/** Own keys exactly as given (Object.fromEntries makes an own "__proto__" key, as JSON.parse does). */
const withExtras = (standard: Record<string, unknown>, extras: Array<[string, unknown]>) =>
	Object.fromEntries([...Object.entries(standard), ...extras]) as Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Flat rows
// ---------------------------------------------------------------------------------------------------------------

const flatRow = fc
	.tuple(
		fc.record(
			{
				Identification: idCell,
				Name: textCell,
				Email: textCell,
				Telephone: idCell,
				Address: optionalCell(textCell),
				id: optionalCell(idCell),
				name: optionalCell(textCell),
				total_balance: optionalCell(amountInput),
				expiring_date: optionalCell(dateInput),
				days_delay: optionalCell(integerInput),
				portfolio_type: optionalCell(textCell),
				last_pay: optionalCell(amountInput),
				last_pay_date: optionalCell(dateInput),
				balance_payment: optionalCell(amountInput),
			},
			{ requiredKeys: ['Identification', 'Name', 'Email', 'Telephone'] },
		),
		extraCells,
	)
	.map(([standard, extras]) => withExtras(standard, extras));

const rowsInput = fc.record({
	rows: fc.array(fc.oneof({ arbitrary: flatRow, weight: 20 }, { arbitrary: hostile, weight: 1 }), {
		minLength: 1,
		maxLength: 4,
	}),
	extraColumns: fc.constantFrom<ExtraColumns>('drop', 'caseFile', 'obligation'),
	dateInputFormat: fc.constantFrom<InputDateFormat>(
		'auto',
		'YYYY-MM-DD',
		'DD/MM/YYYY',
		'MM/DD/YYYY',
	),
	keyColumn: fc.constantFrom(undefined, 'Identification', 'Email', 'constructor'),
	keys: fc.oneof(
		{ arbitrary: fc.constant(undefined), weight: 3 },
		{
			arbitrary: fc.array(loose(fc.constantFrom('A', 'B', 7)), { minLength: 4, maxLength: 4 }),
			weight: 1,
		},
	),
});

describe('groupRowsIntoCaseFiles, for any rows', () => {
	it(`sends only case files the bulk endpoint takes, accounts for every row, and names the field of every error (${NUM_RUNS} runs)`, () => {
		let sentSome = 0;
		let failedSome = 0;
		fc.assert(
			fc.property(rowsInput, (input) => {
				const rows = input.rows as RowLike[];
				const mapping = resolveMapping(columnsOf(rows), { caseFile: {}, obligation: {} });
				const result = groupRowsIntoCaseFiles(rows, {
					mapping,
					extraColumns: input.extraColumns,
					dateInputFormat: input.dateInputFormat,
					keyColumn: input.keyColumn,
					keys: input.keys?.slice(0, rows.length),
				});
				assertAccounted(rows.length, result.caseFiles, result.rowErrors);
				for (const draft of result.caseFiles) assertCaseFile(draft, rows);
				for (const error of result.rowErrors) assertRowError(error);
				for (const column of result.droppedColumns)
					if (FORBIDDEN_NAMES.includes(column)) throw new Error(`"${column}" dropped silently`);
				// A filled custom column with a reserved name is an error naming it, never a silent drop.
				if (input.extraColumns === 'caseFile') {
					rows.forEach((row, i) => {
						if (!row || typeof row !== 'object') return;
						for (const name of FORBIDDEN_NAMES) {
							if (!Object.prototype.hasOwnProperty.call(row, name)) continue;
							const v = row[name];
							if (v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))
								continue;
							const error = result.rowErrors.find((e) => e.row === i);
							if (!error?.message.includes(`column "${name}"`))
								throw new Error(`row ${i}: the column "${name}" is not named in an error`);
						}
					});
				}
				if (result.caseFiles.length > 0) sentSome++;
				if (result.rowErrors.length > 0) failedSome++;
				return true;
			}),
			{ numRuns: NUM_RUNS },
		);
		expect(sentSome).toBeGreaterThan(NUM_RUNS * 0.05);
		expect(failedSome).toBeGreaterThan(NUM_RUNS * 0.05);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Items that already are case files
// ---------------------------------------------------------------------------------------------------------------

const obligationObject = fc
	.tuple(
		fc.record(
			{
				id: idCell,
				name: textCell,
				total_balance: optionalCell(amountInput),
				expiring_date: optionalCell(dateInput),
				days_delay: optionalCell(integerInput),
				portfolio_type: optionalCell(textCell),
				last_pay: optionalCell(amountInput),
				last_pay_date: optionalCell(dateInput),
				balance_payment: optionalCell(amountInput),
			},
			{ requiredKeys: ['id', 'name'] },
		),
		extraCells,
	)
	.map(([standard, extras]) => withExtras(standard, extras));

const obligationsValue = fc.oneof(
	{ arbitrary: fc.array(obligationObject, { maxLength: 2 }), weight: 8 },
	{
		arbitrary: fc.array(obligationObject, { maxLength: 2 }).map((list) => {
			try {
				return JSON.stringify(list);
			} catch {
				return '[';
			}
		}),
		weight: 2,
	},
	{ arbitrary: fc.array(fc.oneof(obligationObject, hostile), { maxLength: 2 }), weight: 1 },
	{ arbitrary: hostile, weight: 1 },
);

const caseFileItem = fc
	.tuple(
		fc.record(
			{
				Identification: idCell,
				Name: textCell,
				Email: textCell,
				Telephone: idCell,
				Address: optionalCell(textCell),
				Obligations: obligationsValue,
			},
			{ requiredKeys: ['Identification', 'Name', 'Email', 'Telephone'] },
		),
		extraCells,
	)
	.map(([standard, extras]) => withExtras(standard, extras));

describe('caseFileFromItem, for any item', () => {
	it(`gives a case file the bulk endpoint takes, or one row error naming a field (${NUM_RUNS} runs)`, () => {
		let built = 0;
		let refused = 0;
		fc.assert(
			fc.property(
				fc.oneof({ arbitrary: caseFileItem, weight: 20 }, { arbitrary: hostile, weight: 1 }),
				fc.nat(1000),
				fc.constantFrom<InputDateFormat>('auto', 'DD/MM/YYYY', 'MM/DD/YYYY'),
				(item, index, dateInputFormat) => {
					const result = caseFileFromItem(item, index, { dateInputFormat });
					if ('message' in result) {
						assertRowError(result);
						if (result.row !== index) throw new Error('the error names another item');
						refused++;
					} else {
						assertCaseFile(result, item);
						if (result.rows.length !== 1 || result.rows[0] !== index)
							throw new Error('the case file names another item');
						built++;
					}
					return true;
				},
			),
			{ numRuns: NUM_RUNS },
		);
		expect(built).toBeGreaterThan(NUM_RUNS * 0.05);
		expect(refused).toBeGreaterThan(NUM_RUNS * 0.05);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Raw JSON
// ---------------------------------------------------------------------------------------------------------------

const rawCaseFile = fc.oneof(
	{ arbitrary: caseFileItem, weight: 6 },
	{ arbitrary: fc.object({ maxDepth: 2, maxKeys: 4 }), weight: 2 },
	{ arbitrary: reservedKeyObject, weight: 1 },
	{ arbitrary: hostile, weight: 1 },
);

const rawSources = fc.array(
	fc.oneof(
		{ arbitrary: fc.array(rawCaseFile, { maxLength: 2 }), weight: 6 },
		{ arbitrary: rawCaseFile, weight: 2 },
		{ arbitrary: fc.constant(undefined), weight: 1 },
		{ arbitrary: fc.constant('invalid'), weight: 1 },
	),
	{ minLength: 1, maxLength: 3 },
);

describe('caseFilesFromRawJson, for any Collections (JSON) value', () => {
	it(`sends only what JSON writes back exactly, without reserved keys, and accounts for every item (${NUM_RUNS} runs)`, () => {
		let sentSome = 0;
		let failedSome = 0;
		fc.assert(
			fc.property(rawSources, (values) => {
				const sources = values.map((parsed, item) =>
					parsed === 'invalid'
						? { items: [item], invalidJson: true }
						: { items: [item], parsed: parsed as unknown },
				);
				const result = caseFilesFromRawJson(sources);
				assertAccounted(values.length, result.caseFiles, result.rowErrors, true);
				for (const draft of result.caseFiles) assertSendable(draft.body, values);
				for (const error of result.rowErrors) assertRowError(error);
				if (result.caseFiles.length > 0) sentSome++;
				if (result.rowErrors.length > 0) failedSome++;
				return true;
			}),
			{ numRuns: NUM_RUNS },
		);
		expect(sentSome).toBeGreaterThan(NUM_RUNS * 0.05);
		expect(failedSome).toBeGreaterThan(NUM_RUNS * 0.05);
	});
});
