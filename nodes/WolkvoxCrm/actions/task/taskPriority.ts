/** Words users type for a task's priority, English and Spanish, → the value wolkvox takes. */
const PRIORITIES: Readonly<Record<string, 'high' | 'normal' | 'low'>> = {
	high: 'high',
	alta: 'high',
	alto: 'high',
	normal: 'normal',
	medium: 'normal',
	media: 'normal',
	medio: 'normal',
	low: 'low',
	baja: 'low',
	bajo: 'low',
};

/**
 * A priority from the dropdown or an expression: any case, spaces and accents ignored, Spanish words included.
 * Anything else is returned as given, for the schema to refuse with the allowed values.
 */
export function taskPriority(value: string): string {
	const word = value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.trim()
		.toLowerCase();
	return Object.prototype.hasOwnProperty.call(PRIORITIES, word) ? PRIORITIES[word] : value;
}
