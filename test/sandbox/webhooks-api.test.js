// @ts-check
'use strict';

const { callApi, startTestSandbox } = require('./helpers');
const { createWebhook } = require('./webhooks-receiver');

/** @type {import('../../sandbox').Sandbox} */
let sandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});

beforeEach(() => {
	sandbox.reset();
	sandbox.setConfig({ webhookEventsField: 'subscribed_events' });
});

afterAll(async () => {
	await sandbox.close();
});

describe('webhook create and read', () => {
	test('create returns object and secret', async () => {
		const created = await createWebhook(sandbox, {
			description: 'Interview events for n8n',
			headers: { 'X-N8n-Token': 'token-1' },
		});
		const webhook = created.body.data;

		expect(created.status).toBe(201);
		expect(webhook.id).toMatch(/^wh_[0-9a-f]{24}$/);
		expect(webhook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
		expect(webhook).toMatchObject({
			name: 'n8n: interviews',
			url: 'https://hooks.kula.invalid/n8n',
			description: 'Interview events for n8n',
			subscribed_events: ['interview.event.created'],
			status: 'active',
			disabled_reason: null,
			headers: { 'X-N8n-Token': 'token-1' },
		});
		expect(webhook.created_at).toBe(webhook.updated_at);
		expect(created.body.meta.request_id).toMatch(/^req_/);
	});

	test('given secret is kept', async () => {
		const created = await createWebhook(sandbox, { secret: 'n8n-generated-secret' });

		expect(created.body.data.secret).toBe('n8n-generated-secret');
		expect(sandbox.store.webhooks.get(created.body.data.id)?.secret).toBe('n8n-generated-secret');
	});

	test('get omits the secret', async () => {
		const created = await createWebhook(sandbox);
		const found = await callApi(sandbox, `/v1/webhooks/${created.body.data.id}`);

		expect(found.status).toBe(200);
		expect(found.body.data.id).toBe(created.body.data.id);
		expect(found.body.data).not.toHaveProperty('secret');
		expect(JSON.stringify(found.body)).not.toContain(created.body.data.secret);
	});

	test('list pages with data and meta', async () => {
		const ids = [];
		for (const name of ['first', 'second', 'third']) {
			ids.push((await createWebhook(sandbox, { name })).body.data.id);
		}

		const all = await callApi(sandbox, '/v1/webhooks');
		const second = await callApi(sandbox, '/v1/webhooks?limit=2&page=2');
		const badLimit = await callApi(sandbox, '/v1/webhooks?limit=101');

		expect(all.body.data.map((/** @type {{ id: string }} */ w) => w.id)).toEqual(ids);
		expect(all.body.data.some((/** @type {object} */ w) => 'secret' in w)).toBe(false);
		expect(second.body.data.map((/** @type {{ id: string }} */ w) => w.id)).toEqual([ids[2]]);
		expect(second.body.meta).toMatchObject({ total: 3, page: 2, limit: 2, total_pages: 2 });
		expect(badLimit.status).toBe(400);
	});

	test('routes need a key', async () => {
		const response = await callApi(sandbox, '/v1/webhooks', { key: null });

		expect(response.status).toBe(401);
		expect(response.body.error.code).toBe('ERR_TOKEN_MISSING');
	});

	test('request log hides the secret', async () => {
		await createWebhook(sandbox, { secret: 'do-not-log-me' });

		const log = await callApi(sandbox, '/_sandbox/requests', { key: null });

		expect(JSON.stringify(log.body)).not.toContain('do-not-log-me');
		expect(log.body.data[0].body.secret).toBe('[redacted]');
	});

	test.each([
		[{ url: undefined }, 'url is required'],
		[{ name: undefined }, 'name is required'],
		[{ name: '  ' }, 'name must be a non-empty string'],
		[{ subscribed_events: undefined }, 'subscribed_events is required'],
		[{ subscribed_events: [] }, 'subscribed_events must be a non-empty array'],
		[{ subscribed_events: ['interview.deleted'] }, '"interview.deleted", which is not a known'],
		[{ subscribed_events: 'interview.event.created' }, 'subscribed_events must be'],
		[{ url: 'not a url' }, 'url must be an absolute https URL'],
		[{ url: 'http://192.0.2.10/hook' }, 'url must use https'],
		[{ url: 'ftp://127.0.0.1/hook' }, 'url must use https'],
		[{ url: 'https://user:pass@hooks.kula.invalid/' }, 'must not contain a user name'],
		[{ secret: '' }, 'secret must be a non-empty string'],
		[{ description: 42 }, 'description must be a string or null'],
		[{ headers: ['X-A'] }, 'headers must be an object'],
		[{ headers: { 'X-A': 1 } }, 'headers.X-A must be a string'],
		[{ headers: { 'Bad Name': 'x' } }, 'headers.Bad Name is not a valid HTTP header'],
		[{ headers: { 'X-A': 'line\nbreak' } }, 'headers.X-A is not a valid HTTP header'],
		[{ headers: { 'x-kula-signature': 'forged' } }, 'headers.x-kula-signature is set by Kula'],
	])('create %j is 422', async (overrides, message) => {
		const response = await createWebhook(sandbox, overrides);

		expect(response.status).toBe(422);
		expect(response.body.error.code).toBe('ERR_VALIDATION_FAILED');
		expect(response.body.error.message).toContain(message);
		expect(sandbox.store.webhooks.size).toBe(0);
	});

	test.each([
		'http://127.0.0.1:5678/webhook/abc',
		'http://127.42.0.9/hook',
		'http://localhost:5678/webhook/abc',
		'http://[::1]:5678/webhook/abc',
		'https://hooks.kula.invalid/n8n',
	])('create accepts url %s', async (url) => {
		const response = await createWebhook(sandbox, { url });

		expect(response.status).toBe(201);
		expect(response.body.data.url).toBe(url);
	});

	test('repeated events are kept once', async () => {
		const response = await createWebhook(sandbox, {
			subscribed_events: ['interview.event.created', 'offer.accepted', 'offer.accepted'],
		});

		expect(response.body.data.subscribed_events).toEqual([
			'interview.event.created',
			'offer.accepted',
		]);
	});
});

describe('event list field switch', () => {
	test('default rejects events', async () => {
		const response = await createWebhook(sandbox, {
			subscribed_events: undefined,
			events: ['interview.event.created'],
		});

		expect(response.status).toBe(422);
		expect(response.body.error.code).toBe('ERR_VALIDATION_FAILED');
		expect(response.body.error.message).toBe(
			'events is not a known field. Send the event list as subscribed_events',
		);
	});

	test('events setting rejects subscribed_events', async () => {
		sandbox.setConfig({ webhookEventsField: 'events' });

		const rejected = await createWebhook(sandbox);
		const accepted = await createWebhook(sandbox, {
			subscribed_events: undefined,
			events: ['interview.event.created', 'interview.event.updated'],
		});
		const missing = await createWebhook(sandbox, { subscribed_events: undefined });

		expect(rejected.status).toBe(422);
		expect(rejected.body.error.message).toBe(
			'subscribed_events is not a known field. Send the event list as events',
		);
		expect(accepted.status).toBe(201);
		expect(accepted.body.data.subscribed_events).toEqual([
			'interview.event.created',
			'interview.event.updated',
		]);
		expect(missing.status).toBe(422);
		expect(missing.body.error.message).toContain('events is required');
	});

	test('PATCH follows the setting', async () => {
		const id = (await createWebhook(sandbox)).body.data.id;
		sandbox.setConfig({ webhookEventsField: 'events' });

		const rejected = await callApi(sandbox, `/v1/webhooks/${id}`, {
			method: 'PATCH',
			body: { subscribed_events: ['offer.created'] },
		});
		const accepted = await callApi(sandbox, `/v1/webhooks/${id}`, {
			method: 'PATCH',
			body: { events: ['offer.created'] },
		});

		expect(rejected.status).toBe(422);
		expect(rejected.body.error.message).toContain('subscribed_events is not a known field');
		expect(accepted.status).toBe(200);
		expect(accepted.body.data.subscribed_events).toEqual(['offer.created']);
	});

	test('setting is changed over HTTP', async () => {
		const updated = await callApi(sandbox, '/_sandbox/config', {
			key: null,
			method: 'PUT',
			body: { webhookEventsField: 'events' },
		});
		const read = await callApi(sandbox, '/_sandbox/config', { key: null });

		expect(updated.status).toBe(200);
		expect(updated.body.webhooks.webhookEventsField).toBe('events');
		expect(read.body.webhooks).toEqual({
			webhookRetryScale: 1,
			webhookTimeoutMs: 10_000,
			duplicateDeliveries: false,
			webhookEventsField: 'events',
		});
		expect(Object.keys(read.body.data).sort()).toEqual([
			'durationRule',
			'provisionDelayMs',
			'rateLimit',
		]);
		expect(sandbox.getConfig().webhookEventsField).toBe('events');
	});

	test.each([
		[{ webhookEventsField: 'event_types' }, 'webhookEventsField must be one of'],
		[{ webhookRetryScale: 2 }, 'webhookRetryScale must be a number from 0 to 1'],
		[{ webhookTimeoutMs: 0 }, 'webhookTimeoutMs must be a positive integer'],
		[{ duplicateDeliveries: 'yes' }, 'duplicateDeliveries must be true or false'],
	])('invalid webhook config %j is 400', async (body, message) => {
		const response = await callApi(sandbox, '/_sandbox/config', {
			key: null,
			method: 'PUT',
			body: { ...body, provisionDelayMs: 5 },
		});

		expect(response.status).toBe(400);
		expect(response.body.error.code).toBe('ERR_INVALID_CONFIG');
		expect(response.body.error.message).toContain(message);
		// Nothing is applied when one key is invalid.
		expect(sandbox.getConfig().provisionDelayMs).toBe(50);
	});

	test('setConfig throws on bad values', () => {
		expect(() => sandbox.setConfig({ webhookRetryScale: -1 })).toThrow(TypeError);
		expect(sandbox.getConfig().webhookRetryScale).toBe(1);
	});
});

describe('webhook update, toggle and delete', () => {
	test('PATCH changes only given fields', async () => {
		const created = (await createWebhook(sandbox, { description: 'old' })).body.data;

		const response = await callApi(sandbox, `/v1/webhooks/${created.id}`, {
			method: 'PATCH',
			body: {
				url: 'http://127.0.0.1:5678/webhook/new',
				name: 'renamed',
				headers: { 'X-New': 'value' },
			},
		});

		expect(response.status).toBe(200);
		expect(response.body.data).toMatchObject({
			id: created.id,
			url: 'http://127.0.0.1:5678/webhook/new',
			name: 'renamed',
			description: 'old',
			subscribed_events: ['interview.event.created'],
			headers: { 'X-New': 'value' },
		});
		expect(response.body.data).not.toHaveProperty('secret');
	});

	test('PATCH with an invalid field changes nothing', async () => {
		const created = (await createWebhook(sandbox)).body.data;

		const response = await callApi(sandbox, `/v1/webhooks/${created.id}`, {
			method: 'PATCH',
			body: { name: 'renamed', url: 'http://192.0.2.10/' },
		});
		const after = await callApi(sandbox, `/v1/webhooks/${created.id}`);

		expect(response.status).toBe(422);
		expect(after.body.data.name).toBe('n8n: interviews');
	});

	test.each([
		[{ secret: 'new' }, 'secret cannot be changed with PATCH'],
		[{ status: 'disabled' }, 'status cannot be changed with PATCH'],
	])('PATCH %j is 422', async (body, message) => {
		const created = (await createWebhook(sandbox)).body.data;

		const response = await callApi(sandbox, `/v1/webhooks/${created.id}`, {
			method: 'PATCH',
			body,
		});

		expect(response.status).toBe(422);
		expect(response.body.error.message).toContain(message);
	});

	test('disable and enable', async () => {
		const id = (await createWebhook(sandbox)).body.data.id;

		const disabled = await callApi(sandbox, `/v1/webhooks/${id}/disable`, { method: 'POST' });
		const read = await callApi(sandbox, `/v1/webhooks/${id}`);
		const enabled = await callApi(sandbox, `/v1/webhooks/${id}/enable`, { method: 'POST' });

		expect(disabled.status).toBe(200);
		expect(disabled.body.data.status).toBe('disabled');
		expect(disabled.body.data.disabled_reason).toBe('disabled_via_api');
		expect(read.body.data.status).toBe('disabled');
		expect(enabled.body.data.status).toBe('active');
		expect(enabled.body.data.disabled_reason).toBeNull();
	});

	test('regenerate-secret rotates it', async () => {
		const created = (await createWebhook(sandbox)).body.data;

		const response = await callApi(sandbox, `/v1/webhooks/${created.id}/regenerate-secret`, {
			method: 'POST',
		});

		expect(response.status).toBe(200);
		expect(response.body.data.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
		expect(response.body.data.secret).not.toBe(created.secret);
		expect(sandbox.store.webhooks.get(created.id)?.secret).toBe(response.body.data.secret);
	});

	test('delete, then 404', async () => {
		const id = (await createWebhook(sandbox)).body.data.id;

		const deleted = await callApi(sandbox, `/v1/webhooks/${id}`, { method: 'DELETE' });
		const again = await callApi(sandbox, `/v1/webhooks/${id}`, { method: 'DELETE' });
		const read = await callApi(sandbox, `/v1/webhooks/${id}`);

		expect(deleted.status).toBe(200);
		expect(deleted.body.data).toEqual({ id, deleted: true });
		expect(again.status).toBe(404);
		expect(read.status).toBe(404);
		expect(sandbox.store.webhooks.size).toBe(0);
	});

	test.each([
		['GET', '/v1/webhooks/wh_unknown'],
		['PATCH', '/v1/webhooks/wh_unknown'],
		['DELETE', '/v1/webhooks/wh_unknown'],
		['POST', '/v1/webhooks/wh_unknown/enable'],
		['POST', '/v1/webhooks/wh_unknown/disable'],
		['POST', '/v1/webhooks/wh_unknown/regenerate-secret'],
		['POST', '/v1/webhooks/wh_unknown/test'],
		['GET', '/v1/webhooks/wh_unknown/test/test_unknown'],
		['GET', '/v1/webhooks/wh_unknown/logs'],
	])('%s %s is 404', async (method, path) => {
		const response = await callApi(sandbox, path, {
			method,
			body: method === 'GET' ? undefined : {},
		});

		expect(response.status).toBe(404);
		expect(response.body.error.code).toBe('ERR_NOT_FOUND');
		expect(response.body.error.message).toContain('Webhook wh_unknown not found');
	});

	test('unknown test id is 404', async () => {
		const id = (await createWebhook(sandbox)).body.data.id;

		const response = await callApi(sandbox, `/v1/webhooks/${id}/test/test_unknown`);

		expect(response.status).toBe(404);
		expect(response.body.error.message).toContain('Test test_unknown');
	});
});

describe('event types and samples', () => {
	test('events list has every type', async () => {
		const response = await callApi(sandbox, '/v1/webhooks/events');
		const names = response.body.data.map((/** @type {{ event: string }} */ type) => type.event);

		expect(response.status).toBe(200);
		expect(names.slice(0, 3)).toEqual([
			'interview.availability.computed',
			'interview.event.created',
			'interview.event.updated',
		]);
		expect(names).toEqual(
			expect.arrayContaining([
				'candidate.created',
				'application.stage_changed',
				'job.updated',
				'job_posting.published',
				'requisition.filled',
				'offer.declined',
			]),
		);
		expect(names).not.toContain('ping');
		expect(response.body.meta).toMatchObject({ total: names.length, total_pages: 1 });
		expect(names).toHaveLength(28);
	});

	test('interview sample carries an interview', async () => {
		const response = await callApi(sandbox, '/v1/webhooks/sample/interview.event.created');
		const envelope = response.body.data;

		expect(response.status).toBe(200);
		expect(envelope).toMatchObject({
			event: 'interview.event.created',
			event_id: 'evt_sample',
			account_id: 7001,
		});
		expect(envelope.data).toMatchObject({ application_id: 1001, location: 'zoom' });
		expect(envelope.data.video_conferencing_url).toMatch(/^https:\/\/zoom\.us\/j\//);
		expect(Number.isNaN(Date.parse(envelope.created_at))).toBe(false);
	});

	test('updated sample and other samples', async () => {
		const updated = await callApi(sandbox, '/v1/webhooks/sample/interview.event.updated');
		const candidate = await callApi(sandbox, '/v1/webhooks/sample/candidate.created');
		const availability = await callApi(
			sandbox,
			'/v1/webhooks/sample/interview.availability.computed',
		);

		expect(updated.body.data.data.id).toBe(9001);
		expect(candidate.body.data.data.id).toBe(5001);
		expect(availability.body.data.data.status).toBe('succeeded');
	});

	test('unknown sample is 404', async () => {
		const response = await callApi(sandbox, '/v1/webhooks/sample/interview.deleted');

		expect(response.status).toBe(404);
		expect(response.body.error.message).toContain('Unknown event type interview.deleted');
	});

	test('emitEvent rejects unknown types', () => {
		expect(() => sandbox.emitEvent('interview.deleted', {})).toThrow(
			'Unknown webhook event type "interview.deleted"',
		);
	});
});
