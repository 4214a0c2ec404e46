import { randomBytes } from 'crypto';

/** A file part of a multipart/form-data body. */
export interface MultipartFile {
	/** The form field's name, e.g. `file` */
	name: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

/** A form as the `cases` endpoints take it: text fields and files. */
export interface MultipartForm {
	fields: Record<string, string>;
	files?: MultipartFile[];
}

export interface EncodedForm {
	body: Buffer;
	contentType: string;
}

/**
 * A name or file name inside a quoted header parameter, escaped the way browsers do it: a quote or a line
 * break would otherwise end the parameter or the header and let the value write headers of its own.
 */
function quoted(text: string): string {
	return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A boundary that occurs in no part, so no value can end its part early. */
function boundaryFor(parts: Buffer[]): string {
	for (;;) {
		const boundary = `----wolkvox${randomBytes(12).toString('hex')}`;
		const marker = Buffer.from(boundary);
		if (!parts.some((part) => part.includes(marker))) return boundary;
	}
}

/** A multipart/form-data body: the fields as text parts, then the files, in the order given. */
export function encodeMultipart(form: MultipartForm): EncodedForm {
	const heads: string[] = [];
	const contents: Buffer[] = [];
	for (const [name, value] of Object.entries(form.fields)) {
		heads.push(`Content-Disposition: form-data; name="${quoted(name)}"`);
		contents.push(Buffer.from(value, 'utf8'));
	}
	for (const file of form.files ?? []) {
		heads.push(
			`Content-Disposition: form-data; name="${quoted(file.name)}"; filename="${quoted(file.fileName)}"\r\n` +
				`Content-Type: ${file.mimeType.replace(/[\r\n]/g, '') || 'application/octet-stream'}`,
		);
		contents.push(file.data);
	}
	const boundary = boundaryFor(contents);
	const chunks: Buffer[] = [];
	heads.forEach((head, i) => {
		chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`, 'utf8'), contents[i], Buffer.from('\r\n'));
	});
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
