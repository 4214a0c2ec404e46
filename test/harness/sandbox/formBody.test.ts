/**
 * The sandbox's form parser, alone: multipart/form-data with text fields and binary file parts, and urlencoded
 * bodies, as PHP reads them; malformed bodies say what is wrong.
 */
import { formLogView, parseForm } from '../../../harness/sandbox/formBody';

const BOUNDARY = '----sandboxBoundary7MA4YWxkTrZu0gW';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** Every byte value, CR and LF and a fake boundary included: the parser must cut on the real boundary only. */
const BINARY = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from(`\r\n--${BOUNDARY.slice(0, -1)}\r\n`)]);

function multipart(parts: { headers: string[]; data: Buffer | string }[]): Buffer {
	const chunks: Buffer[] = [Buffer.from('preamble is ignored\r\n')];
	for (const p of parts) {
		chunks.push(Buffer.from(`--${BOUNDARY}\r\n${p.headers.map((h) => `${h}\r\n`).join('')}\r\n`));
		chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
		chunks.push(Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
	return Buffer.concat(chunks);
}

const field = (name: string, value: string) => ({ headers: [`Content-Disposition: form-data; name="${name}"`], data: value });

describe('parseForm', () => {
	it('reads text fields as UTF-8 and a file part byte for byte, with its name and type', () => {
		const body = multipart([
			field('operation', 'demo_operation'),
			field('description', 'Línea 1\r\nLínea 2'),
			field('form', '{"Subject":"Factura"}'),
			{ headers: ['Content-Disposition: form-data; name="file"; filename="scan \\"v2\\".pdf"', 'Content-Type: application/pdf'], data: BINARY },
		]);
		const read = parseForm(body, TYPE);
		if (!('form' in read)) throw new Error(read.error);
		expect({ ...read.form.fields }).toEqual({ operation: 'demo_operation', description: 'Línea 1\r\nLínea 2', form: '{"Subject":"Factura"}' });
		expect(read.form.files).toHaveLength(1);
		const [file] = read.form.files;
		expect(file).toMatchObject({ name: 'file', filename: 'scan "v2".pdf', contentType: 'application/pdf' });
		expect(file.data.equals(BINARY)).toBe(true);
		expect(formLogView(read.form)).toEqual({
			operation: 'demo_operation',
			description: 'Línea 1\r\nLínea 2',
			form: '{"Subject":"Factura"}',
			file: { filename: 'scan "v2".pdf', contentType: 'application/pdf', bytes: BINARY.length },
		});
	});

	it('takes a quoted boundary, keeps the last of repeated fields, and reads an empty file input as no file', () => {
		const body = multipart([
			field('status', 'open'),
			field('status', 'closed'),
			{ headers: ['Content-Disposition: form-data; name="file"; filename=""', 'Content-Type: application/octet-stream'], data: '' },
		]);
		const read = parseForm(body, `multipart/form-data; boundary="${BOUNDARY}"`);
		if (!('form' in read)) throw new Error(read.error);
		expect(read.form.fields.status).toBe('closed');
		expect(read.form.files).toEqual([]);
	});

	it('keeps the last file of a repeated name, as PHP does, and every file of a name ending in []', () => {
		const file = (name: string, filename: string) => ({
			headers: [`Content-Disposition: form-data; name="${name}"; filename="${filename}"`, 'Content-Type: text/plain'],
			data: filename,
		});
		const read = parseForm(multipart([file('file', 'a.txt'), file('file', 'b.txt'), file('docs[]', 'c.txt'), file('docs[]', 'd.txt')]), TYPE);
		if (!('form' in read)) throw new Error(read.error);
		expect(read.form.files.map((f) => [f.name, f.filename])).toEqual([
			['file', 'b.txt'],
			['docs[]', 'c.txt'],
			['docs[]', 'd.txt'],
		]);
	});

	it('reads an urlencoded body as fields', () => {
		const read = parseForm(Buffer.from('operation=demo_operation&case-type=Request&description=a+b%26c'), 'application/x-www-form-urlencoded');
		expect('form' in read && { ...read.form.fields }).toEqual({ operation: 'demo_operation', 'case-type': 'Request', description: 'a b&c' });
	});

	it.each([
		['JSON', Buffer.from('{}'), 'application/json', /must be multipart\/form-data \(got "application\/json"\)/],
		['no boundary', multipart([field('a', 'b')]), 'multipart/form-data', /needs a boundary/],
		['another boundary', multipart([field('a', 'b')]), 'multipart/form-data; boundary=other', /boundary was not found/],
		['no closing boundary', Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nb`), TYPE, /ends before its closing boundary/],
		['a part without a name', multipart([{ headers: ['Content-Type: text/plain'], data: 'x' }]), TYPE, /no Content-Disposition: form-data with a name/],
	])('refuses %s, saying why', (_label, body, type, message) => {
		const read = parseForm(body, type);
		expect('error' in read && read.error).toMatch(message);
	});
});
