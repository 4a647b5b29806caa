// @ts-check
'use strict';

/**
 * Command-line options of `npm run bench`. The defaults are the full benchmark; `--quick` is a
 * small version for checking that the harness works; its figures are too small to compare.
 */

const path = require('node:path');
const { parseArgs } = require('node:util');

const { REPO_ROOT } = require('../lib/paths');

/** Output file of the full benchmark. */
const DEFAULT_OUTPUT = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');

/**
 * @typedef {object} BenchOptions
 * @property {number} items Rows per overhead run.
 * @property {number} rounds Overhead rounds; each runs every variant once.
 * @property {number} rateItems Items of the rate-limit run.
 * @property {number} rateLimit Requests per window in the rate-limit run.
 * @property {number} rateWindowSeconds
 * @property {number} memoryItems Items of the memory run.
 * @property {number} requireRuns Fresh processes per require timing.
 * @property {number} deliveries Deliveries sent to the Kula Trigger.
 * @property {number} concurrency Deliveries in flight at once.
 * @property {number} checkIterations Loop length of the in-process signature and parse timing.
 * @property {string} expressionEngine N8N_EXPRESSION_ENGINE for n8n.
 * @property {boolean} quick
 * @property {string | undefined} output Markdown file to write, or undefined to write none.
 */

/** @type {Omit<BenchOptions, 'quick' | 'output'>} */
const FULL = {
	items: 1000,
	rounds: 5,
	rateItems: 300,
	rateLimit: 100,
	rateWindowSeconds: 10,
	memoryItems: 10_000,
	requireRuns: 7,
	deliveries: 500,
	concurrency: 8,
	checkIterations: 10_000,
	expressionEngine: 'vm',
};

/** @type {Omit<BenchOptions, 'quick' | 'output'>} */
const QUICK = {
	items: 30,
	rounds: 1,
	rateItems: 25,
	rateLimit: 10,
	rateWindowSeconds: 2,
	memoryItems: 200,
	requireRuns: 2,
	deliveries: 40,
	concurrency: 4,
	checkIterations: 1000,
	expressionEngine: 'vm',
};

const USAGE = `Usage: npm run bench -- [options]

Runs the benchmark against a real n8n and the Kula sandbox on 127.0.0.1, prints one table, and
writes it with the machine's description to docs/BENCHMARKS.md.

  --quick                  small counts to check the harness (about a minute); writes no file
                           unless --output is given
  --items N                rows per overhead run (${FULL.items})
  --rounds N               overhead rounds (${FULL.rounds})
  --rate-items N           items of the rate-limit run (${FULL.rateItems})
  --rate-limit L/S         L requests per S seconds in the rate-limit run (${FULL.rateLimit}/${FULL.rateWindowSeconds})
  --memory-items N         items of the memory run (${FULL.memoryItems})
  --require-runs N         fresh processes per require timing (${FULL.requireRuns})
  --deliveries N           deliveries sent to the Kula Trigger (${FULL.deliveries})
  --concurrency N          deliveries in flight at once (${FULL.concurrency})
  --expression-engine E    n8n's expression engine, vm (n8n's default) or legacy
  --output FILE            Markdown file to write (docs/BENCHMARKS.md; the quick run writes none)
  --no-output              write no file
  --help                   show this text`;

/**
 * Parses a whole number of at least `min` from a flag's value.
 *
 * @param {string} flag
 * @param {string} value
 * @param {number} min
 */
function parseCount(flag, value, min) {
	if (!/^\d+$/.test(value) || Number(value) < min) {
		throw new Error(`--${flag} must be a whole number of at least ${min}, got "${value}"`);
	}
	return Number(value);
}

/**
 * Parses the command line. Returns undefined for --help, after printing the usage.
 *
 * @param {string[]} argv Arguments after the script name.
 * @returns {BenchOptions | undefined}
 */
function parseBenchOptions(argv) {
	const { values } = parseArgs({
		args: argv,
		strict: true,
		options: {
			quick: { type: 'boolean', default: false },
			items: { type: 'string' },
			rounds: { type: 'string' },
			'rate-items': { type: 'string' },
			'rate-limit': { type: 'string' },
			'memory-items': { type: 'string' },
			'require-runs': { type: 'string' },
			deliveries: { type: 'string' },
			concurrency: { type: 'string' },
			'expression-engine': { type: 'string' },
			output: { type: 'string' },
			'no-output': { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return undefined;
	}

	const quick = values.quick === true;
	const options = { ...(quick ? QUICK : FULL) };
	if (values.items !== undefined) options.items = parseCount('items', values.items, 1);
	if (values.rounds !== undefined) options.rounds = parseCount('rounds', values.rounds, 1);
	if (values['rate-items'] !== undefined) {
		options.rateItems = parseCount('rate-items', values['rate-items'], 2);
	}
	if (values['rate-limit'] !== undefined) {
		const match = /^(\d+)\/(\d+)$/.exec(values['rate-limit']);
		if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
			throw new Error(`--rate-limit must look like 100/10, got "${values['rate-limit']}"`);
		}
		options.rateLimit = Number(match[1]);
		options.rateWindowSeconds = Number(match[2]);
	}
	if (values['memory-items'] !== undefined) {
		options.memoryItems = parseCount('memory-items', values['memory-items'], 1);
	}
	if (values['require-runs'] !== undefined) {
		options.requireRuns = parseCount('require-runs', values['require-runs'], 1);
	}
	if (values.deliveries !== undefined) {
		options.deliveries = parseCount('deliveries', values.deliveries, 1);
	}
	if (values.concurrency !== undefined) {
		options.concurrency = parseCount('concurrency', values.concurrency, 1);
	}
	if (values['expression-engine'] !== undefined) {
		if (!['vm', 'legacy'].includes(values['expression-engine'])) {
			throw new Error(
				`--expression-engine must be vm or legacy, got "${values['expression-engine']}"`,
			);
		}
		options.expressionEngine = values['expression-engine'];
	}
	if (options.rateItems <= options.rateLimit) {
		throw new Error(
			`--rate-items (${options.rateItems}) must exceed the rate limit (${options.rateLimit}), or the limit is never reached`,
		);
	}

	let output = quick ? undefined : DEFAULT_OUTPUT;
	if (values.output !== undefined) output = path.resolve(values.output);
	if (values['no-output']) output = undefined;
	return { ...options, quick, output };
}

module.exports = { parseBenchOptions, FULL, QUICK, DEFAULT_OUTPUT };
