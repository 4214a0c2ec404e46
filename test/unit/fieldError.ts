import { FieldError } from '../../nodes/WolkvoxCrm/helpers/validation';

/** Runs fn, which must throw a FieldError, and returns it. */
export function fieldError(fn: () => unknown): FieldError {
	try {
		fn();
	} catch (error) {
		if (error instanceof FieldError) return error;
		throw error;
	}
	throw new Error('expected a FieldError');
}

/** "<field>: <expected>" of the FieldError that fn throws. */
export function fieldOf(fn: () => unknown): string {
	const error = fieldError(fn);
	return `${error.field}: ${error.expected}`;
}
