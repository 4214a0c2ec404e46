/**
 * The in-process engine suite (test/engine and the engine harness's own test) against the n8n-core and n8n-workflow of a
 * cached real n8n (harness/n8n/ensureN8n.js; WOLKVOX_N8N_VERSION, default the leg DEFAULT_ROLE names in harness/n8n/matrix.js)
 * instead of the devDependencies. Run it under that n8n's Node.js: `npm test` does.
 * The node's own `import … from 'n8n-workflow'` maps to the same copy, as in a real n8n, where a community
 * package's n8n-workflow resolves to n8n's.
 */
const path = require('path');
const base = require('./jest.config');
const { runtimeFor } = require('./harness/n8n/ensureN8n');

const rt = runtimeFor();
const modules = path.join(rt.cacheDir, 'node_modules');
const coreDir = path.dirname(
	require.resolve('n8n-core/package.json', { paths: [path.join(modules, 'n8n')] }),
);
const workflowDir = path.dirname(
	require.resolve('n8n-workflow/package.json', { paths: [coreDir] }),
);
const version = (dir) => require(path.join(dir, 'package.json')).version;

if (!process.env.JEST_WORKER_ID) {
	process.stderr.write(
		`[jest.n8n] n8n ${rt.version}: n8n-core ${version(coreDir)}, n8n-workflow ${version(workflowDir)}; ` +
			`Node.js ${process.versions.node}\n`,
	);
}

module.exports = {
	...base,
	testMatch: ['<rootDir>/test/engine/**/*.test.ts', '<rootDir>/test/harness/engine/engine.test.ts'],
	moduleNameMapper: {
		'^n8n-core$': require.resolve('n8n-core', { paths: [path.dirname(coreDir)] }),
		'^n8n-workflow$': require.resolve('n8n-workflow', { paths: [coreDir] }),
	},
};
