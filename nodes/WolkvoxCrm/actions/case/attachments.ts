import type { IExecuteFunctions } from 'n8n-workflow';

import { toText } from '../../helpers/values';
import { FieldError } from '../../helpers/validation';
import type { MultipartFile } from '../../transport/multipart';

/**
 * The input binary fields to attach, from a comma-separated list (`data, scan`). Each must exist on the item,
 * so a missing file is an input error before anything is sent, not a case created without its attachment.
 */
export function attachmentNames(
	ctx: IExecuteFunctions,
	i: number,
	value: unknown,
	field: string,
): string[] {
	const names = toText(value, field)
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	const binary = ctx.getInputData()[i]?.binary ?? {};
	for (const name of names) {
		if (!Object.prototype.hasOwnProperty.call(binary, name)) {
			const present = Object.keys(binary);
			throw new FieldError(
				field,
				`names the binary field "${name}", which this item does not have (${
					present.length ? `it has ${present.map((p) => `"${p}"`).join(', ')}` : 'it has no binary data'
				})`,
			);
		}
	}
	if (new Set(names).size !== names.length) {
		throw new FieldError(field, 'names the same binary field twice');
	}
	return names;
}

/** The files' bytes, names and types, as a form part named `part`. */
export async function readAttachments(
	ctx: IExecuteFunctions,
	i: number,
	names: string[],
	part: string,
): Promise<MultipartFile[]> {
	const binary = ctx.getInputData()[i]?.binary ?? {};
	const files: MultipartFile[] = [];
	for (const name of names) {
		const meta = binary[name];
		files.push({
			name: part,
			fileName: meta.fileName ?? name,
			mimeType: meta.mimeType || 'application/octet-stream',
			data: await ctx.helpers.getBinaryDataBuffer(i, name),
		});
	}
	return files;
}
