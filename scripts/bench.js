// @ts-check
'use strict';

/**
 * `npm run bench`: measures the Kula nodes in a real n8n against the Kula sandbox, prints one
 * table and writes it with the machine's description to docs/BENCHMARKS.md. Installs the pinned
 * n8n runtime when it is missing and builds the package first, as `npm test` does.
 *
 * Usage: npm run bench [-- --quick] [-- --help for every option]
 */

const fs = require('node:fs');
const path = require('node:path');

const { REPO_ROOT } = require('./lib/paths');
const { runCommandOrThrow } = require('./lib/process');
const { createStepLogger } = require('./lib/progress');
const { renderBenchmarksMarkdown } = require('./bench/markdown');
const { parseBenchOptions } = require('./bench/options');
const { formatReportTable } = require('./bench/report');
const { runBenchmark } = require('./bench/run');
const { ensureRuntime } = require('./runtime');
const { runMain } = require('./lib/main');

const log = createStepLogger('bench');

async function main() {
	const options = parseBenchOptions(process.argv.slice(2));
	if (!options) return 0;

	log('Checking the pinned n8n runtime');
	await ensureRuntime({ log: (line) => log(`runtime: ${line}`) });
	log('Building the package (npm run build)');
	await runCommandOrThrow('npm', ['run', 'build'], { cwd: REPO_ROOT, timeoutMs: 300_000 });

	const results = await runBenchmark(options, { log });
	console.log(`\n${formatReportTable(results)}\n`);
	if (options.output) {
		fs.mkdirSync(path.dirname(options.output), { recursive: true });
		fs.writeFileSync(options.output, renderBenchmarksMarkdown(results));
		log(`Wrote ${path.relative(REPO_ROOT, options.output)}`);
	}
	return 0;
}

runMain(main, () => log('Failed'));
