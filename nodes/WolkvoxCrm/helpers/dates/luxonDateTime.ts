/**
 * n8n's date-time values: Luxon DateTimes, or objects shaped like them, read by what they can do rather than by
 * class, since the node may see another copy of Luxon than n8n's.
 */

interface LuxonLike {
	isLuxonDateTime?: boolean;
	toISODate?: () => string | null;
	toISO?: () => string | null;
	toMillis?: () => number;
	isValid?: boolean;
}

function asLuxonLike(value: unknown): LuxonLike | undefined {
	return typeof value === 'object' && value !== null ? (value as LuxonLike) : undefined;
}

/** The calendar date a DateTime holds, in its own zone, as ISO text (its whole ISO text when it has no date alone). */
export function luxonDateText(value: unknown): string | undefined {
	const dt = asLuxonLike(value);
	if (!dt) return undefined;
	const iso =
		typeof dt.toISODate === 'function'
			? dt.toISODate()
			: typeof dt.toISO === 'function'
				? dt.toISO()
				: undefined;
	return typeof iso === 'string' ? iso : undefined;
}

/** Whether the value is a DateTime that knows its instant (an invalid Luxon DateTime does not). */
export function hasLuxonInstant(value: unknown): value is { toMillis: () => number } {
	const dt = asLuxonLike(value);
	return dt !== undefined && typeof dt.toMillis === 'function' && dt.isValid !== false;
}

/** A DateTime's ISO text, for objects that know no instant. */
export function luxonIsoText(value: unknown): string | undefined {
	const dt = asLuxonLike(value);
	if (!dt || typeof dt.toISO !== 'function') return undefined;
	const iso = dt.toISO();
	return typeof iso === 'string' ? iso : undefined;
}
