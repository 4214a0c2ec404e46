import { capText, createScrubber, REDACTED } from '../../../nodes/WolkvoxCrm/transport/scrub';

const TOKEN = 'tok/en+with spaces&"quotes"';

describe('scrubbing what servers answer', () => {
	const scrubber = createScrubber(TOKEN);

	it('replaces the token as sent, URL-encoded and JSON-escaped', () => {
		const echoed = `header ${TOKEN}; url ${encodeURIComponent(TOKEN)}; json ${JSON.stringify(TOKEN).slice(1, -1)}`;
		const out = scrubber.text(echoed);
		expect(out).toBe(`header ${REDACTED}; url ${REDACTED}; json ${REDACTED}`);
	});

	it('scrubs every string and key of a parsed answer, however deep', () => {
		const answer = {
			code: '400',
			msg: `bad ${TOKEN}`,
			data: { [TOKEN]: [{ deeper: { headers: { 'wolkvox-token': TOKEN } } }] },
		};
		const out = scrubber.value(answer);
		expect(JSON.stringify(out)).not.toContain(TOKEN);
		expect(out).toEqual({
			code: '400',
			msg: `bad ${REDACTED}`,
			data: { [REDACTED]: [{ deeper: { headers: { 'wolkvox-token': REDACTED } } }] },
		});
	});

	it('caps long texts, long lists and wide objects', () => {
		const out = scrubber.value({
			msg: 'x'.repeat(50 * 1024 * 1024),
			list: Array.from({ length: 20_000 }, (_, i) => i),
			wide: Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i])),
		}) as { msg: string; list: unknown[]; wide: Record<string, unknown> };
		expect(out.msg.length).toBeLessThan(1_100);
		expect(out.msg).toMatch(/more characters cut\)$/);
		expect(out.list).toHaveLength(10_001);
		expect(out.list[10_000]).toBe('(10000 more entries cut)');
		expect(Object.keys(out.wide)).toHaveLength(201);
	});

	it('drops prototype keys instead of copying them onto the result', () => {
		const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "ok": 2}');
		const out = scrubber.value(hostile) as Record<string, unknown>;
		expect(out).toEqual({ ok: 2 });
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('keeps numbers, booleans and null as they are, and an empty token scrubs nothing', () => {
		expect(createScrubber('').value({ a: 1, b: true, c: null, d: 'text' })).toEqual({
			a: 1,
			b: true,
			c: null,
			d: 'text',
		});
	});

	it('capText says how much it cut', () => {
		expect(capText('abcdef', 3)).toBe('abc… (3 more characters cut)');
		expect(capText('abc', 3)).toBe('abc');
	});
});

describe('scrubbing a hostile echo', () => {
	it('finds the token in any letter case, and the trimmed token of a credential with spaces', () => {
		const scrubber = createScrubber(' Tok3n-Value ');
		expect(scrubber.text('PLEASE VALIDATE TOKEN TOK3N-VALUE')).toBe(
			`PLEASE VALIDATE TOKEN ${REDACTED}`,
		);
		expect(scrubber.text('wolkvox-token: Tok3n-Value\r\n')).toBe(`wolkvox-token: ${REDACTED}\r\n`);
	});

	it('never leaves part of a token at the edge of a cut text', () => {
		const token = 'abcdefghijklmnopqrstuvwxyz0123456789';
		const scrubber = createScrubber(token);
		for (let at = 0; at < 60; at++) {
			const out = scrubber.text(`${'x'.repeat(at)}${token}${'y'.repeat(5_000)}`, 40);
			expect(out).not.toContain(token.slice(0, 8));
		}
	});

	it('bounds a whole answer, not only each text', () => {
		const scrubber = createScrubber('t');
		const answer = { wolkvox_id: Array.from({ length: 10_000 }, () => 'z'.repeat(1_000)) };
		expect(JSON.stringify(scrubber.value(answer)).length).toBeLessThan(4_500_000);
	});
});
