// @ts-check
'use strict';

const { startSandbox } = require('../../sandbox');
const {
	adHocBody,
	callApi,
	createInterview,
	planBody,
	sleep,
	startTestSandbox,
} = require('./helpers');

describe('sandbox control routes', () => {
	/** @type {import('../../sandbox').Sandbox} */
	let sandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox({ provisionDelayMs: 60_000 });
	});

	beforeEach(() => {
		sandbox.reset();
	});

	afterAll(async () => {
		await sandbox.close();
	});

	test('request log records requests', async () => {
		await callApi(sandbox, '/v1/jobs?limit=1');
		await callApi(sandbox, '/v1/users', { key: null });
		await createInterview(sandbox, adHocBody({ name: 'Logged' }));

		const response = await callApi(sandbox, '/_sandbox/requests', { key: null });
		const [jobs, users, create] = response.body.data;

		expect(response.body.data).toHaveLength(3);
		expect(jobs).toMatchObject({
			method: 'GET',
			path: '/v1/jobs',
			query: '?limit=1',
			status: 200,
			error_code: null,
			authorization_present: true,
		});
		expect(Number.isNaN(Date.parse(jobs.time))).toBe(false);
		expect(jobs).not.toHaveProperty('body');
		expect(users).toMatchObject({
			status: 401,
			error_code: 'ERR_TOKEN_MISSING',
			authorization_present: false,
		});
		expect(create).toMatchObject({ method: 'POST', status: 201 });
		expect(create.body).toMatchObject({ organizer_id: 201, name: 'Logged' });
	});

	test('request log stores unparseable body as null', async () => {
		await callApi(sandbox, '/v1/applications/1001/interviews', {
			method: 'POST',
			rawBody: 'not json',
		});

		const response = await callApi(sandbox, '/_sandbox/requests', { key: null });

		expect(response.body.data[0]).toMatchObject({ status: 400, body: null });
	});

	test('reset clears interviews and log, keeps seed', async () => {
		await createInterview(sandbox, planBody());
		expect(sandbox.store.interviews.size).toBe(1);

		const reset = await callApi(sandbox, '/_sandbox/reset', { key: null, method: 'POST' });
		const interviews = await callApi(sandbox, '/v1/interviews');
		const jobs = await callApi(sandbox, '/v1/jobs');
		const next = await createInterview(sandbox, planBody());

		expect(reset.status).toBe(200);
		expect(interviews.body.data).toEqual([]);
		expect(jobs.body.meta.total).toBe(3);
		expect(next.body.data.id).toBe(9001);
		// The log holds only the requests made after the reset.
		expect(sandbox.store.requests.map((entry) => entry.path)).toEqual([
			'/v1/interviews',
			'/v1/jobs',
			'/v1/applications/1001/interviews',
		]);
	});

	test('config read and update', async () => {
		const initial = await callApi(sandbox, '/_sandbox/config', { key: null });
		const updated = await callApi(sandbox, '/_sandbox/config', {
			key: null,
			method: 'PUT',
			body: { provisionDelayMs: 10, rateLimit: false },
		});

		expect(initial.body.data).toEqual({
			rateLimit: false,
			provisionDelayMs: 60_000,
			durationRule: 'newest',
		});
		expect(updated.body.data).toEqual({
			rateLimit: false,
			provisionDelayMs: 10,
			durationRule: 'newest',
		});
		expect(sandbox.getConfig().provisionDelayMs).toBe(10);
		await callApi(sandbox, '/_sandbox/config', {
			key: null,
			method: 'PUT',
			body: { provisionDelayMs: 60_000 },
		});
	});

	test.each([
		[{ rateLimit: { limit: 0, windowSeconds: 10 } }, 'rateLimit.limit'],
		[{ rateLimit: 'fast' }, 'rateLimit must be false'],
		[{ provisionDelayMs: -1 }, 'provisionDelayMs'],
		[{ durationRule: 'oldest' }, 'durationRule'],
		[{ colour: 'blue' }, 'unknown config keys: colour'],
	])('invalid config %j is 400', async (body, message) => {
		const response = await callApi(sandbox, '/_sandbox/config', {
			key: null,
			method: 'PUT',
			body,
		});

		expect(response.status).toBe(400);
		expect(response.body.error.code).toBe('ERR_INVALID_CONFIG');
		expect(response.body.error.message).toContain(message);
	});

	test('internal error is 500 and logged', async () => {
		/** @type {string[]} */
		const lines = [];
		const logged = await startTestSandbox({ log: (line) => lines.push(line) });
		jest.spyOn(logged.store.interviews, 'values').mockImplementation(() => {
			throw new Error('simulated store failure');
		});
		try {
			const response = await callApi(logged, '/v1/interviews');

			expect(response.status).toBe(500);
			expect(response.body.error.code).toBe('ERR_INTERNAL');
			expect(response.body.error.message).not.toContain('simulated');
			expect(lines.some((line) => line.includes('simulated store failure'))).toBe(true);
		} finally {
			await logged.close();
		}
	});

	test('unknown control path is 404', async () => {
		const response = await callApi(sandbox, '/_sandbox/nothing', { key: null });

		expect(response.status).toBe(404);
	});
});

describe('sandbox lifecycle', () => {
	test('rejects non-loopback hosts', async () => {
		await expect(startSandbox({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
		await expect(startSandbox({ host: 'example.com' })).rejects.toThrow(/loopback/);
	});

	test('rejects invalid ports', async () => {
		await expect(startSandbox({ port: 70000 })).rejects.toThrow(/port/);
	});

	test('rejects invalid options', async () => {
		await expect(startSandbox({ provisionDelayMs: -5 })).rejects.toThrow(/provisionDelayMs/);
	});

	test('url and port describe the listener', async () => {
		const sandbox = await startTestSandbox();
		try {
			expect(sandbox.port).toBeGreaterThan(0);
			expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
		} finally {
			await sandbox.close();
		}
	});

	test('close leaves no open handles', async () => {
		/** @param {(type: string) => boolean} predicate */
		const countResources = (predicate) => process.getActiveResourcesInfo().filter(predicate).length;
		/** @param {string} type */
		const isServer = (type) => type === 'TCPServerWrap';
		/** @param {string} type */
		const isSocket = (type) => type === 'TCPSocketWrap';
		// Handles of servers closed by earlier tests go away on a later turn of the event loop.
		await sleep(50);
		const serversBefore = countResources(isServer);
		const socketsBefore = countResources(isSocket);

		const sandbox = await startTestSandbox({ provisionDelayMs: 100 });
		const created = await createInterview(sandbox, planBody());
		const serversWhileRunning = countResources(isServer);
		await sandbox.close();
		await sandbox.close();
		// Client sockets see the server's close on a later turn of the event loop, and the
		// cancelled provisioning would have run by then.
		await sleep(250);
		const stored = sandbox.store.interviews.get(created.body.data.id);

		expect(serversWhileRunning).toBe(serversBefore + 1);
		expect(countResources(isServer)).toBe(serversBefore);
		// Sockets left by earlier tests may close meanwhile, so the count can only drop.
		expect(countResources(isSocket)).toBeLessThanOrEqual(socketsBefore);
		expect(stored?.video_conferencing_url).toBeNull();
		expect(stored?.updated_at).toBe(created.body.data.updated_at);
		await expect(fetch(`${sandbox.url}/v1/jobs`)).rejects.toThrow();
	});
});
