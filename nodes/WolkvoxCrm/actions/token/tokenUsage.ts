import type { IDataObject } from 'n8n-workflow';

/** A count from the answer: a number, or numeric text as wolkvox sometimes sends; null otherwise. */
function count(value: unknown): number | null {
	const n =
		typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	return Number.isFinite(n) && !(typeof value === 'string' && value.trim() === '') ? n : null;
}

/**
 * token/tokenInformation.php's `data` in plain words: the daily limit, what today's calls used (this one
 * included), what is left, and the hours until the count resets.
 */
export function tokenUsage(data: unknown): IDataObject {
	const d =
		typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {};
	const limit = count(d.token_limit);
	const usedToday = count(d.token_use_today);
	const left = count(d.available_consumition_options);
	return {
		limit,
		usedToday,
		left: left ?? (limit !== null && usedToday !== null ? Math.max(0, limit - usedToday) : null),
		hoursToReset: count(d.hours_to_restart_count),
		description: typeof d.description === 'string' ? d.description : null,
	};
}
