import {
	describeFailure,
	isSuccessCode,
	isSuccessfulResponse,
} from '../../nodes/WolkvoxCrm/transport/response';

describe('success rule', () => {
	it.each([200, '200', ' 200 ', 201, '201'])('accepts code %j', (code) => {
		expect(isSuccessCode(code)).toBe(true);
	});

	it.each([400, '403', null, undefined, 'OK', ''])('refuses code %j', (code) => {
		expect(isSuccessCode(code)).toBe(false);
	});

	it('needs both a 2xx status and code 200 in the body', () => {
		expect(isSuccessfulResponse(200, { code: '200', msg: 'ok' }, 'envelope')).toBe(true);
		expect(
			isSuccessfulResponse(200, { code: 400, msg: 'SOME PARAMETERS ARE REQUIRED' }, 'envelope'),
		).toBe(false);
		expect(isSuccessfulResponse(500, { code: 200 }, 'envelope')).toBe(false);
		expect(isSuccessfulResponse(200, 'not json', 'envelope')).toBe(false);
		expect(isSuccessfulResponse(200, [{ code: 200 }], 'envelope')).toBe(false);
	});

	it('reads `success` for the bulk endpoint, and a summary as a processed call', () => {
		expect(isSuccessfulResponse(200, { code: '200', success: true, summary: {} }, 'bulk')).toBe(
			true,
		);
		expect(
			isSuccessfulResponse(
				200,
				{ code: '200', success: false, summary: { failed_count: 1 } },
				'bulk',
			),
		).toBe(true);
		expect(isSuccessfulResponse(200, { code: '200', success: false }, 'bulk')).toBe(false);
		expect(isSuccessfulResponse(403, { code: '403', success: false, summary: {} }, 'bulk')).toBe(
			false,
		);
	});
});

describe('describeFailure', () => {
	const cases: Array<[number, object, string, boolean]> = [
		[
			401,
			{
				code: '401',
				error: 'PLEASE ENTER THE WOLKVOX-TOKEN',
				msg: 'PLEASE ENTER THE WOLKVOX-TOKEN',
			},
			'missingToken',
			false,
		],
		[
			403,
			{ code: '403', error: 'PLEASE VALIDATE TOKEN', msg: 'PLEASE VALIDATE TOKEN' },
			'invalidToken',
			false,
		],
		[403, { code: '403', msg: 'TOKEN LIMIT EXCEEDED' }, 'quotaExceeded', false],
		[
			403,
			{ code: '403', msg: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)' },
			'tooManySimultaneous',
			true,
		],
		[
			400,
			{ code: '400', msg: 'SOME PARAMETERS ARE REQUIRED', error: 'fields.name is required' },
			'missingParameters',
			false,
		],
		[400, { code: '400', msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' }, 'unknownApi', false],
		[403, { code: '403', msg: 'Maintenance' }, 'forbidden', false],
		[502, '<html>Bad gateway</html>' as unknown as object, 'serverError', false],
		[200, { code: '404', msg: 'odd' }, 'unexpected', false],
	];

	it.each(cases)('HTTP %i %j is %s (retryable: %s)', (status, body, kind, retryable) => {
		const failure = describeFailure(status, body);
		expect(failure.kind).toBe(kind);
		expect(failure.retryable).toBe(retryable);
		expect(failure.httpStatus).toBe(status);
		expect(failure.description.length).toBeGreaterThan(20);
	});

	it('quotes what the vendor said, including which field', () => {
		const failure = describeFailure(400, {
			code: '400',
			msg: 'SOME PARAMETERS ARE REQUIRED',
			error: 'fields.name is required',
		});
		expect(failure.message).toContain('SOME PARAMETERS ARE REQUIRED');
		expect(failure.message).toContain('fields.name is required');
		expect(failure.code).toBe('400');
	});
});
