/**
 * Everything taken from a response passes through here before it can reach an output item, an error or a log
 * line: the token is replaced wherever a server echoed it, and text is capped so a hostile or broken server
 * cannot fill the execution (n8n stores every output item and error).
 */

export const REDACTED = '[REDACTED]';

/** Longest text kept from one response string (a vendor message, a failed case file's reason). */
export const MAX_RESPONSE_TEXT = 1_000;
/** Longest vendor text quoted in an error message. */
export const MAX_QUOTED_TEXT = 300;
/** Most elements kept from one list in a response (a bulk call of 5,000 case files lists at most 5,000 failures). */
const MAX_LIST_LENGTH = 10_000;
const MAX_KEYS = 200;
const MAX_DEPTH = 12;
/** Most characters kept from one whole answer, whatever its shape: beyond, texts are cut to a note. */
const MAX_ANSWER_CHARACTERS = 4_000_000;

/** Cuts text longer than `max` characters and says how much was cut. */
export function capText(text: string, max: number): string {
	if (text.length <= max) return text;
	return `${text.slice(0, max)}… (${text.length - max} more characters cut)`;
}

export interface Scrubber {
	/** The text with every occurrence of the secret replaced, then capped. */
	text(value: string, max?: number): string;
	/** A copy of a parsed response with every string scrubbed and capped, and sizes bounded. */
	value(value: unknown): unknown;
}

/** Spellings in which a server could echo the secret: as sent, trimmed, URL-encoded, JSON-escaped. */
function patternFor(secret: string): { pattern: RegExp; longest: number } | undefined {
	const spellings = new Set<string>();
	for (const value of [secret, secret.trim()]) {
		if (!value) continue;
		spellings.add(value);
		spellings.add(encodeURIComponent(value));
		spellings.add(JSON.stringify(value).slice(1, -1));
	}
	if (spellings.size === 0) return undefined;
	// Longest first, so a spelling that contains another is replaced whole; any letter case, since a server
	// may echo headers upper-cased.
	const alternatives = [...spellings]
		.sort((a, b) => b.length - a.length)
		.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	const longest = Math.max(...[...spellings].map((v) => v.length));
	return { pattern: new RegExp(alternatives.join('|'), 'gi'), longest };
}

export function createScrubber(secret: string): Scrubber {
	const secretPattern = patternFor(secret);
	const scrub = (value: string): string =>
		secretPattern ? value.replace(secretPattern.pattern, REDACTED) : value;
	// A huge text is cut before it is scrubbed, leaving room for a whole secret that starts within the kept part.
	const room = secretPattern?.longest ?? 0;
	const text = (value: string, max = MAX_RESPONSE_TEXT): string => {
		const scrubbed = scrub(value.length > max + room ? value.slice(0, max + room) : value);
		if (scrubbed.length <= max && value.length <= max + room) return scrubbed;
		return `${scrubbed.slice(0, max)}… (${Math.max(1, value.length - max)} more characters cut)`;
	};
	const valueOf = (root: unknown): unknown => {
		let budget = MAX_ANSWER_CHARACTERS;
		const keep = (value: string, max: number): string => {
			if (budget <= 0) return '(cut: the answer is too large)';
			const kept = text(value, Math.min(max, budget));
			budget -= kept.length;
			return kept;
		};
		const walk = (value: unknown, depth: number): unknown => {
			if (typeof value === 'string') return keep(value, MAX_RESPONSE_TEXT);
			if (value === null || typeof value !== 'object') return value;
			if (depth >= MAX_DEPTH) return '(nested too deep; cut)';
			if (Array.isArray(value)) {
				const kept = value.slice(0, MAX_LIST_LENGTH).map((v) => walk(v, depth + 1));
				if (value.length > MAX_LIST_LENGTH) {
					kept.push(`(${value.length - MAX_LIST_LENGTH} more entries cut)`);
				}
				return kept;
			}
			const out: Record<string, unknown> = {};
			const keys = Object.keys(value);
			for (const key of keys.slice(0, MAX_KEYS)) {
				// A key can be as hostile as a value; a prototype key would change the copy's prototype.
				const safeKey = keep(key, 200);
				if (safeKey === '__proto__' || safeKey === 'constructor' || safeKey === 'prototype')
					continue;
				out[safeKey] = walk((value as Record<string, unknown>)[key], depth + 1);
			}
			if (keys.length > MAX_KEYS) out['(cut)'] = `${keys.length - MAX_KEYS} more keys cut`;
			return out;
		};
		return walk(root, 0);
	};
	return { text, value: valueOf };
}
