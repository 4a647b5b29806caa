// @ts-check
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	// Type errors are reported by `npm run typecheck`; ts-jest only transpiles, which is faster.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
	// Only test/ is crawled: the n8n runtime under .n8n-runtime/ contains hundreds of thousands of
	// files that jest's file map would otherwise index.
	roots: ['<rootDir>/test'],
	testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.js'],
	globalSetup: '<rootDir>/test/global-setup.js',
	globalTeardown: '<rootDir>/test/global-teardown.js',
	setupFiles: ['<rootDir>/test/setup-env.js'],
	testTimeout: 30000,
};
