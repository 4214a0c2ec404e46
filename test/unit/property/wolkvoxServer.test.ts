/**
 * Property: whatever text is typed into the credential's Server or Custom Base URL, the base URL comes out as a
 * plain https host (or an http(s) scheme://host[:port] for the custom URL), or an Error with a readable message;
 * never a TypeError, never credentials, a path, a query or a fragment, never a host with spaces.
 */
import * as fc from 'fast-check';

import {
	InvalidServerError,
	normalizeCustomBaseUrl,
	normalizeServer,
	resolveBaseUrl,
	type ResolvedServer,
} from '../../../credentials/wolkvoxServer';
import { hostile, NUM_RUNS } from './arbitraries';

const label = fc.oneof(
	fc.constantFrom(
		'crm',
		'crm0001',
		'wolkvox',
		'com',
		'sv0000',
		'crmvox',
		'co',
		'xn--mnchen-3ya',
		'a-b',
	),
	fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }),
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
);

const host = fc.oneof(
	fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
	fc.domain(),
	fc.ipV4(),
	fc.ipV6().map((ip) => `[${ip}]`),
	fc.constantFrom('crm0001.wolkvox.com', 'SV0001.crmvox.com', 'localhost', 'crm.wolkvox.com.', ''),
);

const pieces = {
	scheme: fc.constantFrom(
		'',
		'https://',
		'http://',
		'HTTPS://',
		'ftp://',
		'javascript:',
		'http:',
		'//',
	),
	userinfo: fc.constantFrom('', '', '', 'user@', 'user:pw@', ':@', '@', 'a%40b@'),
	port: fc.constantFrom('', '', '', ':8080', ':443', ':', ':99999', ':x'),
	path: fc.constantFrom('', '', '/', '/home', '/server/API/v2', '/a b', '\\evil.com', '/%2e%2e/'),
	query: fc.constantFrom('', '', '?', '?a=1', '?x=@y'),
	fragment: fc.constantFrom('', '', '#', '#top'),
	space: fc.constantFrom('', '', '', ' ', '\t', '\n', '\u00a0', '\u3000', '\u200b', '\ufeff'),
};

/** What users paste: hosts and URLs put together from hostile pieces, and any text at all. */
const typed: fc.Arbitrary<string> = fc.oneof(
	{
		arbitrary: fc
			.record({ ...pieces, host, inner: pieces.space, trail: pieces.space })
			.map(
				(p) =>
					`${p.space}${p.scheme}${p.userinfo}${p.host}${p.inner}${p.port}${p.path}${p.query}${p.fragment}${p.trail}`,
			),
		weight: 6,
	},
	{ arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }), weight: 2 },
	{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
);

/** Custom base URLs: mostly scheme://host[:port], sometimes with a slash, else anything typed. */
const typedUrl: fc.Arbitrary<string> = fc.oneof(
	{
		arbitrary: fc
			.record({
				scheme: fc.constantFrom('http://', 'https://', 'HTTP://'),
				host: fc.oneof(fc.domain(), fc.ipV4(), fc.constant('localhost')),
				port: fc.constantFrom('', ':8080', ':4010', ':443'),
				slash: fc.constantFrom('', '/'),
			})
			.map((p) => `${p.scheme}${p.host}${p.port}${p.slash}`),
		weight: 1,
	},
	{ arbitrary: typed, weight: 2 },
);

const PLAIN_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** A base URL that is scheme, host and port only. */
function assertBare(resolved: ResolvedServer, schemes: string[]): URL {
	const url = new URL(resolved.baseUrl);
	if (!schemes.includes(url.protocol)) throw new Error(`scheme ${url.protocol}`);
	if (url.username || url.password) throw new Error('credentials in the base URL');
	if (url.pathname !== '/' || url.search || url.hash) throw new Error('path, query or fragment');
	if (resolved.baseUrl !== `${url.protocol}//${url.host}`)
		throw new Error(`not scheme://host: ${resolved.baseUrl}`);
	if (url.host !== resolved.host) throw new Error(`host ${resolved.host} is not the URL's`);
	if (/\s/.test(resolved.host) || /\s/.test(resolved.baseUrl)) throw new Error('spaces');
	return url;
}

/** Only InvalidServerError, with a message a user can read; a TypeError or a bare Error fails. */
function outcome(fn: () => ResolvedServer): ResolvedServer | undefined {
	try {
		return fn();
	} catch (error) {
		if (!(error instanceof InvalidServerError)) throw error;
		if (error.message.length < 20 || /undefined|\[object/.test(error.message))
			throw new Error(`unreadable message: ${error.message}`);
		return undefined;
	}
}

describe('server normalisation, for any text', () => {
	it(`reduces the Server to a plain https host, or says why not (${NUM_RUNS} runs)`, () => {
		let accepted = 0;
		fc.assert(
			fc.property(typed, (input) => {
				const resolved = outcome(() => normalizeServer(input));
				if (resolved === undefined) return true;
				assertBare(resolved, ['https:']);
				if (!PLAIN_HOST.test(resolved.host)) throw new Error(`not a plain host: ${resolved.host}`);
				accepted++;
				return true;
			}),
			{ numRuns: NUM_RUNS },
		);
		expect(accepted).toBeGreaterThan(NUM_RUNS * 0.05);
	});

	it(`takes a Custom Base URL as scheme://host[:port] only, or says why not (${NUM_RUNS} runs)`, () => {
		let accepted = 0;
		fc.assert(
			fc.property(typedUrl, (input) => {
				const resolved = outcome(() => normalizeCustomBaseUrl(input));
				if (resolved === undefined) return true;
				assertBare(resolved, ['http:', 'https:']);
				accepted++;
				return true;
			}),
			{ numRuns: NUM_RUNS },
		);
		expect(accepted).toBeGreaterThan(NUM_RUNS * 0.05);
	});

	it(`resolves any credential values without a TypeError (${NUM_RUNS} runs)`, () => {
		const value = fc.oneof(
			{ arbitrary: typedUrl, weight: 4 },
			{ arbitrary: fc.constantFrom(undefined, '', '  '), weight: 2 },
			{ arbitrary: hostile, weight: 1 },
		);
		fc.assert(
			fc.property(value, value, (server, customBaseUrl) => {
				const resolved = outcome(() => resolveBaseUrl({ server, customBaseUrl }));
				if (resolved !== undefined) assertBare(resolved, ['http:', 'https:']);
				return true;
			}),
			{ numRuns: NUM_RUNS },
		);
	});
});
