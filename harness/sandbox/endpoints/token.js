'use strict';
/** The `token` group: tokenInformation.php, the quota of the calling token (its operation in the query string). */

const { ok, required } = require('../envelopes.js');
const { hoursToUtcMidnight } = require('../values.js');

/**
 * @typedef {import('./shared.js').Endpoint} Endpoint
 * @typedef {import('./shared.js').EndpointContext} EndpointContext
 */

/** Decision: the vendor's `msg` is unknown. */
const MSG_TOKEN_INFORMATION = 'Token information';

/** @param {EndpointContext} ctx */
function tokenInformationData({ token, hoursToRestart }) {
	return {
		description: `wolkvox sandbox token for operation ${token.operation}`,
		token_limit: token.quota,
		token_use_today: token.used,
		available_consumition_options: Math.max(0, token.quota - token.used),
		hours_to_restart_count: hoursToRestart === null ? hoursToUtcMidnight() : hoursToRestart,
	};
}

/** @type {Endpoint} */
const tokenInformation = {
	body: 'query',
	run(ctx) {
		const op = ctx.url.searchParams.get('operation');
		if (!op) return required('operation is required in the query string (?operation=...)');
		if (op !== ctx.token.operation) return required('operation does not match the operation of this token');
		return ok(MSG_TOKEN_INFORMATION, tokenInformationData(ctx));
	},
	madeUp: (_params, ctx) => ok(MSG_TOKEN_INFORMATION, tokenInformationData(ctx)),
};

module.exports = { tokenInformation };
