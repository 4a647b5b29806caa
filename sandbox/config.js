// @ts-check
'use strict';

/**
 * @typedef {object} RateLimitSetting
 * @property {number} limit requests allowed per window and account
 * @property {number} windowSeconds window length in seconds
 */

/** @typedef {'newest' | 'older'} DurationRuleName */

/**
 * Settings that tests and `PUT /_sandbox/config` may change while the sandbox runs.
 * @typedef {object} SandboxConfig
 * @property {RateLimitSetting | false} rateLimit false switches rate limiting off
 * @property {number} provisionDelayMs delay before a created interview's conference URL is set
 * @property {DurationRuleName} durationRule which MCP schema version's duration rule applies
 */

/** D5 (developers.kula.ai "Rate limiting"): 1,000 requests per hour per account. */
const DEFAULT_RATE_LIMIT = Object.freeze({ limit: 1000, windowSeconds: 3600 });

/**
 * ASSUMPTION: D6 (developers.kula.ai "Create an interview") states only that the conference URL
 * is "populated within a few seconds".
 */
const DEFAULT_PROVISION_DELAY_MS = 1500;

/** @type {readonly DurationRuleName[]} */
const DURATION_RULE_NAMES = ['newest', 'older'];

/**
 * Validates a rate-limit setting and returns a copy. Throws a TypeError that names the value.
 * @param {unknown} value
 * @returns {RateLimitSetting | false}
 */
function normalizeRateLimit(value) {
	if (value === false) {
		return false;
	}
	if (value === null || typeof value !== 'object') {
		throw new TypeError(
			`rateLimit must be false or { limit, windowSeconds }, got ${JSON.stringify(value)}`,
		);
	}
	const { limit, windowSeconds } = /** @type {Record<string, unknown>} */ (value);
	if (!Number.isSafeInteger(limit) || /** @type {number} */ (limit) < 1) {
		throw new TypeError(`rateLimit.limit must be a positive integer, got ${String(limit)}`);
	}
	if (!Number.isSafeInteger(windowSeconds) || /** @type {number} */ (windowSeconds) < 1) {
		throw new TypeError(
			`rateLimit.windowSeconds must be a positive integer, got ${String(windowSeconds)}`,
		);
	}
	return {
		limit: /** @type {number} */ (limit),
		windowSeconds: /** @type {number} */ (windowSeconds),
	};
}

/**
 * Parses the CLI form of a rate limit: `<limit>/<windowSeconds>` or `off`.
 * @param {string} text
 * @returns {RateLimitSetting | false}
 */
function parseRateLimitText(text) {
	if (text === 'off') {
		return false;
	}
	const match = /^(\d+)\/(\d+)$/.exec(text);
	if (!match) {
		throw new TypeError(`rate limit must look like 1000/3600 or off, got "${text}"`);
	}
	return normalizeRateLimit({ limit: Number(match[1]), windowSeconds: Number(match[2]) });
}

/** Maximum provisioning delay the sandbox accepts: one hour. */
const MAX_PROVISION_DELAY_MS = 3_600_000;

/**
 * @param {unknown} value
 * @returns {number}
 */
function normalizeProvisionDelay(value) {
	// Node's timers fire at once for delays past about 24.8 days; one hour is plenty for a sandbox.
	if (
		!Number.isSafeInteger(value) ||
		/** @type {number} */ (value) < 0 ||
		/** @type {number} */ (value) > MAX_PROVISION_DELAY_MS
	) {
		throw new TypeError(
			`provisionDelayMs must be an integer from 0 to ${MAX_PROVISION_DELAY_MS} milliseconds, got ${String(value)}`,
		);
	}
	return /** @type {number} */ (value);
}

/**
 * @param {unknown} value
 * @returns {DurationRuleName}
 */
function normalizeDurationRule(value) {
	const match = DURATION_RULE_NAMES.find((name) => name === value);
	if (match === undefined) {
		throw new TypeError(
			`durationRule must be one of ${DURATION_RULE_NAMES.join(', ')}, got ${String(value)}`,
		);
	}
	return match;
}

/**
 * Builds the starting configuration from `startSandbox` options, filling in the defaults.
 * @param {{ rateLimit?: unknown, provisionDelayMs?: unknown, durationRule?: unknown }} options
 * @returns {SandboxConfig}
 */
function createConfig(options) {
	return {
		rateLimit: normalizeRateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT),
		provisionDelayMs: normalizeProvisionDelay(
			options.provisionDelayMs ?? DEFAULT_PROVISION_DELAY_MS,
		),
		durationRule: normalizeDurationRule(options.durationRule ?? 'newest'),
	};
}

module.exports = {
	DEFAULT_RATE_LIMIT,
	DEFAULT_PROVISION_DELAY_MS,
	DURATION_RULE_NAMES,
	createConfig,
	normalizeRateLimit,
	normalizeProvisionDelay,
	normalizeDurationRule,
	parseRateLimitText,
};
