/**
 * The bulk endpoint's answer read into one outcome per case file of the call. wolkvox does not document what a
 * `failed_Sumary` entry holds, so entries are matched by Identification when they carry one, by position when
 * they carry an index, and kept raw otherwise.
 */

export interface BulkSummary {
	totalRecordsReceived?: number;
	successfulInserts?: number;
	failedCount?: number;
	totalProcessed?: number;
	failures: unknown[];
}

export type CaseFileStatus = 'inserted' | 'failed' | 'unconfirmed' | 'notSent';

export interface CaseFileOutcome {
	status: CaseFileStatus;
	reason?: string;
	/** The vendor's entry, as received, when one matched this case file */
	vendorEntry?: unknown;
}

function num(value: unknown): number | undefined {
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
	return Number.isFinite(n) ? n : undefined;
}

export function readBulkSummary(body: unknown): BulkSummary {
	const root = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
	const summary =
		root.summary && typeof root.summary === 'object'
			? (root.summary as Record<string, unknown>)
			: root;
	// The vendor spells it failed_Sumary; accept the obvious other spellings too.
	const rawFailures =
		summary.failed_Sumary ?? summary.failed_Summary ?? summary.failed_summary ?? summary.failed;
	return {
		totalRecordsReceived: num(summary.total_records_received),
		successfulInserts: num(summary.successful_inserts),
		failedCount: num(summary.failed_count),
		totalProcessed: num(summary.total_processed),
		failures: Array.isArray(rawFailures) ? rawFailures : [],
	};
}

const ID_KEYS = [
	'Identification',
	'identification',
	'IDENTIFICATION',
	'id_customer',
	'customer',
	'record',
];
const INDEX_KEYS = ['index', 'position', 'row', 'record_index'];
const REASON_KEYS = ['error', 'message', 'msg', 'reason', 'errors', 'detail'];

function pick(entry: Record<string, unknown>, keys: string[]): unknown {
	for (const key of keys)
		if (entry[key] !== undefined && entry[key] !== null && entry[key] !== '') return entry[key];
	return undefined;
}

/** Longest reason or vendor entry copied into a case file's item: a server can answer anything. */
const MAX_REASON = 500;

function capped(text: string): string {
	return text.length <= MAX_REASON ? text : `${text.slice(0, MAX_REASON)}… (cut)`;
}

function reasonOf(entry: unknown): string {
	if (typeof entry === 'string') return capped(entry);
	if (entry && typeof entry === 'object') {
		const reason = pick(entry as Record<string, unknown>, REASON_KEYS);
		if (reason !== undefined)
			return capped(typeof reason === 'string' ? reason : JSON.stringify(reason));
	}
	return capped(JSON.stringify(entry) ?? String(entry));
}

/** The vendor's entry as received when it is small, else its text cut to size. */
export function boundedEntry(entry: unknown): unknown {
	const text = JSON.stringify(entry) ?? String(entry);
	return text.length <= MAX_REASON * 4 ? entry : capped(text);
}

/**
 * One outcome per case file of a batch, in batch order. When some failures cannot be tied to a case file, the
 * case files not otherwise accounted for are "unconfirmed" (never silently "inserted") and carry those entries.
 */
export function outcomesForBatch(
	identifications: string[],
	summary: BulkSummary,
): {
	outcomes: CaseFileOutcome[];
	unmatched: unknown[];
} {
	const outcomes: CaseFileOutcome[] = identifications.map(() => ({ status: 'inserted' }));
	const positionsById = new Map<string, number[]>();
	identifications.forEach((id, i) => {
		const list = positionsById.get(id);
		if (list) list.push(i);
		else positionsById.set(id, [i]);
	});
	const unmatched: unknown[] = [];
	for (const entry of summary.failures) {
		let position: number | undefined;
		if (entry && typeof entry === 'object') {
			const record = entry as Record<string, unknown>;
			const id = pick(record, ID_KEYS);
			if (id !== undefined) {
				position = positionsById.get(String(id))?.find((p) => outcomes[p].status === 'inserted');
			}
			if (position === undefined) {
				const index = num(pick(record, INDEX_KEYS));
				if (
					index !== undefined &&
					Number.isInteger(index) &&
					index >= 0 &&
					index < outcomes.length
				) {
					position = index;
				}
			}
		}
		if (position === undefined || outcomes[position].status === 'failed') {
			unmatched.push(entry);
			continue;
		}
		outcomes[position] = {
			status: 'failed',
			reason: reasonOf(entry),
			vendorEntry: boundedEntry(entry),
		};
	}
	// Fewer case files received than sent: the batch was cut on the way, and wolkvox cannot say which arrived.
	if (
		summary.totalRecordsReceived !== undefined &&
		summary.totalRecordsReceived < identifications.length
	) {
		const reason = `wolkvox received ${summary.totalRecordsReceived} of the ${identifications.length} case files of this call; check them in the CRM`;
		for (const outcome of outcomes) {
			if (outcome.status === 'inserted') {
				outcome.status = 'unconfirmed';
				outcome.reason = reason;
			}
		}
		return { outcomes, unmatched };
	}
	const reportedFailures = Math.max(summary.failedCount ?? 0, summary.failures.length);
	const matched = outcomes.filter((o) => o.status === 'failed').length;
	if (unmatched.length > 0 || reportedFailures > matched) {
		const reason = `wolkvox reported ${reportedFailures} failed case file(s) in this call without saying which; check them in the CRM`;
		for (const outcome of outcomes) {
			if (outcome.status === 'inserted') {
				outcome.status = 'unconfirmed';
				outcome.reason = reason;
			}
		}
	}
	return { outcomes, unmatched };
}
