import { attempt, FAILED } from './attempt';
import { FieldError } from './validation';

/** A JSON parameter arrives as text (typed in the editor) or as a value (from an expression). */
export function parseJsonParameter(value: unknown, field: string, expected: string): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	if (trimmed === '') return undefined;
	const parsed = attempt(() => JSON.parse(trimmed) as unknown);
	if (parsed === FAILED) throw new FieldError(field, `must be valid JSON (${expected})`);
	return parsed;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'si', 'sí', 'on', 'verdadero']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off', 'falso', '']);

/**
 * A switch value from a boolean parameter or an expression: sheets and AI agents hand over "true"/"sí"/1 as often
 * as a real boolean. Anything else is refused rather than silently sent as false.
 */
export function toBoolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === undefined || value === null) return false;
	if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
	if (typeof value === 'string') {
		const word = value.trim().toLowerCase();
		if (TRUE_WORDS.has(word)) return true;
		if (FALSE_WORDS.has(word)) return false;
	}
	throw new FieldError(field, `must be true or false, got "${String(value)}"`);
}
