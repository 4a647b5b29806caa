// @ts-check
'use strict';

const {
	adHocBody,
	callApi,
	createInterview,
	externalBody,
	planBody,
	sleep,
	startTestSandbox,
} = require('./helpers');

const PROVISION_DELAY_MS = 150;

/** @type {import('../../sandbox').Sandbox} */
let sandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox({ provisionDelayMs: PROVISION_DELAY_MS });
});

beforeEach(() => {
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
});

/**
 * Resolves with the next `interview.provisioned` event, or null after `timeoutMs`.
 * @param {number} timeoutMs
 * @returns {Promise<any>}
 */
function nextProvisioned(timeoutMs) {
	return new Promise((resolve) => {
		/** @param {unknown} interview */
		const listener = (interview) => {
			clearTimeout(timer);
			resolve(interview);
		};
		const timer = setTimeout(() => {
			sandbox.events.off('interview.provisioned', listener);
			resolve(null);
		}, timeoutMs);
		sandbox.events.once('interview.provisioned', listener);
	});
}

describe('conference provisioning', () => {
	test('zoom URL appears after the delay', async () => {
		const created = await createInterview(sandbox, planBody());
		const id = created.body.data.id;
		const early = await callApi(sandbox, `/v1/interviews/${id}`);

		await sleep(PROVISION_DELAY_MS + 150);
		const later = await callApi(sandbox, `/v1/interviews/${id}`);

		expect(created.body.data.video_conferencing_url).toBeNull();
		expect(early.body.data.video_conferencing_url).toBeNull();
		expect(later.body.data.video_conferencing_url).toMatch(/^https:\/\/zoom\.us\/j\/\d{11}$/);
		expect(Date.parse(later.body.data.updated_at)).toBeGreaterThan(
			Date.parse(created.body.data.updated_at),
		);
		expect(later.body.data.created_at).toBe(created.body.data.created_at);
	});

	test('google meet and teams URLs', async () => {
		const meet = await createInterview(
			sandbox,
			{ ...planBody({ stage_activity_id: 12011 }) },
			1003,
		);
		const teams = await createInterview(
			sandbox,
			adHocBody({ location: 'microsoft_teams', host_id: undefined }),
		);

		await sleep(PROVISION_DELAY_MS + 150);
		const meetLater = await callApi(sandbox, `/v1/interviews/${meet.body.data.id}`);
		const teamsLater = await callApi(sandbox, `/v1/interviews/${teams.body.data.id}`);

		expect(meet.status).toBe(201);
		expect(meetLater.body.data.video_conferencing_url).toMatch(
			/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/,
		);
		expect(teamsLater.body.data.video_conferencing_url).toMatch(
			/^https:\/\/teams\.microsoft\.com\//,
		);
	});

	test('phone gets no URL but is provisioned', async () => {
		const provisioned = nextProvisioned(2000);
		const created = await createInterview(sandbox, planBody({ stage_activity_id: 11011 }));

		const event = await provisioned;
		const later = await callApi(sandbox, `/v1/interviews/${created.body.data.id}`);

		expect(event).not.toBeNull();
		expect(event.id).toBe(created.body.data.id);
		expect(event.video_conferencing_url).toBeNull();
		expect(later.body.data.video_conferencing_url).toBeNull();
	});

	test('event carries the provisioned interview', async () => {
		const provisioned = nextProvisioned(2000);
		const created = await createInterview(sandbox, planBody());

		const event = await provisioned;

		expect(event.id).toBe(created.body.data.id);
		expect(event.video_conferencing_url).toMatch(/^https:\/\/zoom\.us\/j\//);
		expect(event.stage_activity_id).toBe(11021);
	});

	test('external gets no conference and no event', async () => {
		const provisioned = nextProvisioned(PROVISION_DELAY_MS + 300);
		const created = await createInterview(
			sandbox,
			externalBody({ location: 'zoom', kind: 'panel', interviewer_ids: [202, 203] }),
		);

		const event = await provisioned;
		const later = await callApi(sandbox, `/v1/interviews/${created.body.data.id}`);

		expect(event).toBeNull();
		expect(later.body.data.video_conferencing_url).toBe('https://meet.example.com/abc-defg-hij');
		expect(later.body.data.updated_at).toBe(created.body.data.updated_at);
	});

	test('created event fires at once', async () => {
		/** @type {any[]} */
		const created = [];
		/** @param {unknown} interview */
		const listener = (interview) => created.push(interview);
		sandbox.events.on('interview.created', listener);

		const response = await createInterview(sandbox, externalBody());
		sandbox.events.off('interview.created', listener);

		expect(created).toHaveLength(1);
		expect(created[0].id).toBe(response.body.data.id);
	});

	test('reset cancels pending provisioning', async () => {
		const provisioned = nextProvisioned(PROVISION_DELAY_MS + 300);
		await createInterview(sandbox, planBody());

		sandbox.reset();

		expect(await provisioned).toBeNull();
	});
});

describe('reading interviews', () => {
	test('get by id and 404', async () => {
		const created = await createInterview(sandbox, adHocBody());
		const found = await callApi(sandbox, `/v1/interviews/${created.body.data.id}`);
		const missing = await callApi(sandbox, '/v1/interviews/1');

		expect(found.status).toBe(200);
		expect(found.body.data.id).toBe(created.body.data.id);
		expect(found.body.meta.request_id).toMatch(/^req_/);
		expect(missing.status).toBe(404);
		expect(missing.body.error.code).toBe('ERR_NOT_FOUND');
	});

	test('list filters by application_ids[]', async () => {
		await createInterview(sandbox, adHocBody());
		await createInterview(sandbox, adHocBody(), 1002);
		await createInterview(sandbox, planBody({ stage_activity_id: 12011 }), 1003);

		const all = await callApi(sandbox, '/v1/interviews');
		const filtered = await callApi(
			sandbox,
			'/v1/interviews?application_ids[]=1002&application_ids[]=1003',
		);
		const paged = await callApi(sandbox, '/v1/interviews?limit=1&page=2&sort_order=asc');

		expect(all.body.meta.total).toBe(3);
		expect(all.body.data.map((/** @type {{ id: number }} */ i) => i.id)).toEqual([
			9003, 9002, 9001,
		]);
		expect(filtered.body.data.map((/** @type {{ id: number }} */ i) => i.id)).toEqual([9003, 9002]);
		expect(paged.body.data.map((/** @type {{ id: number }} */ i) => i.id)).toEqual([9002]);
		expect(paged.body.meta).toMatchObject({ total: 3, page: 2, limit: 1, total_pages: 3 });
	});

	test('list filters by kind external', async () => {
		await createInterview(sandbox, adHocBody());
		await createInterview(sandbox, externalBody());

		const external = await callApi(sandbox, '/v1/interviews?kind[]=external');
		const bad = await callApi(sandbox, '/v1/interviews?application_ids[]=abc');

		expect(external.body.data.map((/** @type {{ id: number }} */ i) => i.id)).toEqual([9002]);
		expect(bad.status).toBe(400);
	});

	test('application interviews list', async () => {
		await createInterview(sandbox, adHocBody());
		await createInterview(sandbox, adHocBody(), 1002);

		const response = await callApi(sandbox, '/v1/applications/1002/interviews');
		const missing = await callApi(sandbox, '/v1/applications/9999/interviews');

		expect(response.body.data.map((/** @type {{ id: number }} */ i) => i.id)).toEqual([9002]);
		expect(response.body.meta.total).toBe(1);
		expect(missing.status).toBe(404);
	});
});
