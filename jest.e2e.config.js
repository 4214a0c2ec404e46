/** The real-n8n end-to-end suite: the packed package installed into a pinned n8n, run headlessly. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	testTimeout: 600000,
	maxWorkers: 1,
};
