import {
	asReadFailure,
	describeFailure,
	describeNetworkFailure,
	describeTimeout,
	isSuccessCode,
	isSuccessfulResponse,
} from '../../../nodes/WolkvoxCrm/transport/response';

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
	// [status, body, kind, outcome, retryable, stopsLaterCalls]
	const cases: Array<[number, unknown, string, string, boolean, boolean]> = [
		[
			401,
			{
				code: '401',
				error: 'PLEASE ENTER THE WOLKVOX-TOKEN',
				msg: 'PLEASE ENTER THE WOLKVOX-TOKEN',
			},
			'missingToken',
			'notDone',
			false,
			true,
		],
		[
			403,
			{ code: '403', error: 'PLEASE VALIDATE TOKEN', msg: 'PLEASE VALIDATE TOKEN' },
			'invalidToken',
			'notDone',
			false,
			true,
		],
		[403, { code: '403', msg: 'TOKEN LIMIT EXCEEDED' }, 'quotaExceeded', 'notDone', false, true],
		[
			403,
			{ code: '403', msg: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)' },
			'tooManySimultaneous',
			'notDone',
			true,
			false,
		],
		[
			400,
			{ code: '400', msg: 'SOME PARAMETERS ARE REQUIRED', error: 'fields.name is required' },
			'missingParameters',
			'notDone',
			false,
			false,
		],
		[
			400,
			{ code: '400', msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' },
			'unknownApi',
			'notDone',
			false,
			true,
		],
		[403, { code: '403', msg: 'Maintenance' }, 'forbidden', 'notDone', false, false],
		[404, '<html>Not found</html>', 'rejected', 'notDone', false, false],
		[301, '', 'redirect', 'notDone', false, true],
		[308, { code: '308' }, 'redirect', 'notDone', false, true],
		[502, '<html>Bad gateway</html>', 'serverError', 'unknown', false, false],
		[500, { code: '500', msg: 'Internal error' }, 'serverError', 'unknown', false, false],
		[504, '', 'serverError', 'unknown', false, false],
		// A 2xx whose body carries an error code: the body says what the vendor meant.
		[200, { code: '404', msg: 'odd' }, 'rejected', 'notDone', false, false],
		[200, { code: '500', msg: 'failed inside' }, 'serverError', 'unknown', false, false],
		[
			200,
			{ code: '400', msg: 'SOME PARAMETERS ARE REQUIRED' },
			'missingParameters',
			'notDone',
			false,
			false,
		],
		[200, { msg: 'no code at all' }, 'unexpected', 'unknown', false, false],
		[200, '', 'unreadableAnswer', 'unknown', false, false],
		[200, undefined, 'unreadableAnswer', 'unknown', false, false],
		[200, '{"code":"200","msg":"Record inser', 'unreadableAnswer', 'unknown', false, false],
		[201, [{ code: 200 }], 'unreadableAnswer', 'unknown', false, false],
	];

	it.each(cases)(
		'HTTP %i %j is %s, %s (retryable %s, stops later calls %s)',
		(status, body, kind, outcome, retryable, stops) => {
			const failure = describeFailure(status, body);
			expect(failure.kind).toBe(kind);
			expect(failure.outcome).toBe(outcome);
			expect(failure.retryable).toBe(retryable);
			expect(failure.stopsLaterCalls).toBe(stops);
			expect(failure.httpStatus).toBe(status);
			expect(failure.description.length).toBeGreaterThan(20);
			if (outcome === 'unknown') expect(failure.description).toMatch(/may have been applied/);
		},
	);

	it('names the host a redirect pointed to, never its path or query, and says nothing was sent there', () => {
		const failure = describeFailure(302, '', {
			location: 'https://evil.example:8443/steal?token=abc',
		});
		expect(failure.message).toBe(
			'The server answered HTTP 302, a redirect to evil.example:8443; the node does not follow redirects, so nothing was sent there',
		);
		expect(failure.description).toMatch(/final host in the Server/);
		expect(failure.message).not.toContain('abc');
		expect(describeFailure(307, '', { location: '/other' }).message).toContain(
			'another path on the same host',
		);
		expect(describeFailure(301, '').message).toContain('a redirect to no address');
	});

	it('caps what it quotes from the vendor', () => {
		const failure = describeFailure(400, { code: '400', msg: 'x'.repeat(100_000) });
		expect(failure.message.length).toBeLessThan(500);
		expect(failure.vendorMessage?.length).toBeLessThan(400);
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

describe('network failures', () => {
	it.each([
		['ECONNREFUSED', 'notDone', true, /connection was refused \(ECONNREFUSED\); nothing was sent/],
		['ENOTFOUND', 'notDone', true, /host name is unknown \(ENOTFOUND\); nothing was sent/],
		['EAI_AGAIN', 'notDone', true, /could not be resolved/],
		['CERT_HAS_EXPIRED', 'notDone', true, /secure connection/],
		['ECONNRESET', 'unknown', false, /connection was reset \(ECONNRESET\)/],
		['ETIMEDOUT', 'unknown', false, /timed out \(ETIMEDOUT\)/],
		['ERR_CANCELED', 'unknown', true, /cancelled with the execution/],
		[undefined, 'unknown', false, /no answer was received/],
	])('%s is %s and keeps its reason', (code, outcome, stops, message) => {
		const failure = describeNetworkFailure(code, 'https://crm0001.wolkvox.com');
		expect(failure.outcome).toBe(outcome);
		expect(failure.stopsLaterCalls).toBe(stops);
		expect(failure.message).toMatch(message);
		expect(failure.message).toContain('https://crm0001.wolkvox.com');
	});

	it('a timeout is an unknown outcome that names the Timeout option', () => {
		const failure = describeTimeout(30, 'https://crm.wolkvox.com');
		expect(failure.outcome).toBe('unknown');
		expect(failure.message).toBe(
			'wolkvox at https://crm.wolkvox.com did not answer within 30 s (the Timeout option)',
		);
	});
});

describe('asReadFailure', () => {
	it('turns a lost answer into "not done" without the advice to check the CRM', () => {
		const timeout = describeTimeout(30, 'https://crm.wolkvox.com');
		expect(timeout.outcome).toBe('unknown');
		const read = asReadFailure(timeout);
		expect(read.outcome).toBe('notDone');
		expect(read.description).not.toMatch(/may have been applied/);
		expect(read.description).toContain('raise the Timeout');
		expect(read.message).toBe(timeout.message);
	});

	it('leaves a refusal as it is', () => {
		const refused = describeFailure(403, { code: 403, msg: 'PLEASE VALIDATE TOKEN' });
		expect(asReadFailure(refused)).toBe(refused);
	});
});
