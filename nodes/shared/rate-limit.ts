import type { KulaResponse } from './types';
import { isObject } from './types';

/** Default total wait per item; Kula's rate-limit page shows retry_after: 300 as its example. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 300;

function header(response: KulaResponse, name: string): string | undefined {
	const value = response.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function positiveNumber(value: unknown): number | undefined {
	const parsed = typeof value === 'string' ? Number(value.trim()) : value;
	return typeof parsed === 'number' && Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/**
 * Returns how many seconds Kula asks us to wait after a 429, or undefined when it gives no hint.
 * Kula's rate-limit page documents `meta.retry_after` in the body and its sample code reads a
 * `Retry-After` header; `X-RateLimit-Reset` (unix seconds) is the fallback.
 */
export function retryAfterSeconds(response: KulaResponse, nowMs: number): number | undefined {
	const meta = isObject(response.body) && isObject(response.body.meta) ? response.body.meta : {};
	const fromBody = positiveNumber(meta.retry_after);
	if (fromBody !== undefined) return Math.ceil(fromBody);

	const fromHeader = positiveNumber(header(response, 'retry-after'));
	if (fromHeader !== undefined) return Math.ceil(fromHeader);

	const resetAt = positiveNumber(header(response, 'x-ratelimit-reset'));
	if (resetAt !== undefined && resetAt * 1000 > nowMs) return Math.ceil(resetAt - nowMs / 1000);

	return undefined;
}

/**
 * Keeps the account's budget that Kula's last response reported, so the next request waits for
 * the window to reset instead of getting a 429. Kula's rate-limiting page documents
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` (unix seconds) on every response. One pacer
 * lives for one run of a node. Runs in parallel share the account's budget without knowing of
 * each other, so a 429 can still arrive, and the caller then waits as long as Kula names.
 */
export class RateLimitPacer {
	private remaining: number | undefined;

	private resetAtMs: number | undefined;

	/** Records the budget that a response reports. A response without the headers changes nothing. */
	observe(response: KulaResponse): void {
		const remaining = Number(header(response, 'x-ratelimit-remaining'));
		const resetAt = positiveNumber(header(response, 'x-ratelimit-reset'));
		if (!Number.isInteger(remaining) || remaining < 0 || resetAt === undefined) return;
		this.remaining = remaining;
		this.resetAtMs = resetAt * 1000;
	}

	/** Milliseconds to wait before the next request: 0 unless the last response reported no requests left. */
	delayMs(nowMs: number): number {
		if (this.remaining !== 0 || this.resetAtMs === undefined) return 0;
		return Math.max(0, this.resetAtMs - nowMs);
	}

	/** Forgets the budget once the window it described has ended. */
	windowEnded(): void {
		this.remaining = undefined;
		this.resetAtMs = undefined;
	}
}
