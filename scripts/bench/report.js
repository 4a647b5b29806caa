// @ts-check
'use strict';

/**
 * Turns the benchmark's results into report rows (one table for the terminal and the Markdown
 * record) and checks them against the targets:
 * - b2/c at most 0.5: the node with automatic mapping costs at most half of n8n's HTTP Request
 *   node per item;
 * - the rate-limited run completes every item without an error item, within 1.1 times the
 *   minimum the limit allows, and with at most one 429 per window.
 */

const { formatTable } = require('../lib/table');
const { B1_EXPRESSION_COUNT } = require('./workflows');

/** Highest b2/c ratio that meets the overhead target. */
const MAX_B2_TO_C = 0.5;
/** Highest ratio of the rate-limited run time to the minimum the limit allows. */
const MAX_RATE_LIMIT_RATIO = 1.1;

/**
 * @typedef {object} BenchResults
 * @property {import('./machine').MachineDescription} machine
 * @property {number[]} loadAverageAtEnd
 * @property {string} finishedAt ISO 8601.
 * @property {import('./options').BenchOptions} options
 * @property {import('./overhead').OverheadResult} overhead
 * @property {import('./rate-limit').RateLimitResult} rateLimit
 * @property {import('./footprint').FootprintResult} footprint
 * @property {import('./trigger').TriggerResult} trigger
 *
 * @typedef {object} ReportRow
 * @property {string} part
 * @property {string} measure
 * @property {string} median The value, for a single figure.
 * @property {string} min
 * @property {string} max
 * @property {string} target The target and whether it was met, or empty.
 *
 * @typedef {object} TargetCheck
 * @property {string} target
 * @property {string} value
 * @property {boolean} met
 */

/**
 * @param {number} value
 * @param {number} digits
 */
function fixed(value, digits) {
	if (!Number.isFinite(value)) return 'n/a';
	// toFixed keeps the sign of a small negative value, which would print as -0.
	return value.toFixed(digits).replace(/^-(0\.?0*)$/, '$1');
}

/** @param {number} kibibytes */
function mebibytes(kibibytes) {
	return fixed(kibibytes / 1024, 0);
}

/** @param {number} bytes */
function kilobytes(bytes) {
	return fixed(bytes / 1000, 1);
}

/**
 * Returns the overhead ratios, each of the medians of the node's own time per item, and the cost
 * of one expression, estimated as the time b1 spends beyond b2 divided by b1's expressions.
 *
 * @param {import('./overhead').OverheadResult} overhead
 */
function overheadRatios(overhead) {
	const median = (/** @type {import('./runs').Variant} */ variant) =>
		overhead.variants[variant].nodeMsPerItem.median;
	return {
		b1ToC: median('b1') / median('c'),
		b2ToC: median('b2') / median('c'),
		b2ToA: median('b2') / median('a'),
		msPerExpression: (median('b1') - median('b2')) / B1_EXPRESSION_COUNT,
	};
}

/**
 * Returns whether the rate-limited run completed every item: a successful execution, one
 * interview per item and no error item.
 *
 * @param {import('./rate-limit').RateLimitResult} rateLimit
 */
function completedEveryItem(rateLimit) {
	return (
		rateLimit.status === 'success' &&
		rateLimit.errorItems === 0 &&
		rateLimit.created === rateLimit.items
	);
}

/**
 * Checks the results against the targets.
 *
 * @param {BenchResults} results
 * @returns {TargetCheck[]}
 */
function checkTargets(results) {
	const { rateLimit } = results;
	const { b2ToC } = overheadRatios(results.overhead);
	return [
		{
			target: `b2/c at most ${fixed(MAX_B2_TO_C, 2)}`,
			value: fixed(b2ToC, 2),
			met: b2ToC <= MAX_B2_TO_C,
		},
		{
			target: 'rate-limited run completes every item without an error item',
			value: `${rateLimit.created} of ${rateLimit.items} created, ${rateLimit.errorItems} error items`,
			met: completedEveryItem(rateLimit),
		},
		{
			target: `rate-limited run takes at most ${fixed(MAX_RATE_LIMIT_RATIO, 1)} times the minimum`,
			value: `${fixed(rateLimit.ratio, 2)} times`,
			met: rateLimit.ratio <= MAX_RATE_LIMIT_RATIO,
		},
		{
			target: `at most one 429 per window (${rateLimit.windows} windows)`,
			value: `${rateLimit.rateLimited} responses 429`,
			met: rateLimit.rateLimited <= rateLimit.windows,
		},
	];
}

/**
 * @param {TargetCheck} check
 * @param {string} shortTarget
 */
function verdict(check, shortTarget) {
	return `${shortTarget}: ${check.met ? 'met' : 'not met'}`;
}

/**
 * Builds the rows of the report table.
 *
 * @param {BenchResults} results
 * @returns {ReportRow[]}
 */
function buildReportRows(results) {
	const { overhead, rateLimit, footprint, trigger } = results;
	const [b2Target, completeTarget, ratioTarget, rateLimitedTarget] = checkTargets(results);
	const ratios = overheadRatios(overhead);

	/** @type {ReportRow[]} */
	const rows = [];
	/**
	 * @param {string} part
	 * @param {string} measure
	 * @param {string} value
	 * @param {string} [target]
	 */
	const single = (part, measure, value, target = '') =>
		rows.push({ part, measure, median: value, min: '', max: '', target });
	/**
	 * @param {string} part
	 * @param {string} measure
	 * @param {import('./stats').Summary} summary
	 * @param {number} digits
	 */
	const spread = (part, measure, summary, digits) =>
		rows.push({
			part,
			measure,
			median: fixed(summary.median, digits),
			min: fixed(summary.min, digits),
			max: fixed(summary.max, digits),
			target: '',
		});

	const overheadPart = `1 overhead, ${overhead.items} creates x ${overhead.rounds}`;
	const variants = overhead.variants;
	spread(overheadPart, '(a) plain Node.js loop, keep-alive, ms/item', variants.a.nodeMsPerItem, 2);
	/** @type {Array<[import('./workflows').N8nVariant, string]>} */
	const n8nVariants = [
		['b1', `(b1) Kula Interview, ${B1_EXPRESSION_COUNT} expressions`],
		['b2', '(b2) Kula Interview, auto-mapped'],
		['c', '(c) HTTP Request node, one JSON expression'],
	];
	for (const [variant, label] of n8nVariants) {
		spread(overheadPart, `${label}: node ms/item`, variants[variant].nodeMsPerItem, 2);
		const wall = variants[variant].wallMsPerItem;
		if (wall) spread(overheadPart, `${label}: webhook call ms/item`, wall, 2);
	}
	single(overheadPart, 'b1/c (node time)', fixed(ratios.b1ToC, 2));
	single(overheadPart, 'b2/c (node time)', fixed(ratios.b2ToC, 2), verdict(b2Target, '<= 0.50'));
	single(overheadPart, 'b2/a (node time)', fixed(ratios.b2ToA, 2));
	single(overheadPart, '(b1 - b2) per expression, ms/item', fixed(ratios.msPerExpression, 2));
	single(overheadPart, 'same requests from every variant', overhead.sameRequests ? 'yes' : 'no');

	const ratePart = `2 rate limit, ${rateLimit.items} items, ${rateLimit.limit}/${rateLimit.windowSeconds} s`;
	single(ratePart, 'node run time, s', fixed(rateLimit.nodeMs / 1000, 1));
	single(ratePart, 'minimum the limit allows, s', fixed(rateLimit.minimumMs / 1000, 1));
	single(
		ratePart,
		'run time / minimum',
		fixed(rateLimit.ratio, 2),
		verdict(ratioTarget, '<= 1.10'),
	);
	single(
		ratePart,
		'429 responses',
		String(rateLimit.rateLimited),
		verdict(rateLimitedTarget, `<= ${rateLimit.windows}`),
	);
	single(
		ratePart,
		'interviews created / error items',
		`${rateLimit.created} / ${rateLimit.errorItems}`,
		verdict(completeTarget, `${rateLimit.items} / 0`),
	);

	const footprintPart = '3 footprint';
	spread(footprintPart, 'require dist/index.js, fresh process, ms', footprint.coldRequireMs, 1);
	spread(
		footprintPart,
		'require dist/index.js after n8n-workflow, ms',
		footprint.requireAfterWorkflowMs,
		1,
	);
	single(footprintPart, 'packed size, kB', kilobytes(footprint.packedBytes));
	single(
		footprintPart,
		`unpacked size, kB (${footprint.packedFiles} files)`,
		kilobytes(footprint.unpackedBytes),
	);
	single(
		footprintPart,
		'n8n main process RSS before the run, MiB',
		mebibytes(footprint.idleRssKiB),
	);
	single(
		footprintPart,
		`n8n RSS peak with ${footprint.memoryItems} items (b2), MiB`,
		mebibytes(footprint.peakRssKiB),
	);
	single(
		footprintPart,
		'peak minus before, MiB',
		mebibytes(footprint.peakRssKiB - footprint.idleRssKiB),
	);

	const triggerPart = `4 trigger, ${trigger.deliveries} deliveries, ${trigger.concurrency} at once`;
	const statuses = Object.entries(trigger.statusCounts)
		.map(([status, count]) => `${count} x ${status}`)
		.join(', ');
	single(triggerPart, 'deliveries accepted per second', fixed(trigger.acceptedPerSecond, 0));
	single(triggerPart, 'responses', statuses);
	single(triggerPart, 'runs started', `${trigger.runsStarted} of ${trigger.deliveries}`);
	single(
		triggerPart,
		'signature check + envelope parse, us/delivery',
		fixed(trigger.verifyUs + trigger.parseUs, 1),
	);
	single(triggerPart, 'share of n8n time per delivery, %', fixed(trigger.share * 100, 2));
	return rows;
}

const HEADERS = ['Part', 'Measure', 'Median', 'Min', 'Max', 'Target'];

/**
 * @param {ReportRow} row
 * @returns {string[]}
 */
function rowCells(row) {
	return [row.part, row.measure, row.median, row.min, row.max, row.target];
}

/**
 * Returns the report's cells row by row, with each part's name on its first row only.
 *
 * @param {BenchResults} results
 * @returns {string[][]}
 */
function reportCells(results) {
	const rows = buildReportRows(results);
	return rows.map((row, index) => {
		const cells = rowCells(row);
		if (index > 0 && rows[index - 1].part === row.part) cells[0] = '';
		return cells;
	});
}

/**
 * Formats the report as a plain-text table.
 *
 * @param {BenchResults} results
 */
function formatReportTable(results) {
	return formatTable(HEADERS, reportCells(results));
}

module.exports = {
	HEADERS,
	reportCells,
	overheadRatios,
	checkTargets,
	buildReportRows,
	formatReportTable,
};
