#!/usr/bin/env node
'use strict';
/**
 * Command line for the wolkvox sandbox (`npm run sandbox -- --port 8787`).
 *
 * Prints `wolkvox sandbox listening on http://HOST:PORT` and, on the next line, one JSON line
 * `{"url":...,"port":...,"apiBase":...,"tokens":[{fingerprint,operation,quota}]}` for a parent process.
 * Tokens are never printed, only their fingerprints. Stops cleanly (exit 0) on SIGINT / SIGTERM.
 */

const { startSandbox, DEFAULT_TOKEN, DEFAULT_OPERATION, DEFAULT_QUOTA } = require('./server.js');

const USAGE = `Usage: node harness/sandbox/cli.js [options]

  --port N             port to listen on (default 0 = a free port)
  --host H             interface (default 127.0.0.1)
  --token T            accepted Wolkvox-Token; repeatable (default ${DEFAULT_TOKEN})
  --operation NAME     CRM operation the tokens belong to (default ${DEFAULT_OPERATION})
  --quota N            daily quota of each token (default ${DEFAULT_QUOTA})
  --latency MS         artificial latency of each accepted call (default 3)
  --max-in-flight N    simultaneous requests allowed per token (default 2, the vendor's rule)
  --record-bodies V    true | false | summary (default true)
  --fault JSON         a fault to inject from the start, e.g. '{"mode":"status","status":502}'
                       (modes in harness/sandbox/README.md; switch it off with POST /__sandbox/config {"fault":null})
  --verbose            one line per API call on stderr (never the token)
  --help               this text
`;

/**
 * @param {string[]} argv
 * @returns {{ opts: import('./server.js').SandboxOptions, help: boolean }}
 */
function parseArgs(argv) {
	/** @type {string[]} */
	const tokens = [];
	let operation = DEFAULT_OPERATION;
	let quota = DEFAULT_QUOTA;
	/** @type {import('./server.js').SandboxOptions} */
	const opts = {};
	let help = false;
	for (let i = 0; i < argv.length; i++) {
		let arg = argv[i];
		/** @type {string|undefined} */
		let inline;
		const eq = arg.indexOf('=');
		if (arg.startsWith('--') && eq > 0) {
			inline = arg.slice(eq + 1);
			arg = arg.slice(0, eq);
		}
		const value = () => {
			if (inline !== undefined) return inline;
			const v = argv[++i];
			if (v === undefined) throw new Error(`${arg} needs a value`);
			return v;
		};
		const num = () => {
			const raw = value();
			const n = Number(raw);
			if (!Number.isFinite(n) || n < 0) throw new Error(`${arg} needs a non-negative number, got ${raw}`);
			return n;
		};
		switch (arg) {
			case '--port':
				opts.port = num();
				break;
			case '--host':
				opts.host = value();
				break;
			case '--token':
				tokens.push(value());
				break;
			case '--operation':
				operation = value();
				break;
			case '--quota':
				quota = num();
				break;
			case '--latency':
				opts.latencyMs = num();
				break;
			case '--max-in-flight':
				opts.maxInFlightPerToken = num();
				break;
			case '--record-bodies': {
				const v = value();
				if (v !== 'true' && v !== 'false' && v !== 'summary') throw new Error('--record-bodies is true, false or summary');
				opts.recordBodies = v === 'summary' ? 'summary' : v === 'true';
				break;
			}
			case '--fault': {
				const raw = value();
				try {
					opts.fault = JSON.parse(raw);
				} catch {
					throw new Error(`--fault needs a JSON object such as {"mode":"status","status":502}, got ${raw}`);
				}
				break;
			}
			case '--verbose':
				opts.log = (line) => process.stderr.write(`[wolkvox-sandbox] ${line}\n`);
				break;
			case '--help':
			case '-h':
				help = true;
				break;
			default:
				throw new Error(`unknown option ${arg}`);
		}
	}
	if (tokens.length === 0) tokens.push(DEFAULT_TOKEN);
	opts.tokens = Object.fromEntries(tokens.map((t) => [t, { operation, quota }]));
	return { opts, help };
}

async function main() {
	let parsed;
	try {
		parsed = parseArgs(process.argv.slice(2));
	} catch (err) {
		process.stderr.write(`${/** @type {Error} */ (err).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (parsed.help) {
		process.stdout.write(USAGE);
		return;
	}
	const sandbox = await startSandbox(parsed.opts);
	process.stdout.write(`wolkvox sandbox listening on ${sandbox.url}\n`);
	process.stdout.write(
		JSON.stringify({
			url: sandbox.url,
			port: sandbox.port,
			apiBase: sandbox.apiBase,
			tokens: sandbox.config().tokens.map(({ fingerprint, operation, quota }) => ({ fingerprint, operation, quota })),
		}) + '\n',
	);

	let stopping = false;
	/** @param {string} signal */
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`[wolkvox-sandbox] ${signal}: stopping\n`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(0),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((err) => {
		process.stderr.write(`wolkvox sandbox failed to start: ${err && err.message}\n`);
		process.exit(1);
	});
}

module.exports = { parseArgs };
