import { queryRecords } from '../../../nodes/WolkvoxCrm/actions/queryResults';

describe('queryRecords', () => {
	it('takes a list, one record as an object, or nothing, keeping only objects', () => {
		expect(queryRecords({ code: 200, data: [{ a: 1 }, 'x', null, [1], { b: 2 }] })).toEqual([
			{ a: 1 },
			{ b: 2 },
		]);
		expect(queryRecords({ code: 200, data: { a: 1 } })).toEqual([{ a: 1 }]);
		expect(queryRecords({ code: 200, data: null })).toEqual([]);
		expect(queryRecords({ code: 200 })).toEqual([]);
	});
});
