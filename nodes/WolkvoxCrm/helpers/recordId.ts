import { attempt, FAILED } from './attempt';
import { FieldError } from './validation';
import { toText } from './values';

const URL_START = /^https?:\/\//i;

/**
 * A record's id as users hold it: the id itself (`64dcf0a1b2c3d4e5f6a7b8c9`), or the record's address copied
 * from the CRM's address bar, whose last segment is the id (the part after `#` too, for the CRM's in-page routes).
 * Query strings are ignored. Plain text is returned trimmed, as it is.
 */
export function recordIdFrom(value: unknown, field: string): string {
	const text = toText(value, field).trim();
	if (!URL_START.test(text)) return text;
	if (!URL.canParse(text)) {
		throw new FieldError(
			field,
			`must be a record ID or the record's URL, got "${text.slice(0, 80)}"`,
		);
	}
	const url = new URL(text);
	const route = url.hash.replace(/^#!?/, '').split('?')[0];
	const last = (route || url.pathname)
		.split('/')
		.filter((s) => s !== '')
		.at(-1);
	if (!last) {
		throw new FieldError(
			field,
			`is a URL with no record ID at its end: open the record in the CRM and copy the address, or give its ID`,
		);
	}
	const decoded = attempt(() => decodeURIComponent(last));
	return (decoded === FAILED ? last : decoded).trim();
}
