// @ts-check
'use strict';

/**
 * Part 2, rate limit: one run of the Kula Interview node with fields mapped automatically (b2)
 * against the sandbox limited to a scaled window, with Kula's X-RateLimit-* headers and
 * `retry_after`. The sandbox's window is fixed and opens with the first request, so `limit`
 * requests can go at once and each later batch of `limit` a whole window after the previous
 * one. The minimum time the limit allows is therefore (ceil(items / limit) − 1) × window.
 */

const { runN8nVariant } = require('./runs');

/**
 * @typedef {object} RateLimitResult
 * @property {number} items
 * @property {number} limit Requests per window.
 * @property {number} windowSeconds
 * @property {number} windows Windows the items need: ceil(items / limit).
 * @property {number} minimumMs (windows − 1) × window.
 * @property {number} nodeMs The node's own time from n8n's run data.
 * @property {number} wallMs The webhook call's wall time.
 * @property {number} ratio nodeMs / minimumMs.
 * @property {number} rateLimited Create calls that got 429.
 * @property {string} status n8n's execution status.
 * @property {number} errorItems
 * @property {string | undefined} firstError
 * @property {number} created Interviews in the sandbox after the run.
 */

/**
 * Runs the rate-limit measurement and switches the limit off again afterwards. Unlike the other
 * parts it returns a failed run too, because completing every item is one of its targets.
 *
 * @param {import('./rig').Rig} rig
 * @param {{ items: number, limit: number, windowSeconds: number, startBase: string, log: (line: string) => void }} options
 * @returns {Promise<RateLimitResult>}
 */
async function measureRateLimit(rig, { items, limit, windowSeconds, startBase, log }) {
	const windows = Math.ceil(items / limit);
	if (windows < 2) {
		throw new Error(
			`The rate-limit measurement needs more items (${items}) than the limit (${limit}) allows in one window`,
		);
	}
	const minimumMs = (windows - 1) * windowSeconds * 1000;
	log(
		`Rate limit ${limit} per ${windowSeconds} s: ${items} items through b2, at least ${minimumMs / 1000} s`,
	);

	rig.sandbox.setRateLimit({ limit, windowSeconds });
	try {
		const run = await runN8nVariant(rig, 'b2', { count: items, startBase });
		const wallMs = /** @type {number} */ (run.wallMs);
		return {
			items,
			limit,
			windowSeconds,
			windows,
			minimumMs,
			nodeMs: run.nodeMs,
			wallMs,
			ratio: run.nodeMs / minimumMs,
			rateLimited: run.createStatuses['429'] ?? 0,
			status: run.status,
			errorItems: run.errorItems,
			firstError: run.firstError,
			created: run.created,
		};
	} finally {
		rig.sandbox.setRateLimit(false);
	}
}

module.exports = { measureRateLimit };
