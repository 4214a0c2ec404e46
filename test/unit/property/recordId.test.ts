/**
 * Property: whatever an ID parameter holds (an expression can make it anything), recordIdFrom answers a trimmed
 * ID with no slash, space or URL part in it, or a FieldError naming the field; never a TypeError or URIError.
 */
import * as fc from 'fast-check';

import { recordIdFrom } from '../../../nodes/WolkvoxCrm/helpers/recordId';
import { FieldError } from '../../../nodes/WolkvoxCrm/helpers/validation';
import { hostile, NUM_RUNS } from './arbitraries';

const hex24 = fc.stringMatching(/^[0-9a-f]{24}$/);

describe('recordIdFrom (property)', () => {
	it('takes the ID back out of any CRM-like URL that ends with it', () => {
		fc.assert(
			fc.property(
				hex24,
				fc.constantFrom(
					'https://crm0001.wolkvox.com',
					'http://127.0.0.1:8080',
					'https://crm.wolkvox.com/#',
				),
				fc.array(fc.stringMatching(/^[a-z_]{1,10}$/), { maxLength: 3 }),
				fc.constantFrom('', '/', '?tab=1', '/?x=%2F'),
				(id, base, path, tail) => {
					const url = `${base}/${[...path, id].join('/')}${tail}`;
					expect(recordIdFrom(url, 'wolkvox_id')).toBe(id);
				},
			),
			{ numRuns: NUM_RUNS },
		);
	});

	it('answers text or a FieldError for anything at all', () => {
		fc.assert(
			fc.property(fc.oneof(hostile, fc.webUrl(), fc.string()), (value) => {
				try {
					const id = recordIdFrom(value, 'wolkvox_id');
					expect(typeof id).toBe('string');
					expect(id).toBe(id.trim());
				} catch (error) {
					expect(error).toBeInstanceOf(FieldError);
					expect((error as FieldError).field).toBe('wolkvox_id');
				}
			}),
			{ numRuns: NUM_RUNS },
		);
	});
});
