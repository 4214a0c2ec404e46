/**
 * The multipart/form-data encoder, read back by the sandbox's parser (which reads bodies as PHP does): fields and
 * files arrive whole, whatever bytes they hold, and no name can break out of its header.
 */
import { parseForm } from '../../../harness/sandbox/formBody';
import { encodeMultipart } from '../../../nodes/WolkvoxCrm/transport/multipart';

const BYTES = Buffer.concat([
	Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
	Buffer.from('\r\n--not-the-boundary\r\n\r\n'),
]);

function readBack(encoded: { body: Buffer; contentType: string }) {
	const read = parseForm(encoded.body, encoded.contentType);
	if (!('form' in read)) throw new Error(read.error);
	return read.form;
}

describe('encodeMultipart', () => {
	it('sends text fields as UTF-8 and files byte for byte, with their names and types', () => {
		const encoded = encodeMultipart({
			fields: { operation: 'op', description: 'Línea 1\r\nLínea 2 ✓', form: '{"Asunto":"Factura"}' },
			files: [{ name: 'file', fileName: 'factura.pdf', mimeType: 'application/pdf', data: BYTES }],
		});
		expect(encoded.contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
		const form = readBack(encoded);
		expect({ ...form.fields }).toEqual({
			operation: 'op',
			description: 'Línea 1\r\nLínea 2 ✓',
			form: '{"Asunto":"Factura"}',
		});
		expect(form.files).toHaveLength(1);
		expect(form.files[0]).toMatchObject({ name: 'file', filename: 'factura.pdf', contentType: 'application/pdf' });
		expect(form.files[0].data.equals(BYTES)).toBe(true);
	});

	it('picks a boundary that no part contains', () => {
		const encoded = encodeMultipart({ fields: { a: 'x' } });
		const boundary = encoded.contentType.split('boundary=')[1];
		// A value holding the boundary just chosen must make the next encoding choose another one.
		const again = encodeMultipart({ fields: { a: `--${boundary}--` } });
		expect(again.contentType).not.toBe(encoded.contentType);
		expect({ ...readBack(again).fields }).toEqual({ a: `--${boundary}--` });
	});

	it('escapes quotes and line breaks in names, so a name cannot add a header or a part', () => {
		const form = readBack(
			encodeMultipart({
				fields: { 'a"\r\nContent-Type: text/evil': 'v' },
				files: [{ name: 'file', fileName: 'x"; name="other\r\n.pdf', mimeType: 'text/plain\r\nX: y', data: Buffer.from('z') }],
			}),
		);
		expect(Object.keys(form.fields)).toEqual(['a%22%0D%0AContent-Type: text/evil']);
		expect(form.files.map((f) => [f.name, f.filename, f.contentType])).toEqual([
			['file', 'x%22; name=%22other%0D%0A.pdf', 'text/plainX: y'],
		]);
	});

	it('sends an empty form as a closing boundary only, and an empty file as a part with no bytes', () => {
		expect(readBack(encodeMultipart({ fields: {} }))).toEqual({ fields: {}, files: [] });
		const form = readBack(
			encodeMultipart({ fields: {}, files: [{ name: 'file', fileName: 'empty.txt', mimeType: '', data: Buffer.alloc(0) }] }),
		);
		expect(form.files.map((f) => [f.filename, f.contentType, f.data.length])).toEqual([
			['empty.txt', 'application/octet-stream', 0],
		]);
	});
});
