import { recordIdFrom } from '../../helpers/recordId';
import { isBlank } from '../../helpers/coerce';
import { assertAllowedName, toText } from '../../helpers/values';
import { assertValidBody, FieldError } from '../../helpers/validation';
import {
	caseCreateSchema,
	caseUpdateSchema,
	type CaseCreateFields,
	type CaseUpdateFields,
} from '../../schemas/case.schema';
import { taskPriority } from '../task/taskPriority';

/** The Case Type option that asks for a type name of the user's own. */
export const CUSTOM_CASE_TYPE = '__custom';

/** Custom Fields as the form gives them: a list of name/value rows. */
export interface CustomFieldRows {
	field?: Array<{ name?: unknown; value?: unknown }>;
}

/** The case's parameters; expressions can make any of them any value, so none is trusted to be text. */
export interface CaseCreateParams {
	caseType: unknown;
	customCaseType?: unknown;
	responsible: unknown;
	owner: unknown;
	contact: unknown;
	description: unknown;
	status: unknown;
	priority: unknown;
	solution?: unknown;
	customFields?: CustomFieldRows;
}

/** What Update changes; only what the user added is sent. */
export interface CaseUpdateParams {
	caseId: unknown;
	caseType?: unknown;
	customCaseType?: unknown;
	responsible?: unknown;
	status?: unknown;
	priority?: unknown;
	customFields?: CustomFieldRows;
}

function caseType(chosen: unknown, custom: unknown): string {
	const type = toText(chosen, 'case-type').trim();
	if (type !== CUSTOM_CASE_TYPE) return type;
	const name = toText(custom, 'customCaseType').trim();
	if (!name) throw new FieldError('customCaseType', 'is required when Case Type is "Custom Type"');
	return name;
}

/** The rows as one object; a name given twice would send only one of its values, so it is refused. */
function customFieldsOf(rows: CustomFieldRows | undefined): Record<string, string> {
	const form: Record<string, string> = {};
	for (const [index, row] of (rows?.field ?? []).entries()) {
		const name = toText(row.name, `form[${index}].name`).trim();
		if (!name) throw new FieldError('customFields', `row ${index + 1} has no Field Name`);
		assertAllowedName(name, 'customFields');
		if (Object.prototype.hasOwnProperty.call(form, name)) {
			throw new FieldError('customFields', `name the field "${name}" once, not twice`);
		}
		form[name] = toText(row.value, `form.${name}`);
	}
	return form;
}

const priorityOf = (value: unknown) => taskPriority(toText(value, 'priority'));

/** The fields of cases/insert.php, checked (the custom fields as an object, the file apart). */
export function buildCaseCreateFields(params: CaseCreateParams): CaseCreateFields {
	const solution = toText(params.solution, 'solution');
	return assertValidBody(caseCreateSchema, {
		'case-type': caseType(params.caseType, params.customCaseType),
		responsible: toText(params.responsible, 'responsible').trim(),
		owner: toText(params.owner, 'owner').trim(),
		contact: toText(params.contact, 'contact').trim(),
		description: toText(params.description, 'description'),
		status: toText(params.status, 'status').trim(),
		priority: priorityOf(params.priority),
		form: customFieldsOf(params.customFields),
		...(solution.trim() ? { solution } : {}),
	});
}

/** The fields of cases/update.php: the case's id and what changes, checked. */
export function buildCaseUpdateFields(params: CaseUpdateParams): CaseUpdateFields {
	const fields: Record<string, unknown> = { 'wolkvox-id': recordIdFrom(params.caseId, 'wolkvox-id') };
	if (!isBlank(params.caseType)) fields['case-type'] = caseType(params.caseType, params.customCaseType);
	if (!isBlank(params.responsible)) fields.responsible = toText(params.responsible, 'responsible').trim();
	if (!isBlank(params.status)) fields.status = toText(params.status, 'status').trim();
	if (!isBlank(params.priority)) fields.priority = priorityOf(params.priority);
	if (params.customFields?.field?.length) fields.form = customFieldsOf(params.customFields);
	return assertValidBody(caseUpdateSchema, fields);
}

/** The fields as form-data text: the custom fields as JSON text, as the form-data endpoints take them. */
export function toFormFields(fields: CaseCreateFields | CaseUpdateFields): Record<string, string> {
	const text: Record<string, string> = {};
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		text[name] = typeof value === 'string' ? value : JSON.stringify(value);
	}
	return text;
}
