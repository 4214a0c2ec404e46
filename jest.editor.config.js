/** The editor suite: the packed package in a real n8n editor, driven in headless Chromium (harness/editor). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/editor'],
	testMatch: ['**/*.e2e.test.js'],
	testTimeout: 600000,
	maxWorkers: 1,
};
