/**
 * The figures the queue-mode suite and bench read from the sandbox: a refusal for a third call in flight is told
 * from an accepted call, per token; the peak in flight worked out from the log; duplicates found.
 */
import { duplicates, peakOverlap, sandboxFigures } from '../../../harness/queue/burst';
import { startSandbox } from '../../../harness/sandbox/server';

const TOKEN = 'queue-figures-token';
const OTHER = 'queue-figures-other';
const OP = 'queue_op';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({
		latencyMs: 0,
		tokens: { [TOKEN]: { operation: OP }, [OTHER]: { operation: OP } },
	});
});

afterAll(async () => {
	await sandbox.close();
});

async function insert(token: string, name: string): Promise<number> {
	const res = await fetch(`${sandbox.url}/server/API/v2/custom/insert.php`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'Wolkvox-Token': token },
		body: JSON.stringify({ operation: OP, module: 'contacts', fields: { namecontact: name } }),
	});
	await res.text();
	return res.status;
}

test('a refusal for too many calls in flight is counted apart from accepted calls, for the token asked about only', async () => {
	sandbox.reset();
	sandbox.configure({ fault: { mode: 'simultaneous', remaining: 1 } });
	expect(await insert(TOKEN, 'refused')).toBe(403);
	expect(await insert(TOKEN, 'first')).toBe(200);
	expect(await insert(TOKEN, 'second')).toBe(200);
	expect(await insert(OTHER, 'another token')).toBe(200);

	const seen = sandboxFigures(sandbox, TOKEN);
	expect(seen.byEndpoint).toEqual({ 'custom/insert.php': { accepted: 2, refused: 1 } });
	expect(seen.accepted).toBe(2);
	expect(seen.refusals).toBe(1);
	expect(seen.used).toBe(2);
	expect(seen.maxInFlight).toBe(1);
	expect(seen.peakFromLog).toBe(1);
});

test('the peak in flight counts calls open at the same instant; one ending as another starts does not overlap it', () => {
	expect(peakOverlap([])).toBe(0);
	expect(
		peakOverlap([
			{ startedAt: 0, endedAt: 10 },
			{ startedAt: 10, endedAt: 20 },
			{ startedAt: 20, endedAt: 30 },
		]),
	).toBe(1);
	expect(
		peakOverlap([
			{ startedAt: 0, endedAt: 10 },
			{ startedAt: 5, endedAt: 15 },
			{ startedAt: 6, endedAt: 7 },
			{ startedAt: 12, endedAt: 20 },
		]),
	).toBe(3);	// A call that starts and ends within one millisecond is still in flight for that instant.
	expect(peakOverlap([{ startedAt: 4, endedAt: 4 }])).toBe(1);
});

test('duplicates lists each key that occurs more than once, once', () => {
	expect(duplicates(['a', 'b', 'a', 'c', 'a', 'b'])).toEqual(['a', 'b']);
	expect(duplicates(['a', 'b'])).toEqual([]);
});
