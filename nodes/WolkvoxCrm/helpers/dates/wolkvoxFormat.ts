/** Dates and wall-clock times written the way wolkvox takes them. */
import type { DateParts } from './calendar';

export type OutputDateFormat = 'YYYY-MM-DD' | 'DD-MM-YYYY';

function pad2(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

function pad4(n: number): string {
	return n >= 1000 ? String(n) : ('000' + n).slice(-4);
}

/** `YYYY-MM-DD` (wolkvox's bulk endpoint) or `DD-MM-YYYY` (the insert-obligation page's examples). */
export function formatDate(parts: DateParts, format: OutputDateFormat = 'YYYY-MM-DD'): string {
	const { year, month, day } = parts;
	if (format === 'DD-MM-YYYY') return `${pad2(day)}-${pad2(month)}-${pad4(year)}`;
	return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD HH:mm:ss`, as the task endpoint documents its dates. */
export function formatWallTime(
	y: number,
	mo: number,
	d: number,
	h: number,
	mi: number,
	s: number,
): string {
	return `${pad4(y)}-${pad2(mo)}-${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
}
