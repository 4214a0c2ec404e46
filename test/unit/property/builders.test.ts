/**
 * Property: whatever the parameters resolve to, each body builder either returns a body that its schema accepts,
 * that JSON writes back exactly, that carries no garbage text and no reserved key, and that the sandbox's own
 * validators (the vendor's rules as the project enforces them) accept; or it throws a FieldError naming a field.
 */
import * as fc from 'fast-check';

import { buildGestionBody } from '../../../nodes/WolkvoxCrm/actions/gestion/buildGestionBody';
import { buildObligationBody } from '../../../nodes/WolkvoxCrm/actions/obligation/buildObligationBody';
import { buildRecordBody } from '../../../nodes/WolkvoxCrm/actions/record/buildRecordBody';
import { buildTaskBody } from '../../../nodes/WolkvoxCrm/actions/task/buildTaskBody';
import {
	gestionCreateBodySchema,
	GESTION_OPTIONAL_FIELDS,
} from '../../../nodes/WolkvoxCrm/schemas/gestion.schema';
import { obligationCreateBodySchema } from '../../../nodes/WolkvoxCrm/schemas/obligation.schema';
import { recordCreateBodySchema } from '../../../nodes/WolkvoxCrm/schemas/record.schema';
import { taskCreateBodySchema } from '../../../nodes/WolkvoxCrm/schemas/task.schema';
import { validators } from '../../../harness/sandbox/server';
import {
	amountInput,
	assertSendable,
	dateInput,
	filledText,
	finiteNumber,
	hostile,
	integerInput,
	loose,
	NUM_RUNS,
	outcomeOf,
	reservedKeyObject,
	Tally,
	text,
} from './arbitraries';

type Schema = { safeParse(value: unknown): { success: boolean } };

function bodyCheck(schema: Schema, inputs: unknown, sandboxProblems: (sent: unknown) => string[]) {
	return (body: unknown) => {
		if (!schema.safeParse(body).success) throw new Error('the schema refuses the built body');
		const sent = assertSendable(body, inputs);
		const problems = sandboxProblems(sent);
		if (problems.length > 0)
			throw new Error(`the sandbox refuses the body: ${problems.join('; ')}`);
	};
}

/** Both outcomes must be exercised, or the property says little. */
function expectBothOutcomes(tally: Tally): void {
	expect(tally.built).toBeGreaterThan(NUM_RUNS * 0.05);
	expect(tally.refused).toBeGreaterThan(NUM_RUNS * 0.05);
}

const isFilled = (v: unknown) =>
	(typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));

const optional = <T>(arb: fc.Arbitrary<T>) =>
	fc.oneof(
		{ arbitrary: fc.constantFrom(undefined, '', null), weight: 1 },
		{ arbitrary: arb, weight: 2 },
	);

// ---------------------------------------------------------------------------------------------------------------
// Record
// ---------------------------------------------------------------------------------------------------------------

const VALUE_TYPES = [
	'address',
	'boolean',
	'currency',
	'json',
	'number',
	'relation',
	'search',
	'string',
	'table',
	'telephone',
] as const;

/** JSON text of a value; a value JSON cannot write (a bigint, a cycle) stands for text that is no JSON. */
function jsonText(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return '{not json';
	}
}

/** A JSON value as the user writes it: text (JSON, or not) or a value from an expression. */
const jsonParameter = (valid: fc.Arbitrary<unknown>) =>
	fc.oneof(
		{ arbitrary: valid.map(jsonText), weight: 4 },
		{ arbitrary: valid, weight: 3 },
		{ arbitrary: reservedKeyObject.map((o) => JSON.stringify(o)), weight: 1 },
		{ arbitrary: fc.constantFrom('{broken', '', '  ', 'null', '[1,2]', '"text"'), weight: 1 },
		{ arbitrary: hostile, weight: 1 },
	);

const reservedName = fc.constantFrom('__proto__', 'constructor', 'prototype');

const tableRows = fc.array(fc.dictionary(filledText, fc.oneof(text, finiteNumber)), {
	maxLength: 3,
});

const typedValue: fc.Arbitrary<unknown> = fc.oneof(
	loose(text),
	fc.record({ type: fc.constant('address'), value: loose(text) }),
	fc.record({ type: fc.constant('table'), value: fc.oneof(tableRows, hostile) }),
	fc.record({
		type: fc.constant('search'),
		value: loose(text),
		value_id: loose(text),
		searchModuleName: loose(filledText),
	}),
	fc
		.dictionary(
			fc.oneof({ arbitrary: filledText, weight: 8 }, { arbitrary: reservedName, weight: 1 }),
			loose(text),
			{ maxKeys: 2 },
		)
		.map((extra) => ({ ...extra, type: 'relation' })),
	fc.record({
		type: fc.constant('telephone'),
		value: loose(text),
		country: loose(text),
		code: loose(text),
	}),
	fc.record({
		type: fc.constant('currency'),
		value: loose(fc.constantFrom('1750905', '1.5')),
		symbol: loose(text),
		convert: loose(finiteNumber),
	}),
);

const fieldName = loose(
	fc.oneof(
		{ arbitrary: filledText, weight: 12 },
		{ arbitrary: text, weight: 2 },
		{ arbitrary: reservedName, weight: 1 },
	),
	24,
);
const jsonValue = jsonParameter(fc.oneof(tableRows, typedValue, fc.jsonValue({ maxDepth: 2 })));

/** One row of "Fields": the keys its type reads, or (rarely) every key with anything in it. */
const fieldInput: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
	fc.record({ name: fieldName, valueType: fc.constant('string'), value: loose(text) }),
	fc.record({ name: fieldName, valueType: fc.constant('number'), value: loose(amountInput) }),
	fc.record(
		{
			name: fieldName,
			valueType: fc.constant('boolean'),
			value: optional(loose(fc.constantFrom('true', 'no', 'sí', 1))),
			booleanValue: loose(fc.boolean()),
		},
		{ requiredKeys: ['name', 'valueType'] },
	),
	fc.record({ name: fieldName, valueType: fc.constant('address'), value: loose(text) }),
	fc.record({
		name: fieldName,
		valueType: fc.constantFrom('table', 'relation', 'json'),
		jsonValue,
	}),
	fc.record({
		name: fieldName,
		valueType: fc.constant('search'),
		value: loose(text),
		valueId: loose(text),
		searchModuleName: loose(filledText),
	}),
	fc.record({
		name: fieldName,
		valueType: fc.constant('telephone'),
		value: loose(text),
		country: loose(text),
		countryCode: loose(fc.constantFrom('+57', '57', '1')),
	}),
	fc.record(
		{
			name: fieldName,
			valueType: fc.constant('currency'),
			value: loose(amountInput),
			currencySymbol: loose(fc.constantFrom('COP', 'USD')),
			convertedAmount: optional(amountInput),
		},
		{ requiredKeys: ['name', 'valueType', 'value'] },
	),
	fc.record(
		{
			name: fieldName,
			valueType: fc.oneof(fc.constantFrom(...VALUE_TYPES), hostile),
			value: hostile,
			booleanValue: hostile,
			valueId: hostile,
			searchModuleName: hostile,
			country: hostile,
			countryCode: hostile,
			currencySymbol: hostile,
			convertedAmount: hostile,
			jsonValue: hostile,
		},
		{ requiredKeys: [] },
	),
);

const recordParams = fc.record({
	module: loose(
		fc.oneof(
			{ arbitrary: fc.constantFrom('contacts', 'leads', 'cases', ' my_module '), weight: 12 },
			{ arbitrary: fc.constantFrom('wolkvox_activities', '', ' '), weight: 1 },
		),
		24,
	),
	inputMode: fc.oneof(
		{ arbitrary: fc.constantFrom('fields', 'json'), weight: 12 },
		{ arbitrary: hostile, weight: 1 },
	),
	fields: fc.oneof(
		{ arbitrary: fc.array(fieldInput, { minLength: 1, maxLength: 3 }), weight: 12 },
		{ arbitrary: fc.constant([]), weight: 1 },
		{ arbitrary: hostile, weight: 1 },
	),
	fieldsJson: jsonParameter(
		fc.dictionary(fc.oneof(filledText, text), typedValue, { minKeys: 1, maxKeys: 3 }),
	),
});

describe('buildRecordBody, for any parameters', () => {
	it(`builds a body wolkvox and the sandbox accept, or names the field (${NUM_RUNS} runs)`, () => {
		const tally = new Tally();
		fc.assert(
			fc.property(recordParams, (params) =>
				tally.add(
					outcomeOf(
						() => buildRecordBody(params as Parameters<typeof buildRecordBody>[0]),
						bodyCheck(
							recordCreateBodySchema,
							params,
							(sent) => validators.validateInsert(sent as Record<string, unknown>).problems,
						),
					),
				),
			),
			{ numRuns: NUM_RUNS },
		);
		expectBothOutcomes(tally);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Task
// ---------------------------------------------------------------------------------------------------------------

const taskParams = fc.record({
	name: loose(filledText),
	priority: loose(fc.constantFrom('high', 'normal', 'low'), 24),
	relatedModule: loose(fc.constantFrom('cases', 'contacts')),
	recordId: loose(filledText),
	owner: loose(fc.constantFrom('ADMIN_@mymodule')),
	completionDate: dateInput,
	description: loose(text),
	remember: fc.oneof(
		{ arbitrary: fc.boolean(), weight: 6 },
		{ arbitrary: fc.constantFrom('true', 'sí', 'no', 1, 0, '', 'later'), weight: 2 },
		{ arbitrary: hostile, weight: 1 },
	),
	reminderDate: optional(dateInput),
	status: optional(loose(filledText)),
});

const timeZone = fc.constantFrom('UTC', 'America/Bogota', 'Asia/Kolkata', 'Pacific/Chatham');

describe('buildTaskBody, for any parameters', () => {
	it(`builds a body wolkvox and the sandbox accept, or names the field (${NUM_RUNS} runs)`, () => {
		const tally = new Tally();
		fc.assert(
			fc.property(taskParams, timeZone, (params, zone) =>
				tally.add(
					outcomeOf(
						() => buildTaskBody(params, zone),
						bodyCheck(taskCreateBodySchema, params, (sent) => {
							const { problems, isTask } = validators.validateInsert(
								sent as Record<string, unknown>,
							);
							return isTask ? problems : [...problems, 'not a task'];
						}),
					),
				),
			),
			{ numRuns: NUM_RUNS },
		);
		expectBothOutcomes(tally);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Obligation
// ---------------------------------------------------------------------------------------------------------------

const customField = fc.oneof(
	{
		arbitrary: fc.record(
			{
				name: loose(fc.oneof(filledText, fc.constantFrom('__proto__', 'constructor', 'prototype'))),
				value: loose(text),
			},
			{ requiredKeys: [] },
		),
		weight: 12,
	},
	{ arbitrary: hostile, weight: 1 },
);

const obligationParams = fc.record({
	caseFileId: loose(filledText),
	obligationId: loose(fc.oneof(filledText, fc.integer({ min: 0 }))),
	obligationName: loose(filledText),
	totalBalance: optional(amountInput),
	portfolioType: optional(loose(text)),
	lastPay: optional(amountInput),
	lastPayDate: optional(dateInput),
	expiringDate: optional(dateInput),
	daysDelay: optional(integerInput),
	customFields: fc.oneof(
		{ arbitrary: fc.array(customField, { maxLength: 3 }), weight: 12 },
		{ arbitrary: hostile, weight: 1 },
	),
	dateFormat: fc.constantFrom('YYYY-MM-DD' as const, 'DD-MM-YYYY' as const),
});

describe('buildObligationBody, for any parameters', () => {
	it(`builds a body wolkvox and the sandbox accept, or names the field (${NUM_RUNS} runs)`, () => {
		const tally = new Tally();
		fc.assert(
			fc.property(obligationParams, (params) =>
				tally.add(
					outcomeOf(
						() => buildObligationBody(params),
						bodyCheck(obligationCreateBodySchema, params, (sent) => {
							const body = sent as { wolkvox_id?: unknown; fields: Record<string, unknown> };
							return [
								...(isFilled(body.wolkvox_id) ? [] : ['wolkvox_id is required']),
								...validators.validateObligationFields(body.fields),
							];
						}),
					),
				),
			),
			{ numRuns: NUM_RUNS },
		);
		expectBothOutcomes(tally);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Gestion
// ---------------------------------------------------------------------------------------------------------------

const additionalFields = fc.oneof(
	{
		arbitrary: fc
			.tuple(
				fc.dictionary(fc.constantFrom(...GESTION_OPTIONAL_FIELDS), loose(text), { maxKeys: 5 }),
				optional(dateInput),
			)
			.map(([fields, date]) => (date === undefined ? fields : { ...fields, date })),
		weight: 12,
	},
	{ arbitrary: hostile, weight: 1 },
);

const gestionParams = fc.record(
	{
		typificationCode: loose(filledText),
		typificationDescription: loose(filledText),
		caseFileId: loose(filledText),
		module: loose(fc.constantFrom('collections', 'cases')),
		additionalFields,
	},
	{ requiredKeys: ['typificationCode', 'typificationDescription', 'caseFileId'] },
);

describe('buildGestionBody, for any parameters', () => {
	it(`builds a body wolkvox and the sandbox accept, or names the field (${NUM_RUNS} runs)`, () => {
		const tally = new Tally();
		fc.assert(
			fc.property(gestionParams, timeZone, (params, zone) =>
				tally.add(
					outcomeOf(
						() => buildGestionBody(params, zone),
						bodyCheck(gestionCreateBodySchema, params, (sent) =>
							validators.validateGestion((sent as { fields: unknown }).fields),
						),
					),
				),
			),
			{ numRuns: NUM_RUNS },
		);
		expectBothOutcomes(tally);
	});
});
