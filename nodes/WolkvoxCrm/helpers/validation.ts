import type { ZodIssue, ZodType } from 'zod';

/**
 * A value the user gave that cannot be sent: names the field and what was expected, so the error message
 * can say "Obligation 'total_balance' must be an amount … [item 3]" and nothing is sent for that item.
 */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		readonly expected: string,
		message?: string,
	) {
		super(message ?? `"${field}" ${expected}`);
		this.name = 'FieldError';
	}
}

function pathOf(issue: ZodIssue): string {
	return issue.path.map(String).join('.') || '(body)';
}

function explain(issue: ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type':
			return issue.received === 'undefined'
				? 'is required'
				: `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}, got ${issue.received}`;
		case 'too_small':
			return issue.type === 'string' ? 'must not be empty' : issue.message;
		case 'invalid_enum_value':
			return `must be one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}, got "${String(issue.received)}"`;
		case 'invalid_literal':
			return `must be "${String(issue.expected)}"`;
		default:
			return issue.message;
	}
}

/** Checks a body against its schema without throwing: the parsed body, or a FieldError for the first problem. */
export function checkBody<T>(
	schema: ZodType<T>,
	body: unknown,
): { data: T } | { error: FieldError } {
	const result = schema.safeParse(body);
	if (result.success) return { data: result.data };
	const issue = result.error.issues[0];
	return { error: new FieldError(pathOf(issue), explain(issue)) };
}

/** Checks a built request body against its schema; throws FieldError for the first problem. */
export function assertValidBody<T>(schema: ZodType<T>, body: unknown): T {
	const checked = checkBody(schema, body);
	if ('error' in checked) throw checked.error;
	return checked.data;
}
