import { recordIdFrom } from '../../../nodes/WolkvoxCrm/helpers/recordId';
import { fieldError } from '../fieldError';

const ID = '64dcf0a1b2c3d4e5f6a7b8c9';

describe('recordIdFrom', () => {
	it('keeps an ID as it is, trimmed', () => {
		expect(recordIdFrom(` ${ID} `, 'wolkvox_id')).toBe(ID);
		expect(recordIdFrom(12345, 'wolkvox_id')).toBe('12345');
	});

	it.each([
		[`https://crm0001.wolkvox.com/collections/${ID}`],
		[`https://crm0001.wolkvox.com/collections/${ID}/`],
		[`https://crm0001.wolkvox.com/collections/${ID}?tab=obligations`],
		[`https://crm.wolkvox.com/#/contacts/${ID}`],
		[`https://crm.wolkvox.com/app/#!/modules/contacts/record/${ID}?view=1`],
		[`  HTTPS://crm.wolkvox.com/contacts/${ID}  `],
	])('takes the ID at the end of the record URL %s', (url) => {
		expect(recordIdFrom(url, 'wolkvox_id')).toBe(ID);
	});

	it('refuses a URL with no ID at its end, naming the field', () => {
		const error = fieldError(() => recordIdFrom('https://crm.wolkvox.com/', 'Case File ID'));
		expect(error.field).toBe('Case File ID');
		expect(error.expected).toMatch(/no record ID at its end/);
	});
});
