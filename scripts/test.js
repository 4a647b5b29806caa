// @ts-check
'use strict';

/**
 * `npm test`: installs the pinned n8n runtime if needed (the end-to-end tests need it), builds the
 * package, then runs jest with any extra arguments, e.g. `npm test -- test/e2e`.
 */

const childProcess = require('node:child_process');
const path = require('node:path');

const { REPO_ROOT } = require('./lib/paths');
const { ensureRuntime } = require('./runtime');

async function main() {
	await ensureRuntime();

	const build = childProcess.spawnSync('npm', ['run', 'build'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	if (build.status !== 0) return build.status ?? 1;

	const jest = path.join(REPO_ROOT, 'node_modules', '.bin', 'jest');
	const tests = childProcess.spawnSync(jest, process.argv.slice(2), {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	return tests.status ?? 1;
}

main().then(
	(exitCode) => {
		process.exitCode = exitCode;
	},
	(error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	},
);
