/**
 * Property: whatever the Column Mapping parameter resolves to, parseColumnMapping gives a mapping of known
 * fields to trimmed column names, the same one the node's former reading gave for well-formed input, or a
 * FieldError for "Column Mapping"; never a TypeError, never a write through a prototype.
 */
import * as fc from 'fast-check';

import { CASE_FILE_FIELDS, OBLIGATION_FIELDS } from '../../../nodes/WolkvoxCrm/bulk/caseFileShape';
import { parseColumnMapping, type BulkMapping } from '../../../nodes/WolkvoxCrm/bulk/columnMapping';
import { FieldError } from '../../../nodes/WolkvoxCrm/helpers/validation';
import { FORBIDDEN_NAMES, hostile, NUM_RUNS, text } from './arbitraries';

const KNOWN = [
	...CASE_FILE_FIELDS.map((f) => `caseFile.${f}`),
	...OBLIGATION_FIELDS.map((f) => `obligation.${f}`),
];

const field = fc.oneof(
	{ arbitrary: fc.constantFrom(...KNOWN), weight: 12 },
	{
		arbitrary: fc.constantFrom(
			'caseFile.__proto__',
			'obligation.constructor',
			'caseFile',
			'caseFile.',
			'.Name',
			'customer.Name',
			'caseFile.Name.x',
		),
		weight: 1,
	},
	{ arbitrary: text, weight: 1 },
	{ arbitrary: hostile, weight: 1 },
);

const column = fc.oneof(
	{
		arbitrary: fc.oneof(text, fc.constantFrom('cedula', ' nombre ', ...FORBIDDEN_NAMES)),
		weight: 12,
	},
	{ arbitrary: fc.integer(), weight: 1 },
	{ arbitrary: hostile, weight: 1 },
);

const entry = fc.oneof(
	{ arbitrary: fc.record({ field, column }, { requiredKeys: [] }), weight: 12 },
	{ arbitrary: hostile, weight: 1 },
);

const parameter = fc.oneof(
	{ arbitrary: fc.array(entry, { maxLength: 5 }), weight: 12 },
	{ arbitrary: hostile, weight: 1 },
);

/** The node's former reading of the parameter, for entries of the documented shape. */
function formerReading(entries: Array<{ field?: string; column?: string }>): BulkMapping {
	const mapping: BulkMapping = { caseFile: {}, obligation: {} };
	for (const { field: f, column: c } of entries) {
		if (!f || !c?.trim()) continue;
		const [group, name] = f.split('.') as ['caseFile' | 'obligation', string];
		(mapping[group] as Record<string, string>)[name] = c.trim();
	}
	return mapping;
}

function assertMapping(mapping: BulkMapping): void {
	for (const [group, known] of [
		['caseFile', CASE_FILE_FIELDS],
		['obligation', OBLIGATION_FIELDS],
	] as const) {
		const target = mapping[group] as Record<string, unknown>;
		if (Object.getPrototypeOf(target) !== Object.prototype)
			throw new Error(`mapping.${group} lost its prototype`);
		for (const key of Object.keys(target)) {
			if (!(known as readonly string[]).includes(key)) throw new Error(`unknown key ${key}`);
			const value = target[key];
			if (typeof value !== 'string' || value === '' || value !== value.trim())
				throw new Error(`${group}.${key} is not a trimmed column name`);
		}
	}
}

describe('parseColumnMapping, for any parameter value', () => {
	it(`gives a mapping of known fields to trimmed column names, or a FieldError for Column Mapping (${NUM_RUNS} runs)`, () => {
		let mapped = 0;
		let refused = 0;
		fc.assert(
			fc.property(parameter, (raw) => {
				let mapping: BulkMapping;
				try {
					mapping = parseColumnMapping(raw);
				} catch (error) {
					if (!(error instanceof FieldError) || error.field !== 'Column Mapping' || !error.expected)
						throw error;
					refused++;
					return true;
				}
				assertMapping(mapping);
				mapped++;
				return true;
			}),
			{ numRuns: NUM_RUNS },
		);
		expect(mapped).toBeGreaterThan(NUM_RUNS * 0.05);
		expect(refused).toBeGreaterThan(NUM_RUNS * 0.05);
	});

	it(`reads well-formed entries as the node always did (${NUM_RUNS} runs)`, () => {
		const wellFormed = fc.array(
			fc.record(
				{
					field: fc.constantFrom(...KNOWN),
					column: fc.oneof(text, fc.constantFrom('cedula', ' nombre ', '', '  ')),
				},
				{ requiredKeys: ['field'] },
			),
			{ maxLength: 6 },
		);
		fc.assert(
			fc.property(wellFormed, (entries) => {
				expect(parseColumnMapping(entries)).toEqual(formerReading(entries));
			}),
			{ numRuns: NUM_RUNS },
		);
	});
});
