/**
 * What the sandbox's specifications share: a sandbox per file, reset before each test; calls as a client makes
 * them (a JSON body, or a form); and the bodies the vendor's pages show.
 */
import { DEFAULT_OPERATION, DEFAULT_TOKEN, fingerprint, startSandbox } from '../../../harness/sandbox/server';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type Json = Record<string, any>;

export const TOKEN = DEFAULT_TOKEN;
export const OP = DEFAULT_OPERATION;
export const HEX24 = /^[0-9a-f]{24}$/;

/** The path of an endpoint, e.g. api('custom/update.php'). */
export const api = (file: string) => `/server/API/v2/${file}`;

export interface CallOptions {
	method?: string;
	token?: string | null;
	body?: unknown;
	rawBody?: string;
	headers?: Record<string, string>;
}

export interface Answer {
	status: number;
	headers: Headers;
	json: Json;
}

async function answer(res: Response): Promise<Answer> {
	return { status: res.status, headers: res.headers, json: JSON.parse(await res.text()) as Json };
}

function tokenHeader(token: string | null | undefined): Record<string, string> {
	const t = token === undefined ? TOKEN : token;
	return t === null ? {} : { 'Wolkvox-Token': t };
}

/** A call with a JSON body (POST unless told). */
export async function call(sb: Sandbox, urlPath: string, opts: CallOptions = {}): Promise<Answer> {
	const headers = { 'Content-Type': 'application/json', ...(opts.headers ?? {}), ...tokenHeader(opts.token) };
	const method = opts.method ?? 'POST';
	const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
	return answer(await fetch(sb.url + urlPath, { method, headers, body: method === 'GET' ? undefined : body }));
}

/** A POST whose body is a form (fetch writes the multipart body and its boundary), or raw bytes of a given type. */
export async function callForm(
	sb: Sandbox,
	urlPath: string,
	body: FormData | { bytes: Buffer; contentType: string },
	token?: string | null,
): Promise<Answer> {
	const headers: Record<string, string> = tokenHeader(token);
	if (body instanceof FormData) return answer(await fetch(sb.url + urlPath, { method: 'POST', headers, body }));
	headers['Content-Type'] = body.contentType;
	return answer(await fetch(sb.url + urlPath, { method: 'POST', headers, body: body.bytes }));
}

/** A FormData of text fields (the `operation` first, as the vendor's samples send it). */
export function formOf(fields: Record<string, string>): FormData {
	const form = new FormData();
	form.append('operation', OP);
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	return form;
}

/** One use of the default token's quota spent so far. */
export const usesSpent = (sb: Sandbox) => sb.stats().perToken[fingerprint(TOKEN)].used;

export async function waitFor(condition: () => boolean, timeoutMs = 2000) {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('waitFor: timed out');
		await new Promise((r) => setTimeout(r, 5));
	}
}

/**
 * A sandbox for the file's tests (a second token for another operation), reset and set back to its defaults
 * before each test. Read it through the getter, inside a test.
 */
export function useSandbox(): () => Sandbox {
	let sb: Sandbox | undefined;
	beforeAll(async () => {
		sb = await startSandbox({
			latencyMs: 0,
			tokens: {
				[TOKEN]: { operation: OP, quota: 100000 },
				'sandbox-token-0002': { operation: 'other_operation', quota: 100000 },
			},
		});
	});
	afterAll(() => sb?.close());
	beforeEach(() => {
		sb!.reset();
		sb!.configure({ latencyMs: 0, maintenance: false, recordBodies: true, quota: 100000, bodyLimitBytes: 256 * 1024 * 1024, fault: null });
	});
	return () => sb!;
}

/** custom/insert.php of a contact, with the built-in contact fields. */
export const contact = (extra: Json = {}) => ({
	operation: OP,
	module: 'contacts',
	fields: { namecontact: 'Ana Pérez', emailcontact: 'ana@example.com', idcontact: '0012345', ...extra },
});

/** One case file of massiveCollections.php, its four required fields filled. */
export const caseFile = (id: string, extra: Json = {}) => ({
	Identification: id,
	Name: `Client ${id}`,
	Email: `c${id}@example.com`,
	Telephone: '3001234567',
	Address: 'Calle 145a #12-60',
	Segment: 'Gold',
	Obligations: [{ id: `o-${id}`, name: `Loan ${id}`, total_balance: '1000', expiring_date: '2025-02-03', days_delay: '33' }],
	...extra,
});

/** Stores a record through custom/insert.php and returns its wolkvox_id. */
export async function insertRecord(sb: Sandbox, module: string, fields: Json): Promise<string> {
	const r = await call(sb, api('custom/insert.php'), { body: { operation: OP, module, fields } });
	if (r.status !== 200) throw new Error(`insert refused: ${r.json.error}`);
	return r.json.data.wolkvox_id as string;
}

/** Loads case files through massiveCollections.php and returns the wolkvox_id of each, by Identification. */
export async function loadCaseFiles(sb: Sandbox, ...files: Json[]): Promise<Record<string, string>> {
	await call(sb, api('collections/massiveCollections.php'), { body: { operation: OP, collections: files } });
	return Object.fromEntries(sb.store().caseFiles.map((c) => [String(c.Identification), String(c.wolkvox_id)]));
}
