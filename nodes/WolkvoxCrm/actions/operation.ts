/** What an operation is to the router: one contract for every operation, per-item and bulk alike. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { WolkvoxClient, WolkvoxRequest, WolkvoxSender } from '../transport';
import type { WolkvoxEnvelope } from '../transport/response';
import type { RerunMemory } from './rerunMemory';

/** What the router hands an operation besides the client. */
export interface RunContext {
	/** What an earlier run of this node in this execution did (Retry On Fail), when the run can be told apart */
	memory?: RerunMemory;
	/** Parameter name → the name the user sees, for errors */
	parameterLabels: Record<string, string>;
}

export interface WolkvoxOperation {
	/** Default of Options → Timeout, in seconds */
	defaultTimeoutSeconds: number;
	/** Whether Options → Parallel Requests applies (bulk calls always go one after another) */
	allowsParallelRequests: boolean;
	/** The node's outputs: one list of items per output (the error output excepted, which n8n fills) */
	execute(
		this: IExecuteFunctions,
		client: WolkvoxClient,
		context: RunContext,
	): Promise<INodeExecutionData[][]>;
}

/** An operation that sends one call per input item. Building the request is separate from sending it. */
export interface ItemOperation {
	/** e.g. "Task": used in error messages */
	subject: string;
	/** Request-body paths → the parameter names the user sees, so errors point at the form field */
	labels?: Record<string, string>;
	prepare(this: IExecuteFunctions, itemIndex: number): WolkvoxRequest;
	/** The output of a successful call: one object (a write), or a list of them (a read: one per record found) */
	toOutput(
		this: IExecuteFunctions,
		body: WolkvoxEnvelope,
		itemIndex: number,
	): IDataObject | IDataObject[];
	/** A query: it changes nothing, so a failure leaves nothing to check in the CRM */
	readOnly?: boolean;
	/**
	 * For an item that needs more than one call (Create or Update: find, then write): makes them from the prepared
	 * request and returns the item's output. Without it, the request is sent once and toOutput reads the answer.
	 */
	perform?(
		this: IExecuteFunctions,
		client: WolkvoxSender,
		request: WolkvoxRequest,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[]>;
	/** How a user recognises the item in the CRM, e.g. `Task "Call Ana"`: named when its outcome is unknown */
	itemKey(request: WolkvoxRequest): string;
}
