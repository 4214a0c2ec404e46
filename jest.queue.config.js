/** The queue-mode suite: n8n start + workers on redis-server and PostgreSQL, the packed package in each (slow: CI only). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.e2e.test.js'],
	testTimeout: 900000,
	maxWorkers: 1,
};
