import { kulaApiError, kulaNetworkError } from '../../nodes/shared/errors';
import { retryAfterSeconds } from '../../nodes/shared/rate-limit';
import type { KulaResponse } from '../../nodes/shared/types';
import { interviewNode } from './fixtures';

const node = interviewNode;

function response(statusCode: number, code: string, message: string, extra = {}): KulaResponse {
	return { statusCode, headers: {}, body: { error: { code, message }, ...extra } };
}

const action = { action: 'create the interview', itemIndex: 3 };

describe('kulaApiError', () => {
	it('carries the code, the message and the item', () => {
		const error = kulaApiError(
			node,
			response(422, 'ERR_VALIDATION_FAILED', 'kind is invalid'),
			action,
		);
		expect(error.message).toBe(
			'Kula could not create the interview: HTTP 422 (ERR_VALIDATION_FAILED) [item 3]',
		);
		expect(error.description).toContain('Kula says: kind is invalid.');
		expect(error.description).toContain('Nothing was created');
		expect(error.httpCode).toBe('422');
		expect(error.context.itemIndex).toBe(3);
	});

	it.each([
		[401, 'ERR_INVALID_TOKEN'],
		[403, 'ERR_FEATURE_NOT_ENABLED'],
	])('explains the key type on %i', (status, code) => {
		const error = kulaApiError(node, response(status, code, 'no'), action);
		expect(error.description).toContain('Application API');
	});

	it('names the IDs to check on 404', () => {
		const error = kulaApiError(
			node,
			response(404, 'ERR_NOT_FOUND', 'Application not found'),
			action,
		);
		expect(error.description).toContain('Check that the Application');
	});

	it('says when to retry after a 429', () => {
		const error = kulaApiError(
			node,
			response(429, 'ERR_RATE_LIMIT_EXCEEDED', 'Too many requests', { meta: { retry_after: 120 } }),
			{ ...action, waitedSeconds: 300 },
		);
		expect(error.message).toBe(
			'Kula could not create the interview: HTTP 429 (ERR_RATE_LIMIT_EXCEEDED), retry in 120 s [item 3]',
		);
		expect(error.description).toContain('retry in 120 s');
		expect(error.description).toContain('already waited 300 s');
	});

	it('explains a redirect instead of following it', () => {
		const error = kulaApiError(
			node,
			{ statusCode: 301, headers: { location: 'https://api.kula.ai/v1/x' }, body: '' },
			action,
		);
		expect(error.message).toBe('Kula could not create the interview: HTTP 301 [item 3]');
		expect(error.description).toContain('redirected the request to https://api.kula.ai/v1/x');
	});

	it('shortens an error page and hides the key', () => {
		const page = `<html><body>${'Bad gateway '.repeat(400)}</body></html>`;
		const long = kulaApiError(node, { statusCode: 502, headers: {}, body: page }, action);
		expect(String(long.description).length).toBeLessThan(600);
		expect(String(long.description)).not.toContain('<html>');

		const echoed = response(
			401,
			'ERR_INVALID_TOKEN',
			'Key kula_live_abc123 sent as Bearer kula_live_abc123',
		);
		const error = kulaApiError(node, echoed, { ...action, secrets: ['kula_live_abc123'] });
		expect(error.description).not.toContain('kula_live_abc123');
		expect(JSON.stringify(error)).not.toContain('kula_live_abc123');
	});

	it('warns about duplicates on a server failure', () => {
		const error = kulaApiError(node, { statusCode: 502, headers: {}, body: '<html>' }, action);
		expect(error.message).toBe('Kula could not create the interview: HTTP 502 [item 3]');
		expect(error.description).toContain('booked twice');
	});
});

describe('kulaNetworkError', () => {
	it('points at the base URL when the connection was refused', () => {
		const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		const error = kulaNetworkError(node, cause, 'http://127.0.0.1:9', action);
		expect(error.message).toBe(
			'Kula could not create the interview: the connection was refused [item 3]',
		);
		expect(error.description).toContain('http://127.0.0.1:9');
	});

	it('warns about duplicates when the connection dropped', () => {
		const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		expect(kulaNetworkError(node, cause, 'https://api.kula.ai', action).description).toContain(
			'booked twice',
		);
	});
});

describe('retryAfterSeconds', () => {
	const now = Date.parse('2027-01-01T00:00:00Z');

	it('prefers meta.retry_after', () => {
		const answer = {
			statusCode: 429,
			headers: { 'retry-after': '10' },
			body: { meta: { retry_after: 42 } },
		};
		expect(retryAfterSeconds(answer, now)).toBe(42);
	});

	it('falls back to Retry-After, then X-RateLimit-Reset', () => {
		expect(
			retryAfterSeconds({ statusCode: 429, headers: { 'retry-after': '7' }, body: {} }, now),
		).toBe(7);
		const reset = String(now / 1000 + 90);
		expect(
			retryAfterSeconds(
				{ statusCode: 429, headers: { 'x-ratelimit-reset': reset }, body: '' },
				now,
			),
		).toBe(90);
	});

	it('returns undefined without a hint', () => {
		expect(retryAfterSeconds({ statusCode: 429, headers: {}, body: {} }, now)).toBeUndefined();
	});
});
