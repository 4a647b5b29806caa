// @ts-check
'use strict';

const { callApi, startTestSandbox } = require('./helpers');

/** @type {import('../../sandbox').Sandbox} */
let sandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

/**
 * Returns the IDs of a list response.
 * @param {import('./helpers').ApiResponse} response
 * @returns {number[]}
 */
function ids(response) {
	return response.body.data.map((/** @type {{ id: number }} */ item) => item.id);
}

describe('list envelope and paging', () => {
	test('defaults to page 1, limit 20', async () => {
		const response = await callApi(sandbox, '/v1/jobs');

		expect(response.status).toBe(200);
		expect(ids(response)).toEqual([101, 102, 103]);
		expect(response.body.meta).toMatchObject({ total: 3, page: 1, limit: 20, total_pages: 1 });
		expect(response.body.meta.request_id).toMatch(/^req_[0-9a-f]+$/);
		expect(Number.isNaN(Date.parse(response.body.meta.timestamp))).toBe(false);
	});

	test('page and limit select a slice', async () => {
		const response = await callApi(sandbox, '/v1/users?limit=3&page=2');

		expect(ids(response)).toEqual([204, 206, 207]);
		expect(response.body.meta).toMatchObject({ total: 9, page: 2, limit: 3, total_pages: 3 });
	});

	test('page past the end is empty', async () => {
		const response = await callApi(sandbox, '/v1/offices?page=5');

		expect(response.status).toBe(200);
		expect(response.body.data).toEqual([]);
		expect(response.body.meta.total).toBe(2);
	});

	test.each([
		['limit=0', 'limit'],
		['limit=101', 'limit'],
		['limit=abc', 'limit'],
		['page=0', 'page'],
		['page=-1', 'page'],
	])('%s is rejected with 400', async (queryText, field) => {
		const response = await callApi(sandbox, `/v1/jobs?${queryText}`);

		expect(response.status).toBe(400);
		expect(response.body.error.code).toBe('ERR_INVALID_PARAMETER');
		expect(response.body.error.message).toContain(field);
	});

	test('limit 100 is allowed', async () => {
		const response = await callApi(sandbox, '/v1/jobs?limit=100');

		expect(response.status).toBe(200);
		expect(response.body.meta.limit).toBe(100);
	});
});

describe('lookup endpoints', () => {
	test('jobs filter by status[]', async () => {
		const response = await callApi(sandbox, '/v1/jobs?status[]=published');

		expect(ids(response)).toEqual([101, 102]);
	});

	test('jobs search matches title', async () => {
		const response = await callApi(sandbox, '/v1/jobs/search', {
			body: { query: 'backend', status: ['published'], limit: 10 },
		});

		expect(response.status).toBe(200);
		expect(ids(response)).toEqual([101]);
		expect(response.body.meta.limit).toBe(10);
	});

	test('job by id and 404', async () => {
		const found = await callApi(sandbox, '/v1/jobs/102');
		const missing = await callApi(sandbox, '/v1/jobs/999');

		expect(found.body.data.title).toBe('Product Designer');
		expect(found.body.meta.request_id).toMatch(/^req_/);
		expect(missing.status).toBe(404);
		expect(missing.body.error.code).toBe('ERR_NOT_FOUND');
	});

	test('interview plan lists stages and activities', async () => {
		const response = await callApi(sandbox, '/v1/jobs/101/interview_plan');
		const stages = response.body.data.stages;

		expect(stages.map((/** @type {{ id: number }} */ stage) => stage.id)).toEqual([
			1101, 1102, 1103,
		]);
		expect(stages[1].activities.map((/** @type {{ id: number }} */ a) => a.id)).toEqual([
			11021, 11022,
		]);
		expect(stages[1].activities[0]).toMatchObject({
			kind: 'panel',
			location: 'zoom',
			duration_minutes: 60,
			interviewer_ids: [202, 203],
			host_id: 202,
		});
	});

	test('applications filter by job and status', async () => {
		const byJob = await callApi(sandbox, '/v1/applications?job_id=101');
		const active = await callApi(sandbox, '/v1/applications?job_id=101&status[]=active');
		const application = await callApi(sandbox, '/v1/applications/1003');

		expect(ids(byJob)).toEqual([1001, 1002, 1004]);
		expect(ids(active)).toEqual([1001, 1002]);
		expect(application.body.data).toMatchObject({
			job_id: 102,
			candidate_id: 5003,
			stage_id: 1201,
		});
	});

	test('users default to active, search by name and email', async () => {
		const active = await callApi(sandbox, '/v1/users');
		const deactivated = await callApi(sandbox, '/v1/users?status[]=deactivated');
		const byName = await callApi(sandbox, '/v1/users?query=fenw');
		const byEmail = await callApi(sandbox, '/v1/users?query=tomasz.brandt@');

		expect(ids(active)).not.toContain(205);
		expect(ids(deactivated)).toEqual([205]);
		expect(ids(byName)).toEqual([201]);
		expect(ids(byEmail)).toEqual([202]);
		expect(active.body.data[0]).not.toHaveProperty('access');
	});

	test('invalid enum value is 400', async () => {
		const response = await callApi(sandbox, '/v1/users?status[]=sleeping');

		expect(response.status).toBe(400);
		expect(response.body.error.message).toContain('status[]');
	});

	test('offices list', async () => {
		const response = await callApi(sandbox, '/v1/offices');

		expect(ids(response)).toEqual([301, 302]);
	});

	test('email templates filter', async () => {
		const invites = await callApi(sandbox, '/v1/email_templates?channel=calendar_invite');
		const coordination = await callApi(
			sandbox,
			'/v1/email_templates?categories[]=interview_coordination',
		);
		const byName = await callApi(sandbox, '/v1/email_templates?query=rejection');
		const badChannel = await callApi(sandbox, '/v1/email_templates?channel=sms');

		expect(ids(invites)).toEqual([401, 402]);
		expect(ids(coordination)).toEqual([401]);
		expect(ids(byName)).toEqual([403]);
		expect(badChannel.status).toBe(400);
	});

	test('scorecard templates search', async () => {
		const all = await callApi(sandbox, '/v1/scorecard_templates');
		const byName = await callApi(sandbox, '/v1/scorecard_templates?query=ENGINEERING');

		expect(ids(all)).toEqual([501, 502]);
		expect(ids(byName)).toEqual([502]);
	});

	test('valid organizers per job', async () => {
		const job101 = await callApi(sandbox, '/v1/interviews/valid_organizers?job_id=101');
		const job102 = await callApi(sandbox, '/v1/interviews/valid_organizers?job_id=102');
		const searched = await callApi(
			sandbox,
			'/v1/interviews/valid_organizers?job_id=101&query=tomasz',
		);

		expect(ids(job101)).toEqual([201, 202]);
		expect(ids(job102)).toEqual([201, 207]);
		expect(ids(searched)).toEqual([202]);
	});

	test('valid organizers needs a known job_id', async () => {
		const missing = await callApi(sandbox, '/v1/interviews/valid_organizers');
		const unknown = await callApi(sandbox, '/v1/interviews/valid_organizers?job_id=999');

		expect(missing.status).toBe(400);
		expect(missing.body.error.message).toContain('job_id');
		expect(unknown.status).toBe(404);
	});

	test('conference hosts for zoom', async () => {
		const hosts = await callApi(sandbox, '/v1/interviews/conference_hosts?provider=zoom');
		const missing = await callApi(sandbox, '/v1/interviews/conference_hosts');
		const unknown = await callApi(sandbox, '/v1/interviews/conference_hosts?provider=webex');

		expect(ids(hosts)).toEqual([201, 202]);
		expect(missing.status).toBe(400);
		expect(unknown.status).toBe(400);
	});

	test('unknown paths are 404', async () => {
		const unknownApi = await callApi(sandbox, '/v1/candidates/5001/secrets');
		const wrongMethod = await callApi(sandbox, '/v1/jobs', { method: 'DELETE' });
		const outsideApi = await callApi(sandbox, '/health', { key: null });

		expect(unknownApi.status).toBe(404);
		expect(unknownApi.body.error.code).toBe('ERR_NOT_FOUND');
		expect(wrongMethod.status).toBe(404);
		expect(outsideApi.status).toBe(404);
		expect(outsideApi.body.error.code).toBe('ERR_NOT_FOUND');
	});
});
