// @ts-check
'use strict';

/**
 * Part 1, overhead: the same create requests, sent to the sandbox with its rate limit off by four
 * variants. They are the plain loop (a), the Kula Interview node with one expression per field
 * (b1) and with fields mapped automatically (b2), and n8n's HTTP Request node (c). Each round
 * runs every variant once. The order rotates by one from round to round, so every variant takes
 * every position and drift in the machine's load spreads over all of them.
 */

const { summarize } = require('./stats');
const { assertRunComplete, runN8nVariant, runPlainLoop, warmUpVariant } = require('./runs');
const { N8N_VARIANTS } = require('./workflows');

/** @type {readonly import('./runs').Variant[]} */
const VARIANTS = ['a', ...N8N_VARIANTS];
/** Rows of each variant's unmeasured warm-up run. */
const WARMUP_ROWS = 10;

/**
 * @typedef {object} VariantFigures
 * @property {import('./stats').Summary} nodeMsPerItem The node's own time (the loop's time for
 *   a), per row.
 * @property {import('./stats').Summary | undefined} wallMsPerItem The webhook call's wall time
 *   per row; undefined for a.
 *
 * @typedef {object} OverheadResult
 * @property {number} items Rows per run.
 * @property {number} rounds
 * @property {Record<import('./runs').Variant, VariantFigures>} variants
 * @property {boolean} sameRequests Whether every run of every variant sent the same requests.
 * @property {import('./runs').RunResult[]} runs Every measured run, in order.
 */

/**
 * Returns the variant order of round `round` (0-based): VARIANTS rotated left by `round`.
 *
 * @param {number} round
 */
function roundOrder(round) {
	const shift = round % VARIANTS.length;
	return [...VARIANTS.slice(shift), ...VARIANTS.slice(0, shift)];
}

/**
 * Runs the overhead comparison.
 *
 * @param {import('./rig').Rig} rig
 * @param {{ items: number, rounds: number, startBase: string, log: (line: string) => void }} options
 * @returns {Promise<OverheadResult>}
 */
async function measureOverhead(rig, { items, rounds, startBase, log }) {
	rig.sandbox.setRateLimit(false);
	for (const variant of N8N_VARIANTS) {
		log(`Warming up ${variant} with ${WARMUP_ROWS} rows`);
		await warmUpVariant(rig, variant, { count: WARMUP_ROWS, startBase });
	}

	/** @type {import('./runs').RunResult[]} */
	const runs = [];
	for (let round = 0; round < rounds; round++) {
		for (const variant of roundOrder(round)) {
			const run =
				variant === 'a'
					? await runPlainLoop(rig, { count: items, startBase })
					: await runN8nVariant(rig, variant, { count: items, startBase });
			assertRunComplete(run);
			const perItem = (run.nodeMs / items).toFixed(2);
			log(`Round ${round + 1}/${rounds}: ${variant} ${perItem} ms per item`);
			runs.push(run);
		}
	}

	const digests = new Set(runs.map((run) => run.requestDigest));
	const sameRequests = digests.size === 1 && !digests.has(null);
	if (!sameRequests) log('The variants did not all send the same create requests');

	/** @type {Partial<Record<import('./runs').Variant, VariantFigures>>} */
	const variants = {};
	for (const variant of VARIANTS) {
		const ofVariant = runs.filter((run) => run.variant === variant);
		const wallTimes = ofVariant.flatMap((run) => (run.wallMs === undefined ? [] : [run.wallMs]));
		variants[variant] = {
			nodeMsPerItem: summarize(ofVariant.map((run) => run.nodeMs / items)),
			wallMsPerItem:
				wallTimes.length === 0 ? undefined : summarize(wallTimes.map((ms) => ms / items)),
		};
	}
	return {
		items,
		rounds,
		variants: /** @type {Record<import('./runs').Variant, VariantFigures>} */ (variants),
		sameRequests,
		runs,
	};
}

module.exports = { measureOverhead, roundOrder, VARIANTS };
