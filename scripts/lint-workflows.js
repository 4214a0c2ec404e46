#!/usr/bin/env node
// Checks every GitHub Actions workflow in .github/workflows against the workflow schema (@action-validator/cli,
// which takes one file per call). They cannot run here; this catches a wrong key or shape before a push does.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const dir = path.join(root, '.github', 'workflows');
const validator = path.join(root, 'node_modules', '.bin', 'action-validator');
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
let failed = 0;
for (const file of files) {
	const r = spawnSync(validator, [path.join(dir, file)], { encoding: 'utf8' });
	if (r.status === 0) console.log(`✔ ${path.join('.github/workflows', file)}`);
	else {
		failed++;
		console.error(`✖ ${path.join('.github/workflows', file)}\n${r.stdout}${r.stderr}`);
	}
}
if (!files.length) console.error('no workflow files found');
process.exit(failed || !files.length ? 1 : 0);
