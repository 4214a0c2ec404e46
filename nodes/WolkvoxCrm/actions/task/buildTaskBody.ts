import { attempt, FAILED } from '../../helpers/attempt';
import { toBoolean } from '../../helpers/values';
import { toWolkvoxDateTime } from '../../helpers/dates';
import { assertValidBody, FieldError } from '../../helpers/validation';
import { taskCreateBodySchema, type TaskCreateBody } from '../../schemas/task.schema';

export interface TaskCreateParams {
	name: string;
	priority: string;
	relatedModule: string;
	recordId: string;
	owner: string;
	completionDate: unknown;
	description: string;
	/** A boolean, or what an expression gives: "true", 1, "sí"… */
	remember: unknown;
	reminderDate?: unknown;
	status?: string;
}

function dateTime(value: unknown, field: string, timeZone: string): string {
	const text = attempt(() => toWolkvoxDateTime(value, timeZone));
	if (text === FAILED) {
		throw new FieldError(
			field,
			`must be a date and time (e.g. 2026-11-30 17:00:00), got "${String(value)}"`,
		);
	}
	return text;
}

/** Builds and checks the body of a task (custom/insert.php, wolkvox_activities/task, seed 002). */
export function buildTaskBody(params: TaskCreateParams, timeZone: string): TaskCreateBody {
	const remember = toBoolean(params.remember, 'remember');
	const hasReminderDate =
		params.reminderDate !== undefined && params.reminderDate !== null && params.reminderDate !== '';
	return assertValidBody(taskCreateBodySchema, {
		module: 'wolkvox_activities',
		type: 'task',
		fields: {
			status: (params.status ?? '').trim() || 'created',
			name: params.name,
			priority: params.priority,
			name_module: params.relatedModule,
			completion_date: dateTime(params.completionDate, 'completion_date', timeZone),
			remember,
			reminder_date:
				remember && hasReminderDate ? dateTime(params.reminderDate, 'reminder_date', timeZone) : '',
			description: params.description ?? '',
			id_record: params.recordId,
			wolkvox_owner: params.owner,
		},
	});
}
