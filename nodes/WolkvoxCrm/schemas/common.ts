import { z } from 'zod';

// Written against the zod API that every 3.25.x has: at run time n8n supplies its own copy.
export const nonEmpty = z.string().trim().min(1);
export const WOLKVOX_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const DAY_FIRST_DATE = /^\d{2}-\d{2}-\d{4}$/;
/** Amounts travel as plain decimal strings, as in every vendor example */
export const amountString = z
	.string()
	.regex(/^-?\d+(\.\d+)?$/, 'must be a plain decimal amount like 1234567.89');
export const integerString = z.string().regex(/^-?\d+$/, 'must be a whole number');

/** A field name the user chose: `__proto__`, `constructor` and `prototype` are reserved by JavaScript. */
export const allowedName = z
	.string()
	.refine(
		(name) => name !== '__proto__' && name !== 'constructor' && name !== 'prototype',
		'is not an allowed field name (reserved by JavaScript)',
	);
