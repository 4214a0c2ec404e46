/** The ways users write dates, and what a date or date-time field tells them it expects. */

/** How the user's dates are written. Separators `/`, `-` and `.` are interchangeable in the declared formats. */
export type InputDateFormat =
	| 'auto'
	| 'YYYY-MM-DD'
	| 'DD/MM/YYYY'
	| 'MM/DD/YYYY'
	| 'DD-MM-YYYY'
	| 'YYYYMMDD';

const EXPECTED_BY_FORMAT: Record<InputDateFormat, string> = {
	auto: 'a date like 2025-02-03, 03/02/2025 (day first) or a sheet serial number such as 45691',
	'YYYY-MM-DD': 'a date like 2025-02-03 or a sheet serial number such as 45691',
	'DD/MM/YYYY':
		'a date like 03/02/2025 (day first), 2025-02-03 or a sheet serial number such as 45691',
	'DD-MM-YYYY':
		'a date like 03-02-2025 (day first), 2025-02-03 or a sheet serial number such as 45691',
	'MM/DD/YYYY':
		'a date like 02/03/2025 (month first), 2025-02-03 or a sheet serial number such as 45691',
	YYYYMMDD: 'a date like 20250203, 2025-02-03 or a sheet serial number such as 45691',
};

/** What a date field expects, for messages. */
export function expectedDate(format: InputDateFormat = 'auto'): string {
	return EXPECTED_BY_FORMAT[format] ?? EXPECTED_BY_FORMAT.auto;
}

/** What a date-time field (a task's dates, a date range) expects, for messages. */
export const EXPECTED_DATE_TIME =
	'a date and time like 2026-11-30 17:00:00, 2026-11-30T17:00:00 or 30/11/2026 17:00';
