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
