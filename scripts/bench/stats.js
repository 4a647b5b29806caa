// @ts-check
'use strict';

/**
 * @typedef {object} Summary
 * @property {number} median
 * @property {number} min
 * @property {number} max
 * @property {number} count How many values were summarized.
 */

/**
 * Summarizes values by their median, minimum and maximum. The median of an even count is the
 * mean of the two middle values. Throws on an empty list, because a missing figure must not
 * read as zero.
 *
 * @param {number[]} values
 * @returns {Summary}
 */
function summarize(values) {
	if (values.length === 0) throw new Error('Cannot summarize an empty list of measurements');
	const sorted = [...values].sort((left, right) => left - right);
	const middle = Math.floor(sorted.length / 2);
	const median =
		sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], count: sorted.length };
}

module.exports = { summarize };
