/**
 * The one runner of the bulk upload: sends planned batches strictly one after another and turns each answer
 * (or failure) into one outcome per case file. Calls a later call would repeat (token, quota, host) are not
 * sent; a re-run by Retry On Fail gets what a call already did instead of sending it again.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { CaseFileDraft } from '../../bulk/caseFileShape';
import { outcomesForBatch, readBulkSummary, type CaseFileOutcome } from '../../bulk/outcomes';
import {
	toNodeApiError,
	WolkvoxApiError,
	type WolkvoxClient,
	type WolkvoxRequest,
} from '../../transport';
import type { WolkvoxEnvelope } from '../../transport/response';
import { describeDone, type KeyedItem } from '../errors';
import type { RerunMemory } from '../rerunMemory';

export const BULK_ENDPOINT = 'collections/massiveCollections.php';

export interface BatchPlan {
	batches: CaseFileDraft[][];
	/** Calls the user allows (Max Calls per Execution); the rest are not sent */
	allowedCalls: number;
}

/** What became of one batch: one outcome per case file, the call it went in (null: not sent). */
export interface BatchResult {
	batch: CaseFileDraft[];
	outcomes: CaseFileOutcome[];
	call: number | null;
	vendorSummary?: WolkvoxEnvelope;
}

export type SendTotals = Record<CaseFileOutcome['status'] | 'calls', number>;

export interface SendSettings {
	batchSize: number;
	pauseMs: number;
	maxCalls: number;
	continueOnFail: boolean;
	memory?: RerunMemory;
}

/** The request of one batch: the transport adds the operation and the token. */
export function batchRequest(batch: CaseFileDraft[]): WolkvoxRequest {
	return {
		method: 'POST',
		endpoint: BULK_ENDPOINT,
		body: { collections: batch.map((d) => d.body) as unknown as IDataObject[] },
		successRule: 'bulk',
	};
}

const caseFileKey = (draft: CaseFileDraft) =>
	`Identification ${String(draft.body.Identification ?? '')}`;

/** Sends the plan's batches; `onBatch` receives each batch's result in order. */
export async function sendBatches(
	this: IExecuteFunctions,
	client: WolkvoxClient,
	plan: BatchPlan,
	settings: SendSettings,
	onBatch: (result: BatchResult) => void,
): Promise<SendTotals> {
	const totals: SendTotals = { inserted: 0, failed: 0, unconfirmed: 0, notSent: 0, calls: 0 };
	const { batches } = plan;
	const { memory } = settings;
	let stopReason: string | undefined;
	// Case files the CRM has (or may have), named when the node stops, so a re-run is not a surprise.
	const loaded: KeyedItem[] = [];
	const maybeLoaded: KeyedItem[] = [];
	const report = (
		batch: CaseFileDraft[],
		outcomes: CaseFileOutcome[],
		call: number | null,
		first: number,
	) => {
		outcomes.forEach((o, i) => {
			totals[o.status]++;
			const entry = { index: first + i, key: caseFileKey(batch[i]) };
			if (o.status === 'inserted') loaded.push(entry);
			if (o.status === 'unconfirmed') maybeLoaded.push(entry);
		});
		return { batch, outcomes, call };
	};

	for (let k = 0; k < batches.length; k++) {
		const batch = batches[k];
		const first = k * settings.batchSize;
		if (!stopReason && k >= plan.allowedCalls) {
			stopReason = `Not sent: the limit of ${settings.maxCalls} call(s) per execution was reached`;
		}
		if (stopReason) {
			const reason = stopReason;
			const outcomes = batch.map(() => ({ status: 'notSent' as const, reason }));
			onBatch(report(batch, outcomes, null, first));
			continue;
		}
		const request = batchRequest(batch);
		const memoryKey = memory?.key(`bulk call ${k}`, request);
		const earlier = memoryKey ? memory?.get(memoryKey) : undefined;
		if (!earlier && k > 0 && settings.pauseMs > 0) await sleep(settings.pauseMs);
		const answer =
			earlier?.kind === 'done'
				? { body: earlier.value as WolkvoxEnvelope }
				: earlier
					? { error: new WolkvoxApiError(earlier.failure) }
					: await client.send(request).then(
							({ body }) => ({ body }),
							(error: unknown) => ({ error }),
						);
		if (!earlier) totals.calls++;

		if ('body' in answer) {
			if (memoryKey && !earlier) memory?.remember(memoryKey, { kind: 'done', value: answer.body });
			const { outcomes } = outcomesForBatch(
				batch.map((d) => String(d.body.Identification ?? '')),
				readBulkSummary(answer.body),
			);
			onBatch({ ...report(batch, outcomes, k + 1, first), vendorSummary: answer.body });
			continue;
		}

		// The transport only throws WolkvoxApiError; anything else is a defect, reported as is.
		const apiError =
			answer.error instanceof WolkvoxApiError
				? answer.error
				: new WolkvoxApiError({
						kind: 'unexpected',
						outcome: 'unknown',
						retryable: false,
						stopsLaterCalls: true,
						httpStatus: 0,
						message: String((answer.error as Error)?.message ?? answer.error),
						description: 'The call may have been applied: check the CRM before sending it again.',
					});
		const { failure } = apiError;
		if (failure.outcome === 'unknown' && memoryKey && !earlier) {
			memory?.remember(memoryKey, { kind: 'unknown', failure });
		}
		const ids = `Identification ${batch[0].body.Identification} to ${batch[batch.length - 1].body.Identification}`;
		const context = `Bulk Collections call ${k + 1} of ${batches.length} (${batch.length} case files, ${ids})`;
		const nodeError = toNodeApiError(this, apiError, undefined, context);
		const unknown = failure.outcome === 'unknown';
		if (!settings.continueOnFail) {
			const maybe = unknown
				? 'Outcome unknown: the case files of this call may have been loaded; check the CRM for them before loading them again. '
				: '';
			nodeError.description = `${maybe}${failure.description}\n${describeDone(loaded, maybeLoaded, 'case file')}`;
			throw nodeError;
		}
		const outcomes: CaseFileOutcome[] = batch.map((d) => ({
			status: unknown ? 'unconfirmed' : 'failed',
			reason: unknown
				? `${nodeError.message}. Case file ${d.body.Identification} may have been loaded: check the CRM before loading it again`
				: nodeError.message,
		}));
		onBatch(report(batch, outcomes, k + 1, first));
		// A token, quota or host problem fails every later call too: stop spending calls on it.
		if (failure.stopsLaterCalls)
			stopReason = `Not sent: an earlier call failed (${failure.message})`;
	}
	return totals;
}
