// @ts-check
'use strict';

const {
	API_KEYS,
	adHocBody,
	callApi,
	createInterview,
	sleep,
	startTestSandbox,
} = require('./helpers');

/** @type {import('../../sandbox').Sandbox} */
let sandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox({ rateLimit: { limit: 1000, windowSeconds: 3600 } });
});

beforeEach(() => {
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
});

/** @param {Headers} headers */
function readRateHeaders(headers) {
	return {
		limit: headers.get('x-ratelimit-limit'),
		remaining: headers.get('x-ratelimit-remaining'),
		reset: headers.get('x-ratelimit-reset'),
	};
}

describe('sandbox rate limit', () => {
	test('default is 1000 per hour', async () => {
		const defaults = await startTestSandbox({ rateLimit: undefined });
		try {
			const response = await callApi(defaults, '/v1/jobs');

			expect(response.headers.get('x-ratelimit-limit')).toBe('1000');
			expect(defaults.getConfig().rateLimit).toEqual({ limit: 1000, windowSeconds: 3600 });
		} finally {
			await defaults.close();
		}
	});

	test('headers on success, remaining counts down', async () => {
		const before = Math.floor(Date.now() / 1000);
		const first = await callApi(sandbox, '/v1/jobs');
		const second = await callApi(sandbox, '/v1/users');

		expect(readRateHeaders(first.headers).limit).toBe('1000');
		expect(readRateHeaders(first.headers).remaining).toBe('999');
		expect(readRateHeaders(second.headers).remaining).toBe('998');
		const reset = Number(readRateHeaders(first.headers).reset);
		expect(reset).toBeGreaterThanOrEqual(before + 3600);
		expect(reset).toBeLessThanOrEqual(before + 3602);
	});

	test('headers on error responses', async () => {
		const notFound = await callApi(sandbox, '/v1/nothing-here');
		const unauthorized = await callApi(sandbox, '/v1/jobs', { key: 'wrong' });
		const forbidden = await callApi(sandbox, '/v1/jobs', { key: API_KEYS.jobBoards });
		const invalid = await createInterview(sandbox, adHocBody({ kind: 'group' }));

		for (const response of [notFound, unauthorized, forbidden, invalid]) {
			expect(response.headers.get('x-ratelimit-limit')).toBe('1000');
			expect(response.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
		}
		expect(notFound.status).toBe(404);
		expect(invalid.status).toBe(422);
	});

	test('rejected keys are not counted', async () => {
		await callApi(sandbox, '/v1/jobs', { key: 'wrong' });
		await callApi(sandbox, '/v1/jobs', { key: null });
		const response = await callApi(sandbox, '/v1/jobs');

		expect(response.headers.get('x-ratelimit-remaining')).toBe('999');
	});

	test('control routes carry no headers', async () => {
		const response = await callApi(sandbox, '/_sandbox/config', { key: null });

		expect(response.status).toBe(200);
		expect(response.headers.get('x-ratelimit-limit')).toBeNull();
	});

	test('429 with retry_after, then recovery', async () => {
		sandbox.setRateLimit({ limit: 2, windowSeconds: 1 });

		const first = await callApi(sandbox, '/v1/offices');
		const second = await callApi(sandbox, '/v1/jobs/101');
		const limited = await createInterview(sandbox, adHocBody());

		expect(first.status).toBe(200);
		expect(second.status).toBe(200);
		expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.status).toBe(429);
		expect(limited.body.error.code).toBe('ERR_RATE_LIMIT_EXCEEDED');
		expect(Number.isInteger(limited.body.meta.retry_after)).toBe(true);
		expect(limited.body.meta.retry_after).toBeGreaterThanOrEqual(1);
		expect(limited.headers.get('retry-after')).toBe(String(limited.body.meta.retry_after));
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		// A 429 request is not processed.
		expect(sandbox.store.interviews.size).toBe(0);

		await sleep(1100);
		const recovered = await callApi(sandbox, '/v1/jobs');

		expect(recovered.status).toBe(200);
		expect(recovered.headers.get('x-ratelimit-remaining')).toBe('1');
	});

	test('reset clears the counters', async () => {
		sandbox.setRateLimit({ limit: 1, windowSeconds: 3600 });
		await callApi(sandbox, '/v1/jobs');
		const limited = await callApi(sandbox, '/v1/jobs');

		sandbox.reset();
		const afterReset = await callApi(sandbox, '/v1/jobs');

		expect(limited.status).toBe(429);
		expect(afterReset.status).toBe(200);
	});

	test('switched off sends no headers', async () => {
		sandbox.setRateLimit(false);
		const response = await callApi(sandbox, '/v1/jobs');

		expect(response.status).toBe(200);
		expect(response.headers.get('x-ratelimit-limit')).toBeNull();
		sandbox.setRateLimit({ limit: 1000, windowSeconds: 3600 });
	});

	test('PUT config changes the limit', async () => {
		const update = await callApi(sandbox, '/_sandbox/config', {
			key: null,
			method: 'PUT',
			body: { rateLimit: { limit: 5, windowSeconds: 60 } },
		});
		const response = await callApi(sandbox, '/v1/jobs');

		expect(update.status).toBe(200);
		expect(update.body.data.rateLimit).toEqual({ limit: 5, windowSeconds: 60 });
		expect(response.headers.get('x-ratelimit-limit')).toBe('5');
		expect(response.headers.get('x-ratelimit-remaining')).toBe('4');
		sandbox.setRateLimit({ limit: 1000, windowSeconds: 3600 });
	});
});
