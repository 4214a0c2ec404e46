import {
	buildTaskBody,
	type TaskCreateParams,
} from '../../../nodes/WolkvoxCrm/actions/task/buildTaskBody';
import { fieldOf } from './fieldError';

const base: TaskCreateParams = {
	name: 'Call back',
	priority: 'high',
	relatedModule: 'cases',
	recordId: '64dcf0a1b2c3d4e5f6a7b8c9',
	owner: 'ADMIN_@mymodule',
	completionDate: '2026-11-30T17:00:00',
	description: 'Agreed to pay on Friday',
	remember: true,
	reminderDate: '2026-11-29T09:30:00',
};

describe('buildTaskBody', () => {
	it('sends every documented field, dates as YYYY-MM-DD HH:mm:ss and the reminder as a boolean', () => {
		expect(buildTaskBody(base, 'America/Bogota')).toEqual({
			module: 'wolkvox_activities',
			type: 'task',
			fields: {
				status: 'created',
				name: 'Call back',
				priority: 'high',
				name_module: 'cases',
				completion_date: '2026-11-30 17:00:00',
				remember: true,
				reminder_date: '2026-11-29 09:30:00',
				description: 'Agreed to pay on Friday',
				id_record: '64dcf0a1b2c3d4e5f6a7b8c9',
				wolkvox_owner: 'ADMIN_@mymodule',
			},
		});
	});

	it('converts an instant with an offset to the workflow time zone', () => {
		const body = buildTaskBody(
			{ ...base, completionDate: '2026-11-30T22:00:00.000Z', remember: false },
			'America/Bogota',
		);
		expect(body.fields.completion_date).toBe('2026-11-30 17:00:00');
	});

	it('leaves the reminder date empty when the reminder is off', () => {
		const body = buildTaskBody(
			{ ...base, remember: false, reminderDate: '2026-11-29T09:30:00' },
			'UTC',
		);
		expect(body.fields.remember).toBe(false);
		expect(body.fields.reminder_date).toBe('');
	});

	it.each([
		['true', true],
		['sí', true],
		[1, true],
		['false', false],
	])('reads the reminder switch %j from an expression as %s', (remember, expected) => {
		const body = buildTaskBody({ ...base, remember }, 'UTC');
		expect(body.fields.remember).toBe(expected);
		expect(body.fields.reminder_date).toBe(expected ? '2026-11-29 09:30:00' : '');
	});

	it('refuses a reminder switch that is not true or false', () => {
		expect(fieldOf(() => buildTaskBody({ ...base, remember: 'later' }, 'UTC'))).toMatch(
			/^remember: must be true or false/,
		);
	});

	it('keeps a status given in Additional Fields', () => {
		expect(buildTaskBody({ ...base, status: 'in_progress' }, 'UTC').fields.status).toBe(
			'in_progress',
		);
	});

	it.each([
		[
			{ priority: 'urgent' },
			/^fields\.priority: must be one of "high", "normal", "low", got "urgent"/,
		],
		[{ completionDate: 'next friday' }, /^completion_date: must be a date and time/],
		[{ completionDate: '' }, /^completion_date/],
		[{ reminderDate: '' }, /^fields\.reminder_date: is required when the reminder is on/],
		[{ reminderDate: '31/31/2026' }, /^reminder_date: must be a date and time/],
		[{ name: '   ' }, /^fields\.name: must not be empty/],
		[{ recordId: '' }, /^fields\.id_record/],
		[{ owner: '' }, /^fields\.wolkvox_owner/],
		[{ relatedModule: '' }, /^fields\.name_module/],
	])('rejects %j naming the field', (change, expected) => {
		expect(fieldOf(() => buildTaskBody({ ...base, ...change }, 'UTC'))).toMatch(expected);
	});
});
