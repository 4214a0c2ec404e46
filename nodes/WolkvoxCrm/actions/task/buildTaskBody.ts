import { recordIdFrom } from '../../helpers/recordId';
import { attempt, FAILED } from '../../helpers/attempt';
import { describeValue, isBlank } from '../../helpers/coerce';
import { toBoolean, toText } from '../../helpers/values';
import { toWolkvoxDateTime } from '../../helpers/dates/wolkvoxDateTime';
import { assertValidBody, FieldError } from '../../helpers/validation';
import { taskCreateBodySchema, type TaskCreateBody } from '../../schemas/task.schema';
import { taskPriority } from './taskPriority';

/** The task's parameters; expressions can make any of them any value, so none is trusted to be text. */
export interface TaskCreateParams {
	name: unknown;
	priority: unknown;
	relatedModule: unknown;
	recordId: unknown;
	owner: unknown;
	completionDate: unknown;
	description: unknown;
	/** A boolean, or what an expression gives: "true", 1, "sí"… */
	remember: unknown;
	reminderDate?: unknown;
	status?: unknown;
}

function dateTime(value: unknown, field: string, timeZone: string): string {
	const text = attempt(() => toWolkvoxDateTime(value, timeZone));
	if (text === FAILED) {
		throw new FieldError(
			field,
			`must be a date and time (e.g. 2026-11-30 17:00:00), got ${describeValue(value)}`,
		);
	}
	return text;
}

/** Builds and checks the body of a task (custom/insert.php with module wolkvox_activities and type task). */
export function buildTaskBody(params: TaskCreateParams, timeZone: string): TaskCreateBody {
	const remember = toBoolean(params.remember, 'remember');
	return assertValidBody(taskCreateBodySchema, {
		module: 'wolkvox_activities',
		type: 'task',
		fields: {
			status: toText(params.status, 'fields.status').trim() || 'created',
			name: toText(params.name, 'fields.name'),
			priority: taskPriority(toText(params.priority, 'fields.priority')),
			name_module: toText(params.relatedModule, 'fields.name_module'),
			completion_date: dateTime(params.completionDate, 'completion_date', timeZone),
			remember,
			reminder_date:
				remember && !isBlank(params.reminderDate)
					? dateTime(params.reminderDate, 'reminder_date', timeZone)
					: '',
			description: toText(params.description, 'fields.description'),
			id_record: recordIdFrom(params.recordId, 'fields.id_record'),
			wolkvox_owner: toText(params.owner, 'fields.wolkvox_owner'),
		},
	});
}
