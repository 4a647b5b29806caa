// @ts-check
'use strict';

/**
 * Kula's rate limit (D5, developers.kula.ai "Rate limiting"): a request budget per account,
 * shared by every key of that account, reported in `X-RateLimit-*` headers on every response.
 *
 * ASSUMPTION: a fixed window. A window opens with the first counted request and lasts
 * `windowSeconds`. D5 does not say whether Kula uses fixed or sliding windows.
 */

/** @typedef {import('./config').RateLimitSetting} RateLimitSetting */

/**
 * @typedef {object} RateLimitState
 * @property {boolean} allowed whether the request may be processed
 * @property {number} limit
 * @property {number} remaining requests left in the window, never below 0
 * @property {number} resetAtMs when the window ends, in epoch milliseconds
 */

class FixedWindowRateLimiter {
	/**
	 * @param {RateLimitSetting | false} setting false switches rate limiting off
	 * @param {() => number} [now] clock in epoch milliseconds
	 */
	constructor(setting, now = Date.now) {
		this.setting = setting;
		this.now = now;
		/** @type {Map<number, { startMs: number, count: number }>} */
		this.windows = new Map();
	}

	/**
	 * Replaces the setting and drops every open window.
	 * @param {RateLimitSetting | false} setting
	 */
	configure(setting) {
		this.setting = setting;
		this.reset();
	}

	reset() {
		this.windows.clear();
	}

	windowMs() {
		return this.setting === false ? 0 : this.setting.windowSeconds * 1000;
	}

	/**
	 * Counts one request against the account and returns the state after it. A request over
	 * the limit is not counted, so `remaining` stays 0 until the window ends.
	 * @param {number} accountId
	 * @returns {RateLimitState | null} null when rate limiting is off
	 */
	consume(accountId) {
		const state = this.peek(accountId);
		if (state === null || !state.allowed) {
			return state;
		}
		const window = this.activeWindow(accountId) ?? this.openWindow(accountId);
		window.count += 1;
		return {
			allowed: true,
			limit: state.limit,
			remaining: state.remaining - 1,
			resetAtMs: window.startMs + this.windowMs(),
		};
	}

	/**
	 * Returns the account's state without counting a request. `allowed` is whether one more
	 * request would be processed.
	 * @param {number} accountId
	 * @returns {RateLimitState | null} null when rate limiting is off
	 */
	peek(accountId) {
		if (this.setting === false) {
			return null;
		}
		const current = this.activeWindow(accountId);
		const count = current?.count ?? 0;
		const startMs = current?.startMs ?? this.now();
		return {
			allowed: count < this.setting.limit,
			limit: this.setting.limit,
			remaining: Math.max(0, this.setting.limit - count),
			resetAtMs: startMs + this.windowMs(),
		};
	}

	/**
	 * Returns the account's open window, or undefined when none is open. Drops an expired window.
	 * @param {number} accountId
	 */
	activeWindow(accountId) {
		const window = this.windows.get(accountId);
		if (!window || this.setting === false) {
			return undefined;
		}
		if (this.now() >= window.startMs + this.windowMs()) {
			this.windows.delete(accountId);
			return undefined;
		}
		return window;
	}

	/**
	 * Opens a new window for the account, starting now.
	 * @param {number} accountId
	 */
	openWindow(accountId) {
		const window = { startMs: this.now(), count: 0 };
		this.windows.set(accountId, window);
		return window;
	}
}

/**
 * Builds the D5 headers. `X-RateLimit-Reset` is the window's end in unix seconds.
 * @param {RateLimitState} state
 * @returns {Record<string, string>}
 */
function rateLimitHeaders(state) {
	return {
		'X-RateLimit-Limit': String(state.limit),
		'X-RateLimit-Remaining': String(state.remaining),
		'X-RateLimit-Reset': String(Math.ceil(state.resetAtMs / 1000)),
	};
}

/**
 * Returns whole seconds until the window ends, at least 1, for `meta.retry_after` and the
 * `Retry-After` header (D5).
 * @param {RateLimitState} state
 * @param {number} nowMs
 */
function retryAfterSeconds(state, nowMs) {
	return Math.max(1, Math.ceil((state.resetAtMs - nowMs) / 1000));
}

module.exports = { FixedWindowRateLimiter, rateLimitHeaders, retryAfterSeconds };
