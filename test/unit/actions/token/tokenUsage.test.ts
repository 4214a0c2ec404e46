import { tokenUsage } from '../../../../nodes/WolkvoxCrm/actions/token/tokenUsage';

describe('tokenUsage', () => {
	it("puts tokenInformation's data in plain words, numbers sent as text included", () => {
		expect(
			tokenUsage({
				description: 'Integration token',
				token_limit: '4800',
				token_use_today: 120,
				available_consumition_options: '4680',
				hours_to_restart_count: 5.5,
			}),
		).toEqual({
			limit: 4800,
			usedToday: 120,
			left: 4680,
			hoursToReset: 5.5,
			description: 'Integration token',
		});
	});

	it('works out what is left when wolkvox leaves it out, and answers null for what it does not say', () => {
		expect(tokenUsage({ token_limit: 100, token_use_today: 130 })).toMatchObject({ left: 0 });
		expect(tokenUsage(null)).toEqual({
			limit: null,
			usedToday: null,
			left: null,
			hoursToReset: null,
			description: null,
		});
		expect(tokenUsage({ token_limit: '', token_use_today: 'many' })).toMatchObject({
			limit: null,
			usedToday: null,
		});
	});
});
