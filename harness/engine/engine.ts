/**
 * In-process n8n engine harness: runs a real `WorkflowExecute` (n8n-core) over our node classes, with a
 * test `CredentialsHelper`, real parameter/expression resolution, real `httpRequestWithAuthentication`,
 * real `continueOnFail` / error-output routing and untouched `retryOnFail`.
 *
 *   const { status, output } = await runWorkflow({
 *     nodeTypes: { [WOLKVOX_TYPE]: new WolkvoxCrm(), ...HARNESS_NODE_TYPES },
 *     credentialTypes: { wolkvoxApi: new WolkvoxApi() },
 *     credentials: { wolkvoxApi: { server: '...', operation: 'op', token: 't', customBaseUrl: sandbox.url } },
 *     nodes: [node('Wolkvox CRM', WOLKVOX_TYPE, {...}, { onError: 'continueErrorOutput' }), node('Ok', PASS_TYPE), node('Failed', COLLECT_TYPE)],
 *     connections: connect(['Wolkvox CRM', 'Ok'], ['Wolkvox CRM', 'Failed', 1]),
 *     startNode: 'Wolkvox CRM',
 *     inputItems: [{ json: { name: 'Ana' } }],
 *   });
 *   output('Ok'); output('Wolkvox CRM', 1);
 *
 * n8n-core is loaded lazily (after `N8N_USER_FOLDER` points at a temp dir), so importing this module never
 * touches `~/.n8n`. Only import n8n-core through `core()` below, never at the top of a test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import type {
	ExecutionStatus,
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunData,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
	WorkflowExecuteMode,
} from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------------------
// Environment: must happen before n8n-core is first required (InstanceSettings writes <folder>/.n8n/config).
// ---------------------------------------------------------------------------------------------------------

const USER_FOLDER = mkdtempSync(path.join(tmpdir(), 'wolkvox-engine-'));
process.env.N8N_USER_FOLDER = USER_FOLDER;
// Quieter and faster: no diagnostics / version notifications / Sentry; info logs off.
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
process.env.N8N_VERSION_NOTIFICATIONS_ENABLED ??= 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
// Silence "Permissions 0644 for n8n settings file are too wide" warnings on the temp config.
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

if (typeof afterAll === 'function') {
	afterAll(() => rmSync(USER_FOLDER, { recursive: true, force: true }));
}

type N8nCore = typeof import('n8n-core');
type N8nWorkflow = typeof import('n8n-workflow');

let coreModule: N8nCore | undefined;
/** n8n-core, required lazily after the env above is in place. */
export function core(): N8nCore {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	coreModule ??= require('n8n-core') as N8nCore;
	return coreModule;
}

/**
 * What n8n builds when a node is an AI agent's tool: the arguments schema from the node's `$fromAI()` parameters
 * and the tool's description, with n8n-core's and n8n-workflow's own functions.
 */
export function agentToolOf(
	node: INode,
	nodeType: INodeType,
): { arguments: import('zod').ZodObject<import('zod').ZodRawShape>; description: string } {
	const file = path.join(
		path.dirname(require.resolve('n8n-core')),
		'execution-engine/node-execution-context/utils/create-node-as-tool.js',
	);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { getSchema } = require(file) as {
		getSchema(node: INode): import('zod').ZodObject<import('zod').ZodRawShape>;
	};
	return {
		arguments: getSchema(node),
		description: wf().NodeHelpers.getToolDescriptionForNode(node, nodeType),
	};
}

let workflowModule: N8nWorkflow | undefined;
function wf(): N8nWorkflow {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	workflowModule ??= require('n8n-workflow') as N8nWorkflow;
	return workflowModule;
}

// ---------------------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------------------

class NodeTypes implements INodeTypes {
	constructor(private readonly map: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.map[nodeType];
		if (!type) {
			throw new Error(
				`[engine] unknown node type "${nodeType}" (known: ${Object.keys(this.map).join(', ')})`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return wf().NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}
}

// ---------------------------------------------------------------------------------------------------------
// Credentials helper
// ---------------------------------------------------------------------------------------------------------

/** Every `authenticate`/`getDecrypted` call the engine made, for assertions. */
export interface CredentialCall {
	method: 'getDecrypted' | 'authenticate' | 'preAuthentication' | 'updateCredentials';
	type: string;
	node?: string;
}

function createCredentialsHelper(
	credentialTypes: Record<string, ICredentialType>,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	calls: CredentialCall[],
) {
	const { ICredentialsHelper, isExpression, NodeHelpers } = wf();

	const getType = (name: string): ICredentialType => {
		const type = credentialTypes[name];
		if (!type) throw new Error(`[engine] unknown credential type "${name}"`);
		return type;
	};

	/** Same as n8n CLI's CredentialsHelper.resolveValue. */
	const resolveValue = (
		value: string,
		credentialsData: ICredentialDataDecryptedObject,
		workflow: WorkflowType,
		node: INode,
	): string => {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentialsData } as never,
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	};

	class TestCredentialsHelper extends ICredentialsHelper {
		/** Mirrors packages/cli/src/credentials-helper.ts `authenticate` (function and generic forms). */
		async authenticate(
			credentialsData: ICredentialDataDecryptedObject,
			typeName: string,
			incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
			workflow: WorkflowType,
			node: INode,
		): Promise<IHttpRequestOptions> {
			calls.push({ method: 'authenticate', type: typeName, node: node?.name });
			const requestOptions = incomingRequestOptions as IHttpRequestOptions;
			const { authenticate } = getType(typeName);
			if (!authenticate) return requestOptions;
			if (typeof authenticate === 'function') {
				return await authenticate(credentialsData, requestOptions);
			}
			if (typeof authenticate === 'object') {
				if (!workflow || !node) {
					throw new Error('[engine] workflow and node are required for generic credential authentication');
				}
				requestOptions.headers ??= {};
				if ((authenticate as IAuthenticateGeneric).type === 'generic') {
					for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
						for (const [key, value] of Object.entries(outerValue as IDataObject)) {
							const keyResolved = resolveValue(key, credentialsData, workflow, node);
							const valueResolved = resolveValue(value as string, credentialsData, workflow, node);
							const target = requestOptions as unknown as Record<string, IDataObject | undefined>;
							target[outerKey] ??= {};
							target[outerKey][keyResolved] = valueResolved;
						}
					}
				}
			}
			return requestOptions;
		}

		/** The CLI only calls the type's preAuthentication for expirable credentials; none here. */
		async preAuthentication(
			_helpers: IHttpRequestHelper,
			_credentials: ICredentialDataDecryptedObject,
			typeName: string,
			node: INode,
		): Promise<ICredentialDataDecryptedObject | undefined> {
			calls.push({ method: 'preAuthentication', type: typeName, node: node?.name });
			return undefined;
		}

		getParentTypes(name: string): string[] {
			const parents: string[] = [];
			for (const parent of credentialTypes[name]?.extends ?? []) {
				parents.push(parent, ...this.getParentTypes(parent));
			}
			return parents;
		}

		async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
			const data = credentials[type] ?? {};
			return new (core().Credentials)(
				{ id: nodeCredentials.id ?? type, name: nodeCredentials.name },
				type,
				// Credentials expects encrypted data; getData() is never called on this path by the engine.
				JSON.stringify(data),
			);
		}

		/**
		 * Returns the test credentials with the type's defaults applied and expressions resolved, like the
		 * CLI's applyDefaultsAndOverwrites (minus overwrites/external secrets).
		 */
		async getDecrypted(
			additionalData: IWorkflowExecuteAdditionalData,
			nodeCredentials: INodeCredentialsDetails,
			type: string,
			mode: WorkflowExecuteMode,
			executeData?: IExecuteData,
			raw?: boolean,
			expressionResolveValues?: ICredentialsExpressionResolveValues,
		): Promise<ICredentialDataDecryptedObject> {
			calls.push({ method: 'getDecrypted', type, node: expressionResolveValues?.node?.name });
			const stored = credentials[type];
			if (!stored) {
				throw new Error(
					`[engine] no test credentials given for type "${type}" (node credential "${nodeCredentials.name}")`,
				);
			}
			if (raw === true) return { ...stored };
			let data = NodeHelpers.getNodeParameters(
				this.getCredentialsProperties(type),
				{ ...stored } as INodeParameters,
				true,
				false,
				null,
				null,
			) as ICredentialDataDecryptedObject;
			if (expressionResolveValues) {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					core().getAdditionalKeys(additionalData, mode, null),
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			}
			return data;
		}

		async updateCredentials(
			_nodeCredentials: INodeCredentialsDetails,
			type: string,
			data: ICredentialDataDecryptedObject,
		): Promise<void> {
			calls.push({ method: 'updateCredentials', type });
			credentials[type] = { ...data };
		}

		async updateCredentialsOauthTokenData(
			_nodeCredentials: INodeCredentialsDetails,
			type: string,
			data: ICredentialDataDecryptedObject,
		): Promise<void> {
			credentials[type] = { ...credentials[type], oauthTokenData: data.oauthTokenData };
		}

		/**
		 * Asked by n8n-core 2.41 and later before a node reads a credential. Mirrors the CLI's
		 * CredentialsHelper: a type that does not restrict itself to its supported nodes is usable by any.
		 */
		isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
			const type = credentialTypes[credentialType] as
				| (ICredentialType & { restrictToSupportedNodes?: boolean })
				| undefined;
			if (!type?.restrictToSupportedNodes) return true;
			return (type.supportedNodes ?? []).includes(nodeType);
		}

		getCredentialsProperties(type: string): INodeProperties[] {
			const credentialType = getType(type);
			const merged: INodeProperties[] = [];
			for (const parent of credentialType.extends ?? []) {
				NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
			}
			NodeHelpers.mergeNodeProperties(merged, credentialType.properties);
			return merged;
		}
	}

	return new TestCredentialsHelper();
}

// ---------------------------------------------------------------------------------------------------------
// Helper node types (no n8n-nodes-base needed)
// ---------------------------------------------------------------------------------------------------------

export const PASS_TYPE = 'harness.pass';
export const COLLECT_TYPE = 'harness.collect';
export const EVALUATE_TYPE = 'harness.evaluate';
/** Name of the hidden node that emits `inputItems` (unless `directInput`). */
export const INPUT_NODE = 'Input (harness)';

function passthroughDescription(name: string, displayName: string): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version: 1,
		description: `${displayName}: outputs its input unchanged`,
		defaults: { name: displayName },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeTypeDescription;
}

/** Outputs its input unchanged (like n8n's NoOp). */
export class PassNode implements INodeType {
	description = passthroughDescription(PASS_TYPE, 'Pass');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** Same as Pass; a separate type so a sink reads clearly in a workflow ("what reached Failed?"). */
export class CollectNode implements INodeType {
	description = passthroughDescription(COLLECT_TYPE, 'Collect');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * Evaluates its `value` parameter per input item with the real expression engine and outputs
 * `{ json: value }` (objects) or `{ json: { value } }` (anything else), paired to the input item.
 * E.g. `value: "={{ { x: $('Wolkvox CRM').item.json.x, input: $json } }}"` exercises paired-item resolution.
 * Expression errors fail the node (the run's `error`), unless the node has `onError` set.
 */
export class EvaluateNode implements INodeType {
	description = {
		displayName: 'Evaluate',
		name: EVALUATE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Evaluates an expression per item',
		defaults: { name: 'Evaluate' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Value', name: 'value', type: 'json', default: '' }],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const value = this.getNodeParameter('value', i) as unknown;
				const json =
					value !== null && typeof value === 'object' && !Array.isArray(value)
						? (value as IDataObject)
						: ({ value } as IDataObject);
				out.push({ json, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

/** Spread into `nodeTypes`. */
export const HARNESS_NODE_TYPES: Record<string, INodeType> = {
	[PASS_TYPE]: new PassNode(),
	[COLLECT_TYPE]: new CollectNode(),
	[EVALUATE_TYPE]: new EvaluateNode(),
};

// ---------------------------------------------------------------------------------------------------------
// Small builders
// ---------------------------------------------------------------------------------------------------------

let nodeCounter = 0;
/** An INode with sensible defaults; `extra` may set onError, retryOnFail, credentials, typeVersion, ... */
export function node(
	name: string,
	type: string,
	parameters: INodeParameters = {},
	extra: Partial<INode> = {},
): INode {
	nodeCounter++;
	return {
		id: `node-${nodeCounter}`,
		name,
		type,
		typeVersion: 1,
		position: [nodeCounter * 200, 0],
		parameters,
		...extra,
	};
}

/** `connect(['A', 'B'], ['A', 'C', 1])`: main connections `from[outputIndex=0] → to[input 0]`. */
export function connect(...edges: Array<[from: string, to: string, outputIndex?: number]>): IConnections {
	const connections: IConnections = {};
	for (const [from, to, outputIndex = 0] of edges) {
		const main = ((connections[from] ??= {}).main ??= []);
		while (main.length <= outputIndex) main.push([]);
		(main[outputIndex] ??= []).push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

// ---------------------------------------------------------------------------------------------------------
// Open handles
// ---------------------------------------------------------------------------------------------------------

/**
 * Every ExecuteContext does `Container.get(SSHClientsManager)`, whose constructor starts a ref'd 60 s
 * `setInterval` (cleanup of stale SSH clients) that keeps jest alive after the tests. Shut it down after
 * each run; the instance stays in the container with its timer cleared, so later runs reuse it and start
 * no new timer. (Both classes come from n8n-core's own copy of @n8n/di, hence the resolution paths.)
 */
function shutdownLingeringServices(): void {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
	const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] })) as {
		Container: { has(type: unknown): boolean; get<T>(type: unknown): T };
	};
	const { SSHClientsManager } = require(
		path.join(coreDir, 'dist/execution-engine/ssh-clients-manager'),
	) as { SSHClientsManager: new (...args: never[]) => { onShutdown(): void } };
	/* eslint-enable @typescript-eslint/no-require-imports */
	if (Container.has(SSHClientsManager)) {
		Container.get<{ onShutdown(): void }>(SSHClientsManager).onShutdown();
	}
}

// ---------------------------------------------------------------------------------------------------------
// runWorkflow
// ---------------------------------------------------------------------------------------------------------

export interface RunWorkflowOptions {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
	/** By credential type name → decrypted data. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	nodes: INode[];
	connections: IConnections;
	/** The node that receives `inputItems` (no trigger needed). */
	startNode: string;
	inputItems: INodeExecutionData[];
	/**
	 * false (default): `inputItems` are emitted by a hidden Pass node named INPUT_NODE wired into
	 * `startNode`'s input 0, so the start node has an upstream like in a real workflow (n8n then merges the
	 * paired input item's json into error-output items, and `$('Input (harness)')` exists).
	 * true: `inputItems` are put straight on `startNode`'s execution stack (source null: error-output items
	 * keep exactly the json the node emitted).
	 */
	directInput?: boolean;
	/** Workflow setting; default 'America/Bogota'. */
	timezone?: string;
	/** Default 'manual'. */
	mode?: WorkflowExecuteMode;
	/** Hard limit for the whole run (ms); the run is cancelled and the promise rejects. Default 20 000. */
	timeoutMs?: number;
}

export interface RunWorkflowResult {
	run: IRun;
	status: ExecutionStatus;
	/** The workflow-level error (a node failed without continueOnFail), if any. */
	error?: IRun['data']['resultData']['error'];
	runData: IRunData;
	/** Items of `nodeName`'s run `runIndex` (default 0) on main output `outputIndex` (default 0); [] if none. */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** Whether `nodeName` ran at all. */
	ran(nodeName: string): boolean;
	/** The error recorded on `nodeName`'s run (task data), if it failed. */
	nodeError(nodeName: string, runIndex?: number): IRun['data']['resultData']['error'];
	/** Names of the nodes in the order they finished. */
	executionOrder: string[];
	credentialCalls: CredentialCall[];
}

export async function runWorkflow(opts: RunWorkflowOptions): Promise<RunWorkflowResult> {
	const { Workflow, createRunExecutionData } = wf();
	const { WorkflowExecute, ExecutionLifecycleHooks } = core();

	const mode: WorkflowExecuteMode = opts.mode ?? 'manual';
	const executionId = `test-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
	const nodeTypes = new NodeTypes({ ...HARNESS_NODE_TYPES, ...opts.nodeTypes });
	const credentialCalls: CredentialCall[] = [];
	const credentialsHelper = createCredentialsHelper(
		opts.credentialTypes,
		{ ...opts.credentials },
		credentialCalls,
	);

	// Give each node a reference to every credential type its description declares and we hold data
	// for (as if picked in the UI). Caller-set node.credentials win.
	const nodes: INode[] = opts.nodes.map((n) => {
		const copy: INode = JSON.parse(JSON.stringify(n));
		const declared = nodeTypes.getByNameAndVersion(n.type, n.typeVersion).description.credentials ?? [];
		for (const { name } of declared) {
			if (opts.credentials[name] && !copy.credentials?.[name]) {
				copy.credentials = { ...copy.credentials, [name]: { id: `${name}-id`, name: `${name} (test)` } };
			}
		}
		return copy;
	});
	let connections: IConnections = opts.connections;
	if (!opts.directInput) {
		if (nodes.some((n) => n.name === INPUT_NODE)) throw new Error(`[engine] "${INPUT_NODE}" is reserved`);
		if (!nodes.some((n) => n.name === opts.startNode)) {
			throw new Error(`[engine] start node "${opts.startNode}" is not in the workflow`);
		}
		nodes.unshift(node(INPUT_NODE, PASS_TYPE, {}, { id: 'harness-input', position: [0, 0] }));
		connections = { ...connections, ...connect([INPUT_NODE, opts.startNode]) };
	}

	const settings = { timezone: opts.timezone ?? 'America/Bogota', executionOrder: 'v1' as const };
	const workflow = new Workflow({
		id: 'engine-test',
		name: 'engine test',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings,
	});

	const startNode = workflow.getNode(opts.directInput ? opts.startNode : INPUT_NODE);
	if (!startNode) throw new Error(`[engine] start node "${opts.startNode}" is not in the workflow`);

	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: 'engine-test',
		name: 'engine test',
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});

	const notAvailable = (what: string) => async () => {
		throw new Error(`[engine] ${what} is not available in the in-process harness`);
	};
	const additionalData = {
		hooks,
		credentialsHelper,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		executeWorkflow: notAvailable('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: notAvailable('startRunnerTask (Code node task runner)'),
	} as unknown as IWorkflowExecuteAdditionalData;

	// n8n's own factory (2.x adds a `version` field and other defaults).
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [opts.inputItems] }, source: null }],
		},
	});

	const execution = new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	const timeoutMs = opts.timeoutMs ?? 20_000;
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			execution.cancel();
			reject(new Error(`[engine] workflow run exceeded ${timeoutMs} ms`));
		}, timeoutMs);
	});
	let run: IRun;
	try {
		run = await Promise.race([execution, timeout]);
	} finally {
		clearTimeout(timer);
		shutdownLingeringServices();
	}

	const runData = run.data.resultData.runData;
	return {
		run,
		status: run.status,
		error: run.data.resultData.error,
		runData,
		output: (nodeName, outputIndex = 0, runIndex = 0) =>
			runData[nodeName]?.[runIndex]?.data?.main?.[outputIndex] ?? [],
		ran: (nodeName) => (runData[nodeName]?.length ?? 0) > 0,
		nodeError: (nodeName, runIndex = 0) => runData[nodeName]?.[runIndex]?.error,
		executionOrder,
		credentialCalls,
	};
}
