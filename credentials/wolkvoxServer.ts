/**
 * Turns what a user typed in the credential's Server field into the base URL of their CRM.
 * Pure, beside the credential that defines the Server field; the credential's test request and the node's
 * transport both resolve through it, so they always reach the same host.
 */

export const DEFAULT_SERVER = 'crm.wolkvox.com';

/** The vendor switched these hosts off after 2024-11-30 and named their replacements. */
export const RETIRED_HOSTS: Readonly<Record<string, string>> = {
	'sv0000.crmvox.com': 'crm0000.wolkvox.com',
	'sv0001.crmvox.com': 'crm0001.wolkvox.com',
};

export const SERVER_HELP =
	'Type only the host name of your CRM, e.g. crm0001.wolkvox.com. To find it, log in at https://crm.wolkvox.com and read the address bar of your browser.';

export class InvalidServerError extends Error {
	constructor(message: string) {
		super(`${message}. ${SERVER_HELP}`);
		this.name = 'InvalidServerError';
	}
}

export interface ResolvedServer {
	/** e.g. https://crm0001.wolkvox.com (no trailing slash) */
	baseUrl: string;
	host: string;
	/** Set when the input was changed in a way the user should hear about */
	notice?: string;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isPlainHostName(host: string): boolean {
	if (host.length > 253) return false;
	const labels = host.split('.');
	// A single label ("x", "localhost") is never a wolkvox server; the top-level domain is letters.
	if (labels.length < 2) return false;
	if (!/^[a-z]{2,63}$/.test(labels[labels.length - 1])) return false;
	return labels.every((label) => LABEL.test(label));
}

/** Reduces a host, or a whole pasted URL, to the host of the CRM; throws InvalidServerError otherwise. */
export function normalizeServer(input: unknown): ResolvedServer {
	if (input !== undefined && input !== null && typeof input !== 'string')
		throw new InvalidServerError('The Server must be text, a host name');
	const raw = typeof input === 'string' ? input.trim() : '';
	if (raw === '') throw new InvalidServerError('The Server is empty');
	if (/\s/.test(raw)) throw new InvalidServerError(`The Server "${raw}" contains spaces`);

	let hostPart = raw;
	let reducedFromUrl = false;
	const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw);
	if (schemeMatch) {
		if (!/^https?$/i.test(schemeMatch[1])) {
			throw new InvalidServerError(`The Server "${raw}" is not a web address`);
		}
		hostPart = raw.slice(schemeMatch[0].length);
		reducedFromUrl = true;
	}
	// Keep the authority only: whatever follows the first /, ? or # is a pasted path.
	const cut = hostPart.search(/[/?#]/);
	if (cut !== -1) {
		hostPart = hostPart.slice(0, cut);
		reducedFromUrl = true;
	}
	if (hostPart.includes('@')) {
		throw new InvalidServerError('The Server must not contain a user name or password');
	}
	if (hostPart.includes(':')) {
		throw new InvalidServerError(
			'The Server must not contain a port (use "Custom Base URL" to reach a proxy or a local sandbox on a port)',
		);
	}
	const host = hostPart.toLowerCase().replace(/\.$/, '');
	if (!isPlainHostName(host)) {
		throw new InvalidServerError(`"${raw}" is not a host name`);
	}

	const replacement = Object.prototype.hasOwnProperty.call(RETIRED_HOSTS, host)
		? RETIRED_HOSTS[host]
		: undefined;
	if (replacement) {
		return {
			baseUrl: `https://${replacement}`,
			host: replacement,
			notice: `The server ${host} was retired by wolkvox on 2024-11-30; using ${replacement} instead. Update the credential's Server to ${replacement}.`,
		};
	}
	return {
		baseUrl: `https://${host}`,
		host,
		notice: reducedFromUrl ? `Using the host ${host} taken from "${raw}".` : undefined,
	};
}

/** Validates the advanced "Custom Base URL": a full http(s)://host[:port], nothing more. */
export function normalizeCustomBaseUrl(input: unknown): ResolvedServer {
	if (typeof input !== 'string')
		throw new InvalidServerError('The Custom Base URL must be text, e.g. http://127.0.0.1:8080');
	const raw = input.trim();
	// The URL parser silently drops tabs and line breaks inside a URL: a host typed with them is refused instead.
	if (/\s/.test(raw)) throw new InvalidServerError(`The Custom Base URL "${raw}" contains spaces`);
	if (!URL.canParse(raw)) {
		throw new InvalidServerError(
			`The Custom Base URL "${raw}" is not a URL like https://proxy.example.com or http://127.0.0.1:8080`,
		);
	}
	const url = new URL(raw);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new InvalidServerError(`The Custom Base URL must start with http:// or https://`);
	}
	if (url.username || url.password) {
		throw new InvalidServerError('The Custom Base URL must not contain a user name or password');
	}
	if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
		throw new InvalidServerError(
			`The Custom Base URL must be only scheme, host and port (e.g. http://127.0.0.1:8080), without "${url.pathname}${url.search}"`,
		);
	}
	return { baseUrl: `${url.protocol}//${url.host}`, host: url.host };
}

export interface ServerSettings {
	server?: unknown;
	customBaseUrl?: unknown;
}

/** The base URL every call goes to: the custom base URL when set, else https://<server>. */
export function resolveBaseUrl(settings: ServerSettings): ResolvedServer {
	const { server, customBaseUrl } = settings ?? {};
	const custom = typeof customBaseUrl === 'string' ? customBaseUrl.trim() : '';
	if (custom !== '') return normalizeCustomBaseUrl(custom);
	return normalizeServer(server ?? DEFAULT_SERVER);
}
