import { WolkvoxApi } from '../../../credentials/WolkvoxApi.credentials';
import {
	InvalidServerError,
	normalizeCustomBaseUrl,
	normalizeServer,
	resolveBaseUrl,
} from '../../../credentials/wolkvoxServer';

describe('normalizeServer', () => {
	it.each([
		['crm0001.wolkvox.com', 'crm0001.wolkvox.com'],
		['  CRM0001.Wolkvox.COM  ', 'crm0001.wolkvox.com'],
		['crm.wolkvox.com', 'crm.wolkvox.com'],
		['crm01.wolkvox.com', 'crm01.wolkvox.com'],
		['https://crm0001.wolkvox.com', 'crm0001.wolkvox.com'],
		['https://crm0001.wolkvox.com/', 'crm0001.wolkvox.com'],
		['https://crm0001.wolkvox.com/index.php?module=cases#top', 'crm0001.wolkvox.com'],
		['http://crm0000.wolkvox.com/server/API/v2/custom/insert.php', 'crm0000.wolkvox.com'],
		['crm0001.wolkvox.com/server/API/v2', 'crm0001.wolkvox.com'],
		['crm0001.wolkvox.com.', 'crm0001.wolkvox.com'],
		['crm0001.wolkvox.com\n', 'crm0001.wolkvox.com'],
	])('reduces %j to the host %s', (input, host) => {
		const resolved = normalizeServer(input);
		expect(resolved.host).toBe(host);
		expect(resolved.baseUrl).toBe(`https://${host}`);
	});

	it('says so when it reduced a pasted URL', () => {
		expect(normalizeServer('https://crm0001.wolkvox.com/home').notice).toMatch(
			/crm0001\.wolkvox\.com/,
		);
		expect(normalizeServer('crm0001.wolkvox.com').notice).toBeUndefined();
	});

	it.each([
		['sv0000.crmvox.com', 'crm0000.wolkvox.com'],
		['https://SV0001.crmvox.com/login', 'crm0001.wolkvox.com'],
	])('maps the retired host %s to %s with a notice', (input, replacement) => {
		const resolved = normalizeServer(input);
		expect(resolved.host).toBe(replacement);
		expect(resolved.baseUrl).toBe(`https://${replacement}`);
		expect(resolved.notice).toMatch(/retired/);
		expect(resolved.notice).toContain(replacement);
	});

	it.each([
		['', /empty/],
		['   ', /empty/],
		['https://x/y', /not a host name/],
		['x', /not a host name/],
		['localhost', /not a host name/],
		['user:pw@crm0001.wolkvox.com', /user name or password/],
		['https://user:pw@crm0001.wolkvox.com/', /user name or password/],
		['crm0001.wolkvox.com:8443', /port/],
		['https://crm0001.wolkvox.com:8443/x', /port/],
		['crm 0001.wolkvox.com', /spaces/],
		['crm0001..wolkvox.com', /not a host name/],
		['..', /not a host name/],
		['../../etc/passwd', /not a host name/],
		['ftp://crm0001.wolkvox.com', /not a web address/],
		['javascript://alert(1)', /not a web address/],
		['crm_0001.wolkvox.com', /not a host name/],
		['-crm.wolkvox.com', /not a host name/],
		['127.0.0.1', /not a host name/],
	])('rejects %j, saying what to type and where to find it', (input, reason) => {
		let thrown: unknown;
		try {
			normalizeServer(input);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InvalidServerError);
		const message = (thrown as Error).message;
		expect(message).toMatch(reason);
		expect(message).toContain('crm0001.wolkvox.com');
		expect(message).toContain('https://crm.wolkvox.com');
		expect(message).toMatch(/address bar/);
	});

	it('rejects a non-string, saying it must be text rather than that it is empty', () => {
		expect(() => normalizeServer(42)).toThrow(InvalidServerError);
		expect(() => normalizeServer({ host: 'crm.wolkvox.com' })).toThrow(/must be text/);
	});
});

describe('custom base URL', () => {
	it.each([
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
		['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
		['https://proxy.example.com', 'https://proxy.example.com'],
	])('accepts %s', (input, baseUrl) => {
		expect(normalizeCustomBaseUrl(input).baseUrl).toBe(baseUrl);
	});

	it.each([
		'127.0.0.1:8080',
		'ftp://proxy.example.com',
		'http://u:p@proxy.example.com',
		'https://proxy.example.com/api',
		'https://proxy.example.com/?a=1',
	])('rejects %s', (input) => {
		expect(() => normalizeCustomBaseUrl(input)).toThrow(InvalidServerError);
	});

	it.each(['http://127.0.0.1:80\t80', 'http://crm.wol\nkvox.com', 'http://proxy.exa\rmple.com'])(
		'rejects %j instead of letting the URL parser drop the tab or line break',
		(input) => {
			expect(() => normalizeCustomBaseUrl(input)).toThrow(/contains spaces/);
		},
	);

	it('rejects a value that is not text with InvalidServerError, not a TypeError', () => {
		expect(() => normalizeCustomBaseUrl(8080)).toThrow(InvalidServerError);
		expect(() => normalizeCustomBaseUrl(undefined)).toThrow(InvalidServerError);
	});

	it('wins over the server when set, and is ignored when blank', () => {
		expect(
			resolveBaseUrl({ server: 'crm0001.wolkvox.com', customBaseUrl: 'http://127.0.0.1:9' })
				.baseUrl,
		).toBe('http://127.0.0.1:9');
		expect(resolveBaseUrl({ server: 'crm0001.wolkvox.com', customBaseUrl: '  ' }).baseUrl).toBe(
			'https://crm0001.wolkvox.com',
		);
		expect(resolveBaseUrl({}).baseUrl).toBe('https://crm.wolkvox.com');
	});
});

describe('WolkvoxApi credential', () => {
	const credential = new WolkvoxApi();
	const data = {
		server: 'https://crm0001.wolkvox.com/home',
		operation: 'acme',
		token: 'fake-token-for-tests',
		customBaseUrl: '',
	};

	it('sends the token only as the Wolkvox-Token header', async () => {
		const options = await credential.authenticate(data, {
			url: 'https://crm0001.wolkvox.com/server/API/v2/custom/insert.php',
			method: 'POST',
			body: { operation: 'acme' },
		});
		expect(options.headers).toEqual({ 'Wolkvox-Token': 'fake-token-for-tests' });
		expect(JSON.stringify(options.body)).not.toContain('fake-token-for-tests');
		expect(options.qs).toBeUndefined();
		expect(options.baseURL).toBeUndefined();
	});

	it('points the credential test (a relative URL) at the normalised server', async () => {
		const test = credential.test.request;
		expect(test.url).toBe('/server/API/v2/token/tokenInformation.php');
		expect(test.qs).toEqual({ operation: '={{$credentials.operation}}' });
		const options = await credential.authenticate(data, { url: test.url as string, method: 'GET' });
		expect(options.baseURL).toBe('https://crm0001.wolkvox.com');
		const proxied = await credential.authenticate(
			{ ...data, customBaseUrl: 'http://127.0.0.1:4010' },
			{ url: test.url as string },
		);
		expect(proxied.baseURL).toBe('http://127.0.0.1:4010');
	});

	it("tells the user that its test spends one of the token's daily uses", () => {
		const text = JSON.stringify(credential.properties);
		expect(text).toMatch(/tokenInformation|test/i);
		expect(text).toMatch(/daily/i);
	});

	it('keeps the token a password field', () => {
		const token = credential.properties.find((p) => p.name === 'token');
		expect(token?.typeOptions?.password).toBe(true);
	});
});
