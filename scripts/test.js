// @ts-check
'use strict';

/**
 * `npm test`: installs the pinned n8n runtime and the Debian packages chromium, redis-server and
 * postgresql if needed (the end-to-end, browser and queue-mode tests need them), builds the
 * package, then runs jest with any extra arguments, e.g. `npm test -- test/e2e`.
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { CHROMIUM_REQUIREMENT } = require('./lib/chromium');
const { ensureDebianPackages } = require('./lib/debian-packages');
const { REPO_ROOT } = require('./lib/paths');
const { POSTGRES_REQUIREMENT } = require('./lib/postgres-server');
const { REDIS_REQUIREMENT } = require('./lib/redis-server');
const { ensureRuntime } = require('./runtime');
const { runMain } = require('./lib/main');

async function main() {
	await ensureRuntime();
	ensureDebianPackages([CHROMIUM_REQUIREMENT, REDIS_REQUIREMENT, POSTGRES_REQUIREMENT], (line) =>
		console.log(`[test] ${line}`),
	);

	const build = childProcess.spawnSync('npm', ['run', 'build'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	if (build.status !== 0) return build.status ?? 1;

	const jest = path.join(REPO_ROOT, 'node_modules', '.bin', 'jest');
	const resultsFile = path.join(REPO_ROOT, '.tmp', 'jest-results.json');
	fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
	fs.rmSync(resultsFile, { force: true });
	const tests = childProcess.spawnSync(
		jest,
		[...process.argv.slice(2), '--json', `--outputFile=${resultsFile}`],
		{ cwd: REPO_ROOT, stdio: 'inherit' },
	);
	printSummary(resultsFile);
	return tests.status ?? 1;
}

/**
 * Prints jest's counts as one plain closing line, "N passed, N failed, N skipped", which CI
 * tooling reads more easily than jest's own summary table.
 *
 * @param {string} resultsFile
 */
function printSummary(resultsFile) {
	if (!fs.existsSync(resultsFile)) return;
	const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
	const skipped = results.numPendingTests + results.numTodoTests;
	console.log(
		`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
	);
}

runMain(main);
