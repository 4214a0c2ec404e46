import { buildRecordQueryBody } from '../../../../nodes/WolkvoxCrm/actions/record/buildQueryBody';
import { fieldError } from '../../fieldError';

describe('buildRecordQueryBody', () => {
	it('sends module, field and value as trimmed text; numbers as their digits, leading zeros kept', () => {
		expect(
			buildRecordQueryBody({ module: ' contacts ', field: 'idcontact', value: ' 0012 ' }),
		).toEqual({
			module: 'contacts',
			field: 'idcontact',
			value: '0012',
		});
		expect(buildRecordQueryBody({ module: 'leads', field: 'Edad', value: 42 }).value).toBe('42');
	});

	it.each([
		[{ module: 'contacts', field: 'idcontact', value: '' }, 'value'],
		[{ module: 'contacts', field: ' ', value: '1' }, 'field'],
		[{ module: '', field: 'idcontact', value: '1' }, 'module'],
		[{ module: 'contacts', field: 'idcontact', value: { a: 1 } }, 'value'],
		[{ module: 'contacts', field: '__proto__', value: '1' }, 'field'],
	])('refuses %j, naming %s', (params, field) => {
		expect(fieldError(() => buildRecordQueryBody(params)).field).toBe(field);
	});
});
