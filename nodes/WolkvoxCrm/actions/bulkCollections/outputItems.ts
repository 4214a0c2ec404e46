/** The items the Bulk Collections upload outputs: case files, calls, row errors, the dry run, the summary. */
import type { IDataObject, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import type { CaseFileDraft, RowError } from '../../bulk/caseFileShape';
import type { ResolvedMapping } from '../../bulk/columnMapping';
import { boundedEntry, type CaseFileOutcome } from '../../bulk/outcomes';
import type { WolkvoxEnvelope } from '../../transport/response';
import { errorItem } from '../errors';
import { BULK_ENDPOINT, type BatchPlan, type BatchResult } from './sendBatches';

export interface OutputSettings {
	outputMode: 'caseFiles' | 'calls';
	/** With "Continue (using error output)", case files wolkvox did not load go to the error output too */
	failuresToErrorOutput: boolean;
}

/** Which column fed which field (automatic matches included) and the columns not sent: shown so a wrong guess is seen. */
export function describeMapping(mapping: ResolvedMapping, dropped: string[] = []): IDataObject {
	return {
		caseFile: { ...mapping.caseFile },
		obligation: { ...mapping.obligation },
		matchedAutomatically: mapping.automatic,
		otherColumns: mapping.extraColumns,
		...(dropped.length ? { notSent: dropped } : {}),
		...(mapping.lookalikes.length
			? {
					warnings: mapping.lookalikes.map(
						({ column, resembles }) =>
							`Column "${column}" feeds no field, though it looks like ${resembles}, which no column feeds: map it under Column Mapping if it should`,
					),
				}
			: {}),
	};
}

const pairedTo = (rows: number[]): IPairedItemData[] => rows.map((item) => ({ item }));

function caseFileItem(
	draft: CaseFileDraft,
	outcome: CaseFileOutcome,
	call: number | null,
): INodeExecutionData {
	const json: IDataObject = {
		Identification: draft.body.Identification,
		Name: draft.body.Name,
		status: outcome.status,
		obligations: draft.body.Obligations.length,
		call,
	};
	if (outcome.reason) json.reason = outcome.reason;
	if (outcome.vendorEntry !== undefined) json.vendorEntry = outcome.vendorEntry as IDataObject;
	if (draft.conflicts.length) {
		json.conflicts = draft.conflicts.map((c) => ({
			...c,
			note: 'rows disagree; the first row wins',
		}));
	}
	return { json, pairedItem: pairedTo(draft.rows) };
}

/** Most failed case files listed in a per-call item; the counts say the rest. */
const MAX_LISTED_FAILURES = 100;

/** The vendor's summary of one call for the per-call output, its failure list bounded. */
export function callSummary(body: WolkvoxEnvelope): IDataObject | undefined {
	if (!body.summary || typeof body.summary !== 'object') return undefined;
	const summary = { ...(body.summary as IDataObject) };
	const failures = summary.failed_Sumary;
	if (Array.isArray(failures)) {
		summary.failed_Sumary = [
			...failures.slice(0, MAX_LISTED_FAILURES).map(boundedEntry),
			...(failures.length > MAX_LISTED_FAILURES
				? [`(${failures.length - MAX_LISTED_FAILURES} more; see each case file's item)`]
				: []),
		] as IDataObject[];
	}
	return summary;
}

/** The output items of one call's case files: one per case file, or one for the call. */
export function batchItems(result: BatchResult, output: OutputSettings): INodeExecutionData[] {
	const { batch, outcomes, call, vendorSummary } = result;
	if (output.outputMode === 'calls') {
		const counts: IDataObject = {};
		for (const o of outcomes) counts[o.status] = ((counts[o.status] as number) ?? 0) + 1;
		return [
			{
				json: {
					call,
					caseFiles: batch.length,
					outcomes: counts,
					summary: (vendorSummary && callSummary(vendorSummary)) ?? null,
					...(outcomes[0]?.reason && outcomes.every((o) => o.reason === outcomes[0].reason)
						? { reason: outcomes[0].reason }
						: {}),
				},
				pairedItem: pairedTo(batch.flatMap((d) => d.rows)),
			},
		];
	}
	return batch.map((draft, i) => {
		const outcome = outcomes[i];
		if (!output.failuresToErrorOutput || outcome.status !== 'failed') {
			return caseFileItem(draft, outcome, call);
		}
		const id = draft.body.Identification;
		return errorItem(
			{
				message: `Case file ${id} was not loaded${call ? ` (call ${call})` : ''}: ${outcome.reason ?? 'wolkvox reported a failure'}`,
				description:
					'Correct the case file and load it again; the other case files are unaffected.',
			},
			pairedTo(draft.rows),
		);
	});
}

/** An invalid row: not sent, on the error output, paired to its input item. */
export function rowErrorItem(error: RowError): INodeExecutionData {
	return errorItem(
		{ message: error.message, description: 'This row was not sent. Correct it and load it again.' },
		{ item: error.row },
	);
}

/** The dry run: each call's exact body, as the transport would send it. */
export function dryRunItems(
	plan: BatchPlan,
	bodyOf: (batch: CaseFileDraft[]) => IDataObject,
	columns?: IDataObject,
): INodeExecutionData[] {
	return plan.batches.map((batch, k) => {
		const rows = batch.flatMap((d) => d.rows);
		return {
			json: {
				dryRun: true,
				call: k + 1,
				calls: plan.batches.length,
				wouldBeSent: k < plan.allowedCalls,
				caseFiles: batch.length,
				rows: rows.length,
				endpoint: BULK_ENDPOINT,
				...(k === 0 && columns ? { columns } : {}),
				body: bodyOf(batch),
			},
			pairedItem: pairedTo(rows),
		};
	});
}

/** The last item with the run's totals. */
export function summaryItem(summary: IDataObject): INodeExecutionData {
	return {
		json: { summary: true, ...summary },
		// Derived from every row. Pairing it to all of them would make downstream $('…').item lookups ambiguous,
		// and pairing it to none breaks them: it stands for the run, so it is tied to the first item.
		pairedItem: { item: 0 },
	};
}
