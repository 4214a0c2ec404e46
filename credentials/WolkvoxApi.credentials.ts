import type {
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_SERVER, resolveBaseUrl, RETIRED_HOSTS } from './wolkvoxServer';

const TOKEN_REFUSED =
	"wolkvox refused the token (PLEASE VALIDATE TOKEN). Check the Token (Configuration → wolkvox Integration → Tokens in the CRM) and that it belongs to this CRM Operation. wolkvox answers the same when the token's daily quota is spent (TOKEN LIMIT EXCEEDED), when more than 2 calls use it at once, or during maintenance: then try again later.";
const NO_TOKEN = 'wolkvox received no token (PLEASE ENTER THE WOLKVOX-TOKEN): fill in the Token.';
const OPERATION_REFUSED =
	'wolkvox refused the request (SOME PARAMETERS ARE REQUIRED or THE API YOU WANT TO CONSULT DOES NOT EXIST): check the CRM Operation (your tenant name) and the Server.';
const NOT_WOLKVOX =
	"No wolkvox API answers at this address (404): check the Server, the host in your browser's address bar after logging in at https://crm.wolkvox.com.";

export class WolkvoxApi implements ICredentialType {
	name = 'wolkvoxApi';

	displayName = 'Wolkvox API';

	icon = { light: 'file:wolkvox.svg', dark: 'file:wolkvox.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-wolkvox/n8n-nodes-wolkvox#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				"Testing this credential calls wolkvox's token information API, which spends one of the token's daily uses",
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Server',
			name: 'server',
			type: 'string',
			default: DEFAULT_SERVER,
			placeholder: 'e.g. crm0001.wolkvox.com',
			required: true,
			hint: "Log in at https://crm.wolkvox.com: your server is the host in the browser's address bar",
			description:
				'Host name of your wolkvox CRM. To find it, log in at https://crm.wolkvox.com and read the address bar (e.g. crm0001.wolkvox.com). A pasted URL is reduced to its host; the retired sv0000/sv0001.crmvox.com hosts are mapped to crm0000/crm0001.wolkvox.com.',
		},
		{
			displayName:
				'This server was retired by wolkvox on 2024-11-30: requests go to its replacement (crm0000/crm0001.wolkvox.com). Change the Server to the new host.',
			name: 'retiredServerNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { server: Object.keys(RETIRED_HOSTS) } },
		},
		{
			// Named for what it is: "Operation" alone reads like the node's Operation dropdown.
			displayName: 'CRM Operation (Tenant)',
			name: 'operation',
			type: 'string',
			default: '',
			placeholder: 'e.g. mycompany',
			required: true,
			hint: "The operation name you log in to wolkvox with (your company's tenant)",
			description:
				'Name of your CRM operation (tenant), sent as "operation" in every request. It is the operation name you log in with.',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'API token from the CRM: Configuration → wolkvox Integration → Tokens (an "internal" token works for every CRM API). Sent only as the Wolkvox-Token header.',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://wolkvox-proxy.example.com',
			description:
				'Advanced: send requests to this http(s)://host[:port] instead of https://<Server>, e.g. a static-egress proxy (wolkvox allow-lists at most 10 IP addresses) or a local sandbox. Leave empty to use the Server.',
		},
	];

	// A function rather than the generic form, so that the credential test (a relative URL) reaches the
	// same normalised host as the node does; the token only ever travels in the header.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const isRelative = !requestOptions.baseURL && !/^https?:\/\//i.test(requestOptions.url);
		return {
			...requestOptions,
			// The token is a custom header, which redirect followers do not strip: a redirect must never be
			// followed, the credential's own test included.
			disableFollowRedirect: true,
			...(isRelative ? { baseURL: resolveBaseUrl(credentials).baseUrl } : {}),
			headers: {
				...requestOptions.headers,
				'Wolkvox-Token': String(credentials.token ?? '').trim(),
			},
		};
	}

	// Note for users: wolkvox counts this call against the token's daily quota.
	// n8n shows only a status text ("Forbidden") for a failed test: these say what wolkvox means by each answer.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/server/API/v2/token/tokenInformation.php',
			qs: { operation: '={{$credentials.operation}}' },
		},
		rules: [
			{ type: 'responseCode', properties: { value: 403, message: TOKEN_REFUSED } },
			{ type: 'responseCode', properties: { value: 401, message: NO_TOKEN } },
			{ type: 'responseCode', properties: { value: 400, message: OPERATION_REFUSED } },
			{ type: 'responseCode', properties: { value: 404, message: NOT_WOLKVOX } },
			// wolkvox also refuses with HTTP 200 and the status in the body's code, as text or as a number.
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: '403', message: TOKEN_REFUSED },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 403, message: TOKEN_REFUSED },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: '400', message: OPERATION_REFUSED },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 400, message: OPERATION_REFUSED },
			},
			// n8n's type wants one kind of rule per list; its tester checks each rule by its own type.
		] as IAuthenticateRuleResponseCode[],
	};
}
