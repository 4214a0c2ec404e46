/**
 * The Wolkvox CRM node in a small workflow run by n8n's own engine, against a wolkvox sandbox started for the
 * test file: Wolkvox CRM → Ok (success output) → Downstream, and Wolkvox CRM → Failed (error output).
 */
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IPairedItemData,
} from 'n8n-workflow';

import { WolkvoxApi } from '../../credentials/WolkvoxApi.credentials';
import { WolkvoxCrm } from '../../nodes/WolkvoxCrm/WolkvoxCrm.node';
import {
	COLLECT_TYPE,
	connect,
	EVALUATE_TYPE,
	HARNESS_NODE_TYPES,
	node,
	PASS_TYPE,
	runWorkflow,
} from './engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../sandbox/server.js');

export const TYPE = 'n8n-nodes-wolkvox.wolkvoxCrm';
export const TOKEN = 'engine-test-token-not-secret-7f3a';
export const OPERATION = 'engine_op';

export interface SandboxRequest {
	path: string;
	method: string;
	status: number;
	body: IDataObject;
	tokenPresent: boolean;
	headers: IDataObject;
	fault?: string | null;
	stored?: boolean;
}
export interface Sandbox {
	url: string;
	close(): Promise<void>;
	reset(): void;
	requests(filter?: { path?: string }): SandboxRequest[];
	stats(): IDataObject & { perToken: Record<string, IDataObject> };
	store(filter?: IDataObject): {
		records: Record<string, IDataObject[]>;
		caseFiles: IDataObject[];
		cases: IDataObject[];
		obligations: IDataObject[];
		gestiones: IDataObject[];
	};
	configure(patch: IDataObject): void;
}

export interface RunOptions {
	onError?: 'continueErrorOutput' | 'continueRegularOutput';
	creds?: IDataObject;
	downstream?: string;
	/** Other properties of the Wolkvox CRM node: retryOnFail, maxTries, waitBetweenTries… */
	nodeExtra?: Partial<INode>;
}

/** Starts one sandbox for the test file (reset before each test) and returns a runner bound to it. */
export function useWolkvoxEngine(sandboxOptions: IDataObject = {}) {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({
			tokens: { [TOKEN]: { operation: OPERATION, quota: 100000 } },
			latencyMs: 5,
			...sandboxOptions,
		});
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.configure({
			quota: 100000,
			latencyMs: 5,
			fault: null,
			maintenance: false,
			hoursToRestart: null,
		});
	});

	function credentials(overrides: IDataObject = {}) {
		return {
			server: 'crm0001.wolkvox.com',
			operation: OPERATION,
			token: TOKEN,
			customBaseUrl: sandbox.url,
			...overrides,
		};
	}

	async function run(
		parameters: INodeParameters,
		inputItems: INodeExecutionData[],
		opts: RunOptions = {},
	) {
		const nodes = [
			node('Wolkvox CRM', TYPE, parameters, {
				credentials: { wolkvoxApi: { id: 'cred-1', name: 'Wolkvox Sandbox' } },
				...(opts.onError ? { onError: opts.onError } : {}),
				...opts.nodeExtra,
			}),
			node('Ok', PASS_TYPE),
			node('Failed', COLLECT_TYPE),
			node('Downstream', EVALUATE_TYPE, { value: opts.downstream ?? '={{ $json }}' }),
		];
		return await runWorkflow({
			nodeTypes: { [TYPE]: new WolkvoxCrm(), ...HARNESS_NODE_TYPES },
			credentialTypes: { wolkvoxApi: new WolkvoxApi() },
			credentials: { wolkvoxApi: credentials(opts.creds) },
			nodes,
			connections: connect(
				['Wolkvox CRM', 'Ok'],
				['Wolkvox CRM', 'Failed', 1],
				['Ok', 'Downstream'],
			),
			startNode: 'Wolkvox CRM',
			inputItems,
			timezone: 'America/Bogota',
			timeoutMs: 60000,
		});
	}

	// The sandbox of the running test file, usable at the top of a file before it has started.
	const current = new Proxy({} as Sandbox, {
		get: (_, property) => {
			const value = Reflect.get(sandbox, property, sandbox) as unknown;
			return typeof value === 'function' ? (value as () => unknown).bind(sandbox) : value;
		},
	});
	/** One API call straight to the sandbox, as the CRM's data would come about outside the workflow. */
	async function api(path: string, body: IDataObject): Promise<IDataObject> {
		const response = await fetch(`${sandbox.url}/server/API/v2/${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'Wolkvox-Token': TOKEN },
			body: JSON.stringify({ operation: OPERATION, ...body }),
		});
		return (await response.json()) as IDataObject;
	}

	/** Stores a record in the sandbox, as the CRM would already hold it; returns its wolkvox_id. */
	async function seedRecord(module: string, fields: IDataObject): Promise<string> {
		const answer = await api('custom/insert.php', { module, fields });
		return String((answer.data as IDataObject).wolkvox_id);
	}

	/**
	 * Loads one case file through the bulk endpoint, as an earlier bulk load would have; returns its wolkvox_id,
	 * found by its Identification.
	 */
	async function seedCaseFile(caseFile: IDataObject): Promise<string> {
		await api('collections/massiveCollections.php', { collections: [caseFile] });
		const stored = (sandbox.store().caseFiles as IDataObject[]).find(
			(c) => c.Identification === caseFile.Identification,
		);
		return String(stored?.wolkvox_id);
	}

	return { sandbox: current, run, credentials, api, seedRecord, seedCaseFile };
}

export const items = (...rows: IDataObject[]): INodeExecutionData[] =>
	rows.map((json) => ({ json }));

export const pairedItems = (item: INodeExecutionData): number[] =>
	([] as IPairedItemData[])
		.concat((item.pairedItem as IPairedItemData | IPairedItemData[]) ?? [])
		.map((p) => p.item);
