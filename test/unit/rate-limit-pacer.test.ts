import { RateLimitPacer } from '../../nodes/shared/rate-limit';
import type { KulaResponse } from '../../nodes/shared/types';

const now = Date.parse('2027-01-01T00:00:00Z');

function responseWith(remaining: string, resetAtSeconds: number): KulaResponse {
	return {
		statusCode: 201,
		headers: { 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': String(resetAtSeconds) },
		body: {},
	};
}

describe('RateLimitPacer', () => {
	it('does not wait before it has seen a budget', () => {
		expect(new RateLimitPacer().delayMs(now)).toBe(0);
	});

	it('does not wait while requests remain', () => {
		const pacer = new RateLimitPacer();
		pacer.observe(responseWith('1', now / 1000 + 30));
		expect(pacer.delayMs(now)).toBe(0);
	});

	it('waits until the reset once the budget is used up', () => {
		const pacer = new RateLimitPacer();
		pacer.observe(responseWith('0', now / 1000 + 30));
		expect(pacer.delayMs(now)).toBe(30_000);
		expect(pacer.delayMs(now + 29_000)).toBe(1_000);
		expect(pacer.delayMs(now + 31_000)).toBe(0);
	});

	it('forgets the budget when the window ends', () => {
		const pacer = new RateLimitPacer();
		pacer.observe(responseWith('0', now / 1000 + 30));
		pacer.windowEnded();
		expect(pacer.delayMs(now)).toBe(0);
	});

	it.each([
		['no headers', { statusCode: 201, headers: {}, body: {} }],
		['a remaining count that is not a number', responseWith('many', now / 1000 + 30)],
		['a negative remaining count', responseWith('-1', now / 1000 + 30)],
		['a reset that is not a time', responseWith('0', Number.NaN)],
	])('ignores a response with %s', (_case, response: KulaResponse) => {
		const pacer = new RateLimitPacer();
		pacer.observe(responseWith('0', now / 1000 + 30));
		pacer.observe(response);
		expect(pacer.delayMs(now)).toBe(30_000);
	});
});
