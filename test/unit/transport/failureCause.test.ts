import { failureCauseOf } from '../../../nodes/WolkvoxCrm/transport/failureCause';
import { describeFailure, describeTimeout } from '../../../nodes/WolkvoxCrm/transport/response';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);

describe('the failure cause newer n8n versions read', () => {
	it('a spent quota is quota-exhausted, with the reset time when wolkvox says it', () => {
		const failure = describeFailure(403, {
			code: '403',
			msg: 'TOKEN LIMIT EXCEEDED',
			error: 'The daily quota of 4800 uses is spent; it restarts in about 7 hours',
		});
		expect(failureCauseOf(failure, NOW)).toEqual({
			cause: 'quota-exhausted',
			resetsAtEpochMs: NOW + 7 * 3_600_000,
		});
		expect(failureCauseOf(describeFailure(403, { msg: 'TOKEN LIMIT EXCEEDED' }), NOW)).toEqual({
			cause: 'quota-exhausted',
		});
	});

	it.each([
		[
			'too many simultaneous requests',
			describeFailure(403, { msg: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)' }),
			{ cause: 'rate-limited', retryAfterMs: 250 },
		],
		[
			'maintenance',
			describeFailure(403, { msg: 'THE SERVICE IS UNDER MAINTENANCE, PLEASE TRY AGAIN LATER' }),
			{ cause: 'temporarily-unavailable' },
		],
		[
			'a rejected token',
			describeFailure(403, { msg: 'PLEASE VALIDATE TOKEN' }),
			{ cause: 'credential-invalid' },
		],
		[
			'no token',
			describeFailure(401, { msg: 'PLEASE ENTER THE WOLKVOX-TOKEN' }),
			{ cause: 'credential-invalid' },
		],
		[
			'a redirect',
			describeFailure(301, '', { location: 'https://x.example' }),
			{ cause: 'configuration-invalid' },
		],
		[
			'an unknown API',
			describeFailure(400, { msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' }),
			{ cause: 'configuration-invalid' },
		],
	])('%s is declared as the right cause', (_, failure, expected) => {
		expect(failureCauseOf(failure, NOW)).toEqual(expected);
	});

	it('declares nothing where n8n could not act on it (a bad value, a 403 allow-list refusal, an unknown outcome)', () => {
		expect(
			failureCauseOf(describeFailure(400, { msg: 'SOME PARAMETERS ARE REQUIRED' })),
		).toBeUndefined();
		expect(failureCauseOf(describeFailure(403, { msg: 'Forbidden' }))).toBeUndefined();
		expect(failureCauseOf(describeFailure(502, ''))).toBeUndefined();
		expect(failureCauseOf(describeTimeout(30, 'x'))).toBeUndefined();
	});
});
