// The lint of n8n's verification scanner (@n8n/scan-community-package), run locally: its own ESLint config with
// inline disables ignored, over the source files it reads and over the packed tarball's JavaScript and package.json.
// (The scanner proper also needs npm provenance and the published package, which only exist after a release.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'wolkvox-scan-'));
let failed = false;
try {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const out = execFileSync(
		npm,
		['pack', '--silent', '--ignore-scripts', '--pack-destination', work],
		{ cwd: repo, encoding: 'utf8' },
	);
	const tarball = path.join(work, out.trim().split('\n').pop());
	execFileSync('tar', ['xzf', tarball, '-C', work]);
	const checks = [
		[
			'source (package.json, nodes/, credentials/)',
			await analyzePackage(repo, SOURCE_FILE_PATTERNS),
		],
		[
			'packed tarball (**/*.js, package.json)',
			await analyzePackage(path.join(work, 'package'), ['**/*.js', 'package.json']),
		],
	];
	for (const [label, result] of checks) {
		console.log(
			`${result.passed ? '✔' : '✖'} scanner lint, ${label}${result.message ? `: ${result.message}` : ''}`,
		);
		if (!result.passed) {
			failed = true;
			if (result.details) console.log(result.details);
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
