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

/** Spellings in which a server could echo the secret: as sent, URL-encoded, JSON-escaped. */
function variantsOf(secret: string): string[] {
	if (!secret) return [];
	const variants = new Set([
		secret,
		encodeURIComponent(secret),
		JSON.stringify(secret).slice(1, -1),
	]);
	// Longest first, so a variant that contains another is replaced whole.
	return [...variants].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
}

export function createScrubber(secret: string): Scrubber {
	const variants = variantsOf(secret);
	const text = (value: string, max = MAX_RESPONSE_TEXT): string => {
		let out = value;
		for (const variant of variants) {
			if (out.includes(variant)) out = out.split(variant).join(REDACTED);
		}
		return capText(out, max);
	};
	const walk = (value: unknown, depth: number): unknown => {
		if (typeof value === 'string') return text(value);
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
			const safeKey = text(key, 200);
			if (safeKey === '__proto__' || safeKey === 'constructor' || safeKey === 'prototype') continue;
			out[safeKey] = walk((value as Record<string, unknown>)[key], depth + 1);
		}
		if (keys.length > MAX_KEYS) out['(cut)'] = `${keys.length - MAX_KEYS} more keys cut`;
		return out;
	};
	return { text, value: (value) => walk(value, 0) };
}
