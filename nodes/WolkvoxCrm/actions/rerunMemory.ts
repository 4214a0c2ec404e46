/**
 * n8n's "Retry On Fail" runs the whole node again inside the same execution (also when the first output item
 * is an error item). wolkvox inserts are not idempotent, so each run remembers which calls were done, or may
 * have been done, and a re-run of the same node in the same execution returns that result instead of sending
 * the call again. Keys carry the execution id and the node's run index, so nothing is ever reused by another
 * execution or by a later run of the node in a loop; memory is bounded by entries, bytes and age.
 */
import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { FailureDescription } from '../transport/response';
import type { WolkvoxRequest } from '../transport';

export type Remembered =
	| { kind: 'done'; value: unknown }
	| { kind: 'unknown'; failure: FailureDescription };

const MAX_ENTRIES = 100_000;
const MAX_BYTES = 64 * 1024 * 1024;
// Retry On Fail re-runs right after a node run, which can itself take hours for thousands of items: a day
// covers it, and the bounds above keep memory in check meanwhile.
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface Entry {
	at: number;
	bytes: number;
	value: Remembered;
}

const entries = new Map<string, Entry>();
let totalBytes = 0;

function drop(key: string, entry: Entry): void {
	entries.delete(key);
	totalBytes -= entry.bytes;
}

function evict(now: number): void {
	// A Map iterates in insertion order: the oldest entries come first.
	for (const [key, entry] of entries) {
		const tooMany = entries.size > MAX_ENTRIES || totalBytes > MAX_BYTES;
		if (!tooMany && now - entry.at <= MAX_AGE_MS) break;
		drop(key, entry);
	}
}

/** The calls of one node run: this execution, this node, this run index (a loop runs the node again). */
export class RerunMemory {
	private constructor(private readonly scope: string) {}

	/** Undefined when the run cannot be told apart from others (no execution id): nothing is remembered. */
	static for(ctx: IExecuteFunctions, tokenKey: string): RerunMemory | undefined {
		const executionId = typeof ctx.getExecutionId === 'function' ? ctx.getExecutionId() : undefined;
		if (!executionId) return undefined;
		const node = ctx.getNode();
		let runIndex: unknown = 0;
		try {
			runIndex = ctx.evaluateExpression('{{ $runIndex }}', 0);
		} catch {
			runIndex = 'unknown';
		}
		return new RerunMemory(
			[String(executionId), node.id ?? node.name, String(runIndex), tokenKey].join('\u0000'),
		);
	}

	/**
	 * One call of this run: which input item (or batch) and which endpoint. Not the body: a re-run gets the
	 * same input items, but a body built from an expression on the time ($now) differs on every run.
	 */
	key(slot: number | string, request: WolkvoxRequest): string {
		return createHash('sha256')
			.update(this.scope)
			.update('\u0000')
			.update(String(slot))
			.update('\u0000')
			.update(`${request.method} ${request.endpoint}`)
			.digest('hex');
	}

	get(key: string): Remembered | undefined {
		evict(Date.now());
		return entries.get(key)?.value;
	}

	remember(key: string, value: Remembered): void {
		const now = Date.now();
		const existing = entries.get(key);
		if (existing) drop(key, existing);
		const bytes = key.length + JSON.stringify(value).length;
		entries.set(key, { at: now, bytes, value });
		totalBytes += bytes;
		evict(now);
	}
}

/** For tests: how much is held right now. */
export function rerunMemorySize(): { entries: number; bytes: number } {
	return { entries: entries.size, bytes: totalBytes };
}
