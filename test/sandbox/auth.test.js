// @ts-check
'use strict';

const { API_KEYS, callApi, startTestSandbox } = require('./helpers');

/** @type {import('../../sandbox').Sandbox} */
let sandbox;
/** @type {string[]} */
const logLines = [];

beforeAll(async () => {
	sandbox = await startTestSandbox({ log: (line) => logLines.push(line) });
});

afterAll(async () => {
	await sandbox.close();
});

describe('sandbox authentication', () => {
	test('missing header is ERR_TOKEN_MISSING', async () => {
		const response = await callApi(sandbox, '/v1/jobs', { key: null });

		expect(response.status).toBe(401);
		expect(response.body.error.code).toBe('ERR_TOKEN_MISSING');
		expect(typeof response.body.error.message).toBe('string');
	});

	test('empty bearer token is ERR_TOKEN_MISSING', async () => {
		const response = await callApi(sandbox, '/v1/jobs', {
			key: null,
			headers: { Authorization: 'Bearer ' },
		});

		expect(response.status).toBe(401);
		expect(response.body.error.code).toBe('ERR_TOKEN_MISSING');
	});

	test('unknown key is ERR_INVALID_TOKEN', async () => {
		const response = await callApi(sandbox, '/v1/jobs', { key: 'kula_not_a_real_key' });

		expect(response.status).toBe(401);
		expect(response.body.error.code).toBe('ERR_INVALID_TOKEN');
		expect(JSON.stringify(response.body)).not.toContain('kula_not_a_real_key');
	});

	test('other auth scheme is ERR_INVALID_TOKEN', async () => {
		const response = await callApi(sandbox, '/v1/jobs', {
			key: null,
			headers: { Authorization: `Basic ${API_KEYS.application}` },
		});

		expect(response.status).toBe(401);
		expect(response.body.error.code).toBe('ERR_INVALID_TOKEN');
	});

	test('job boards key is ERR_FEATURE_NOT_ENABLED', async () => {
		const response = await callApi(sandbox, '/v1/jobs', { key: API_KEYS.jobBoards });

		expect(response.status).toBe(403);
		expect(response.body.error.code).toBe('ERR_FEATURE_NOT_ENABLED');
		expect(JSON.stringify(response.body)).not.toContain(API_KEYS.jobBoards);
	});

	test('application key is accepted', async () => {
		const response = await callApi(sandbox, '/v1/jobs?limit=1');

		expect(response.status).toBe(200);
		expect(response.body.data).toHaveLength(1);
	});

	test('auth runs before routing', async () => {
		const response = await callApi(sandbox, '/v1/no-such-resource', { key: null });

		expect(response.status).toBe(401);
	});

	test('keys never reach logs', async () => {
		await callApi(sandbox, `/v1/jobs?api_key=${API_KEYS.application}`);
		await callApi(sandbox, '/v1/jobs', { key: API_KEYS.jobBoards });
		const requests = await callApi(sandbox, '/_sandbox/requests', { key: null });

		const logText = logLines.join('\n');
		const requestLogText = JSON.stringify(requests.body);
		for (const key of Object.values(API_KEYS)) {
			expect(logText).not.toContain(key);
			expect(requestLogText).not.toContain(key);
		}
		expect(
			requests.body.data.every((/** @type {any} */ entry) => 'authorization_present' in entry),
		).toBe(true);
	});
});
