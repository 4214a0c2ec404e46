#!/usr/bin/env node
// The whole test suite, as the README's test command and CI run it (harness/testSuite.js): lint, types, build, the
// scanner's lint, the unit and engine suites, then the engine and end-to-end suites in a real n8n. On a fresh clone
// it installs what it needs first.
//
//   npm test                  the default leg of the test matrix (harness/n8n/matrix.js)
//   npm test -- --matrix      also the end-to-end suite on the other leg (.ci/run)
//
// WOLKVOX_SKIP_E2E=1 skips the n8n steps (quick local runs); CI never sets it.
'use strict';

const { runTestSuite } = require('../harness/testSuite');

runTestSuite({ allLegs: process.argv.slice(2).includes('--matrix') }).catch((e) => {
	console.error(e);
	process.exit(1);
});
