// @ts-check
'use strict';

/**
 * Runs the benchmark harness (scripts/bench) with its quick settings: a few dozen items, one
 * round, in a real n8n 2.41.1 against the Kula sandbox. It checks that every part produces its
 * figures, that every measured run created exactly one interview per item without an error
 * item, and that the report renders. It asserts no timing, because the machine's load decides
 * those. It needs `npm run build` and the runtime, and `npm test` provides both.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { renderBenchmarksMarkdown } = require('../../scripts/bench/markdown');
const { DEFAULT_OUTPUT, QUICK } = require('../../scripts/bench/options');
const { VARIANTS } = require('../../scripts/bench/overhead');
const { buildReportRows, formatReportTable } = require('../../scripts/bench/report');
const { runBenchmark } = require('../../scripts/bench/run');
const { assertRuntimeReady } = require('../../scripts/runtime');

const BENCH_TIMEOUT_MS = 240_000;
const LOG_LINES_ON_FAILURE = 40;

/** @type {import('../../scripts/bench/options').BenchOptions} */
const OPTIONS = { ...QUICK, quick: true, output: undefined };

/** @type {import('../../scripts/bench/report').BenchResults | undefined} */
let results;
/** Modification time of docs/BENCHMARKS.md before the run, or null when it does not exist. */
let recordMtimeBefore = /** @type {number | null} */ (null);

/** @returns {import('../../scripts/bench/report').BenchResults} */
function getResults() {
	if (!results) throw new Error('The benchmark did not finish. See the beforeAll error.');
	return results;
}

/** @param {string} file */
function mtimeOrNull(file) {
	return fs.existsSync(file) ? fs.statSync(file).mtimeMs : null;
}

/** @param {number} value */
function expectPositiveFinite(value) {
	expect(Number.isFinite(value)).toBe(true);
	expect(value).toBeGreaterThan(0);
}

beforeAll(async () => {
	assertRuntimeReady();
	recordMtimeBefore = mtimeOrNull(DEFAULT_OUTPUT);
	/** @type {string[]} */
	const logLines = [];
	try {
		results = await runBenchmark(OPTIONS, { log: (line) => logLines.push(line) });
	} catch (error) {
		const tail = logLines.slice(-LOG_LINES_ON_FAILURE).join('\n');
		throw new Error(`${error instanceof Error ? error.message : error}\nBenchmark log:\n${tail}`);
	}
}, BENCH_TIMEOUT_MS);

describe('quick benchmark', () => {
	test('each variant has overhead figures', () => {
		const { overhead } = getResults();
		expect(Object.keys(overhead.variants).sort()).toEqual([...VARIANTS].sort());
		for (const variant of VARIANTS) {
			const figures = overhead.variants[variant];
			expectPositiveFinite(figures.nodeMsPerItem.median);
			expectPositiveFinite(figures.nodeMsPerItem.min);
			expectPositiveFinite(figures.nodeMsPerItem.max);
			if (variant === 'a') expect(figures.wallMsPerItem).toBeUndefined();
			else expectPositiveFinite(/** @type {any} */ (figures.wallMsPerItem).median);
		}
	});

	test('each overhead run created every interview', () => {
		const { overhead } = getResults();
		expect(overhead.runs.map((run) => run.variant).sort()).toEqual([...VARIANTS].sort());
		for (const run of overhead.runs) {
			expect({ variant: run.variant, status: run.status }).toEqual({
				variant: run.variant,
				status: 'success',
			});
			expect(run.created).toBe(OPTIONS.items);
			expect(run.outputItems).toBe(OPTIONS.items);
			expect(run.errorItems).toBe(0);
			expect(run.createStatuses).toEqual({ 201: OPTIONS.items });
		}
	});

	test('variants send the same requests', () => {
		expect(getResults().overhead.sameRequests).toBe(true);
	});

	test('rate-limited run completes every item', () => {
		const { rateLimit } = getResults();
		expect(rateLimit.status).toBe('success');
		expect(rateLimit.created).toBe(OPTIONS.rateItems);
		expect(rateLimit.errorItems).toBe(0);
		expect(rateLimit.windows).toBe(Math.ceil(OPTIONS.rateItems / OPTIONS.rateLimit));
		expectPositiveFinite(rateLimit.minimumMs);
		expectPositiveFinite(rateLimit.nodeMs);
		expectPositiveFinite(rateLimit.ratio);
		expect(Number.isInteger(rateLimit.rateLimited)).toBe(true);
		expect(rateLimit.rateLimited).toBeGreaterThanOrEqual(0);
	});

	test('footprint figures exist', () => {
		const { footprint } = getResults();
		expectPositiveFinite(footprint.coldRequireMs.median);
		expectPositiveFinite(footprint.requireAfterWorkflowMs.median);
		expect(footprint.coldRequireMs.count).toBe(OPTIONS.requireRuns);
		expectPositiveFinite(footprint.packedBytes);
		expect(footprint.unpackedBytes).toBeGreaterThan(footprint.packedBytes);
		expectPositiveFinite(footprint.idleRssKiB);
		expect(footprint.peakRssKiB).toBeGreaterThanOrEqual(footprint.idleRssKiB);
		expect(footprint.memoryItems).toBe(OPTIONS.memoryItems);
	});

	test('trigger accepts and runs every delivery', () => {
		const { trigger } = getResults();
		expect(trigger.statusCounts).toEqual({ 200: OPTIONS.deliveries });
		expect(trigger.runsStarted).toBe(OPTIONS.deliveries);
		expectPositiveFinite(trigger.acceptedPerSecond);
		expectPositiveFinite(trigger.verifyUs);
		expectPositiveFinite(trigger.parseUs);
		expectPositiveFinite(trigger.share);
		expect(trigger.share).toBeLessThan(1);
	});

	test('report table has every row', () => {
		const rows = buildReportRows(getResults());
		const table = formatReportTable(getResults());
		expect(rows.length).toBeGreaterThan(20);
		for (const row of rows) {
			expect(row.median).not.toBe('');
			expect(row.median).not.toContain('n/a');
			expect(table).toContain(row.measure);
		}
	});

	test('markdown renders to a temp file', () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kula-bench-'));
		try {
			const file = path.join(folder, 'BENCHMARKS.md');
			fs.writeFileSync(file, renderBenchmarksMarkdown(getResults()));
			const markdown = fs.readFileSync(file, 'utf8');
			for (const heading of [
				'# Benchmarks',
				'## Machine',
				'## Results',
				'## Targets',
				'## Method',
			]) {
				expect(markdown.split('\n')).toContain(heading);
			}
			const tableLines = markdown.split('\n').filter((line) => line.startsWith('| '));
			// The header and the separator line, then one line per row.
			expect(tableLines.length).toBe(buildReportRows(getResults()).length + 2);
			expect(markdown).not.toContain('n/a');
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});

	test('docs/BENCHMARKS.md is left alone', () => {
		expect(mtimeOrNull(DEFAULT_OUTPUT)).toBe(recordMtimeBefore);
	});
});
