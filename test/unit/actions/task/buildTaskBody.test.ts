import { DateTime } from 'luxon';

import {
	buildTaskBody,
	type TaskCreateParams,
} from '../../../../nodes/WolkvoxCrm/actions/task/buildTaskBody';
import { fieldOf } from '../../fieldError';

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
	it.each([
		['HIGH', 'high'],
		[' Alta ', 'high'],
		['Media', 'normal'],
		['medium', 'normal'],
		['baja', 'low'],
		['Bajá', 'low'],
	])('takes the priority %j from an expression as %s', (priority, sent) => {
		expect(buildTaskBody({ ...base, priority }, 'America/Bogota').fields.priority).toBe(sent);
	});

	it('takes day-first dates with a time, as sheets write them', () => {
		const body = buildTaskBody(
			{ ...base, completionDate: '30/11/2026 17:00', reminderDate: '29/11/2026 09:30' },
			'America/Bogota',
		);
		expect(body.fields.completion_date).toBe('2026-11-30 17:00:00');
		expect(body.fields.reminder_date).toBe('2026-11-29 09:30:00');
	});

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

describe('buildTaskBody: values an expression resolved to', () => {
	it('takes numbers where text is expected instead of failing with a TypeError', () => {
		const body = buildTaskBody(
			{ ...base, name: 42, status: 7, recordId: 3001234567, description: 1750.5 },
			'UTC',
		);
		expect(body.fields).toMatchObject({
			name: '42',
			status: '7',
			id_record: '3001234567',
			description: '1750.5',
		});
	});

	it.each<[string, Partial<TaskCreateParams>, RegExp]>([
		['an object name', { name: { a: 1 } }, /^fields\.name: must be text, got an object/],
		['a boolean owner', { owner: true }, /^fields\.wolkvox_owner: must be text, got true/],
		[
			'a NaN description',
			{ description: Number.NaN },
			/^fields\.description: must be text, got NaN/,
		],
		[
			'an Invalid Date due date',
			{ completionDate: new Date(Number.NaN) },
			/^completion_date: .*got an invalid date/,
		],
		[
			'an invalid Luxon due date',
			{ completionDate: DateTime.invalid('x') },
			/^completion_date: .*got an invalid date/,
		],
		[
			'a null-prototype due date (String() threw a TypeError)',
			{ completionDate: Object.create(null) },
			/^completion_date: .*got an object/,
		],
		[
			'a year written 0050 (was sent as 1950)',
			{ completionDate: '0050-01-01T00:00:00Z' },
			/^completion_date/,
		],
		[
			'a Date in year 68 (was sent as 0068-09-03)',
			{ completionDate: new Date(-6e13) },
			/^completion_date/,
		],
		['an offset no clock has', { completionDate: '2026-01-01T10:00:00+99:00' }, /^completion_date/],
	])('refuses %s naming the field', (_label, change, expected) => {
		expect(fieldOf(() => buildTaskBody({ ...base, ...change }, 'UTC'))).toMatch(expected);
	});

	it('takes valid Dates and Luxon DateTimes as instants', () => {
		const body = buildTaskBody(
			{
				...base,
				completionDate: new Date('2026-11-30T22:00:00Z'),
				reminderDate: DateTime.fromISO('2026-11-29T14:30:00Z'),
			},
			'America/Bogota',
		);
		expect(body.fields.completion_date).toBe('2026-11-30 17:00:00');
		expect(body.fields.reminder_date).toBe('2026-11-29 09:30:00');
	});

	it('treats a blank reminder date as none', () => {
		expect(fieldOf(() => buildTaskBody({ ...base, reminderDate: '   ' }, 'UTC'))).toMatch(
			/^fields\.reminder_date: is required when the reminder is on/,
		);
	});
});
