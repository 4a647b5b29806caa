import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkExists, create, deleteWebhook } from '../../../nodes/KulaTrigger/registration';
import {
	fakeHookContext,
	listOf,
	on,
	PRODUCTION_URL,
	SANDBOX_BASE,
	TEST_URL,
	type FakeOptions,
	type SentRequest,
} from './fake-context';

const EVENTS = ['interview.event.created'];

const subscription = (overrides: Record<string, unknown> = {}) => ({
	id: 'wh_1',
	name: 'n8n: Hiring day follow-up',
	url: PRODUCTION_URL,
	subscribed_events: EVENTS,
	status: 'active',
	...overrides,
});

const stored = (id = 'wh_1', secret = 'a'.repeat(64), createdByNode = true) => ({
	subscriptions: { [PRODUCTION_URL]: { id, secret, events: EVENTS, createdByNode } },
});

function writes(sent: SentRequest[]) {
	return sent.filter((request) => request.method !== 'GET');
}

describe('checkExists', () => {
	const withList = (entries: unknown[], options: FakeOptions = {}) =>
		fakeHookContext({
			...options,
			routes: [
				on('GET', '/v1/webhooks', () => listOf(entries)),
				on('POST', /\/enable$/, () => ({ statusCode: 200, body: { data: {} } })),
				on('PATCH', /^\/v1\/webhooks\/[^/]+$/, () => ({ statusCode: 200, body: { data: {} } })),
				...(options.routes ?? []),
			],
		});

	it('returns false when Kula has none', async () => {
		const { context, sent } = withList([]);

		expect(await checkExists.call(context)).toBe(false);
		expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
			'GET https://api.kula.ai/v1/webhooks',
		]);
		expect(sent[0].qs).toEqual({ page: 1, limit: 100 });
	});

	it('adopts its stored subscription by URL', async () => {
		const { context, sent, staticData } = withList([subscription()], { staticData: stored() });

		expect(await checkExists.call(context)).toBe(true);
		expect(writes(sent)).toEqual([]);
		expect(staticData).toEqual(stored());
	});

	it('ignores a subscription for another URL', async () => {
		const { context, staticData } = withList([subscription({ url: TEST_URL })], {
			staticData: stored(),
		});

		expect(await checkExists.call(context)).toBe(false);
		expect(staticData).toEqual({});
	});

	it('re-enables a subscription Kula disabled', async () => {
		const { context, sent } = withList([subscription({ status: 'disabled' })], {
			staticData: stored(),
		});

		expect(await checkExists.call(context)).toBe(true);
		expect(writes(sent).map((request) => `${request.method} ${request.url}`)).toEqual([
			'POST https://api.kula.ai/v1/webhooks/wh_1/enable',
		]);
	});

	it('updates the events of its own subscription', async () => {
		const { context, sent, staticData } = withList([subscription()], {
			staticData: stored(),
			parameters: { events: ['interview.event.created', 'interview.event.updated'] },
		});

		expect(await checkExists.call(context)).toBe(true);
		expect(writes(sent)).toEqual([
			{
				method: 'PATCH',
				url: 'https://api.kula.ai/v1/webhooks/wh_1',
				body: { subscribed_events: ['interview.event.created', 'interview.event.updated'] },
				qs: undefined,
			},
		]);
		expect(staticData).toMatchObject({
			subscriptions: {
				[PRODUCTION_URL]: { events: ['interview.event.created', 'interview.event.updated'] },
			},
		});
	});

	it('adopts a manual subscription with the credential secret', async () => {
		const { context, staticData } = withList([subscription({ id: 'wh_manual' })], {
			credentials: { webhookSigningSecret: 'whsec_from_kula' },
		});

		expect(await checkExists.call(context)).toBe(true);
		expect(staticData).toEqual({
			subscriptions: {
				[PRODUCTION_URL]: {
					id: 'wh_manual',
					secret: 'whsec_from_kula',
					events: EVENTS,
					createdByNode: false,
				},
			},
		});
	});

	it('leaves a subscription with an unknown secret alone', async () => {
		const { context, sent, logs } = withList([subscription({ id: 'wh_other' })]);

		expect(await checkExists.call(context)).toBe(false);
		expect(writes(sent)).toEqual([]);
		expect(logs.join('\n')).toContain('wh_other');
	});

	it('forgets a stored subscription Kula no longer has', async () => {
		const { context, staticData } = withList([], { staticData: stored() });

		expect(await checkExists.call(context)).toBe(false);
		expect(staticData).toEqual({});
	});

	it('never deletes anything', async () => {
		const { context, sent } = withList(
			[subscription({ id: 'wh_other' }), subscription({ id: 'wh_2', url: TEST_URL })],
			{ staticData: stored('wh_gone') },
		);

		await checkExists.call(context);
		expect(sent.filter((request) => request.method === 'DELETE')).toEqual([]);
	});

	it('reads every page of subscriptions', async () => {
		const page = (number: number) =>
			Array.from({ length: number === 1 ? 100 : 1 }, (_, index) =>
				subscription({ id: `wh_${number}_${index}`, url: `https://other.example.com/${index}` }),
			);
		const { context, sent } = fakeHookContext({
			staticData: stored('wh_2_0'),
			routes: [
				on('GET', '/v1/webhooks', (request) => {
					const number = Number(request.qs?.page);
					const entries = page(number);
					if (number === 2) entries[0].url = PRODUCTION_URL;
					return { statusCode: 200, body: { data: entries, meta: { total_pages: 2 } } };
				}),
			],
		});

		expect(await checkExists.call(context)).toBe(true);
		expect(sent.map((request) => request.qs?.page)).toEqual([1, 2]);
	});
});

describe('create', () => {
	const created = { statusCode: 201, body: { data: subscription({ id: 'wh_new' }) } };

	it('sends a generated secret and stores it', async () => {
		const { context, sent, staticData } = fakeHookContext({
			routes: [on('POST', '/v1/webhooks', () => created)],
		});

		expect(await create.call(context)).toBe(true);
		expect(sent).toHaveLength(1);
		const body = sent[0].body ?? {};
		expect(body).toMatchObject({
			name: 'n8n: Hiring day follow-up',
			url: PRODUCTION_URL,
			subscribed_events: EVENTS,
		});
		expect(body.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(staticData).toEqual({
			subscriptions: {
				[PRODUCTION_URL]: {
					id: 'wh_new',
					secret: body.secret,
					events: EVENTS,
					createdByNode: true,
				},
			},
		});
	});

	it('falls back to the events field when Kula names subscribed_events', async () => {
		const { context, sent } = fakeHookContext({
			routes: [
				on('POST', '/v1/webhooks', (request) =>
					request.body?.subscribed_events
						? {
								statusCode: 422,
								body: {
									error: {
										code: 'ERR_VALIDATION_FAILED',
										message:
											'subscribed_events is not a known field; send the event list as events',
									},
								},
							}
						: created,
				),
			],
		});

		expect(await create.call(context)).toBe(true);
		expect(sent.map((request) => Object.keys(request.body ?? {}).sort())).toEqual([
			['description', 'name', 'secret', 'subscribed_events', 'url'],
			['description', 'events', 'name', 'secret', 'url'],
		]);
	});

	it('does not resend after an unrelated 422', async () => {
		const { context, sent } = fakeHookContext({
			routes: [
				on('POST', '/v1/webhooks', () => ({
					statusCode: 422,
					body: { error: { code: 'ERR_VALIDATION_FAILED', message: 'url must use https' } },
				})),
			],
		});

		await expect(create.call(context)).rejects.toThrow(NodeApiError);
		expect(sent).toHaveLength(1);
	});

	it('names the wait after a 429', async () => {
		const { context, sent, staticData } = fakeHookContext({
			routes: [
				on('POST', '/v1/webhooks', () => ({
					statusCode: 429,
					body: {
						error: { code: 'ERR_RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
						meta: { retry_after: 300 },
					},
				})),
			],
		});

		await expect(create.call(context)).rejects.toThrow(
			'Kula could not create the webhook subscription: HTTP 429 (ERR_RATE_LIMIT_EXCEEDED), retry in 300 s',
		);
		expect(sent).toHaveLength(1);
		expect(staticData).toEqual({});
	});

	it.each([
		['plain http', 'http://n8n.example.com/webhook/3b0c/webhook'],
		['localhost', 'https://localhost:5678/webhook/3b0c/webhook'],
		['a loopback address', 'https://127.0.0.1:5678/webhook/3b0c/webhook'],
	])('rejects %s before any request', async (_case, webhookUrl) => {
		const { context, sent } = fakeHookContext({ webhookUrl });

		const failure = create.call(context);
		await expect(failure).rejects.toThrow(NodeOperationError);
		await expect(failure).rejects.toThrow(`Kula cannot deliver webhooks to ${webhookUrl}`);
		expect(sent).toEqual([]);
	});

	it('accepts a loopback URL with a loopback sandbox', async () => {
		const { context } = fakeHookContext({
			webhookUrl: 'http://127.0.0.1:5678/webhook/3b0c/webhook',
			credentials: { baseUrl: SANDBOX_BASE },
			routes: [on('POST', '/v1/webhooks', () => created)],
		});

		expect(await create.call(context)).toBe(true);
	});
});

describe('delete', () => {
	it('deletes only the stored subscription and clears it', async () => {
		const staticData = {
			subscriptions: {
				[PRODUCTION_URL]: { id: 'wh_1', secret: 'a', events: EVENTS },
				[TEST_URL]: { id: 'wh_test', secret: 'b', events: EVENTS },
			},
		};
		const { context, sent } = fakeHookContext({
			webhookUrl: TEST_URL,
			staticData,
			routes: [on('DELETE', '/v1/webhooks/wh_test', () => ({ statusCode: 204 }))],
		});

		expect(await deleteWebhook.call(context)).toBe(true);
		expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
			'DELETE https://api.kula.ai/v1/webhooks/wh_test',
		]);
		expect(staticData).toEqual({
			subscriptions: { [PRODUCTION_URL]: { id: 'wh_1', secret: 'a', events: EVENTS } },
		});
	});

	it('treats 404 as deleted', async () => {
		const { context, staticData } = fakeHookContext({
			staticData: stored(),
			routes: [
				on('DELETE', '/v1/webhooks/wh_1', () => ({
					statusCode: 404,
					body: { error: { code: 'ERR_NOT_FOUND', message: 'Webhook not found' } },
				})),
			],
		});

		expect(await deleteWebhook.call(context)).toBe(true);
		expect(staticData).toEqual({});
	});

	it('keeps the stored id when Kula fails', async () => {
		const { context, staticData } = fakeHookContext({
			staticData: stored(),
			routes: [on('DELETE', '/v1/webhooks/wh_1', () => ({ statusCode: 500, body: 'down' }))],
		});

		await expect(deleteWebhook.call(context)).rejects.toThrow(NodeApiError);
		expect(staticData).toEqual(stored());
	});

	it('leaves an adopted webhook in place', async () => {
		const { context, sent, staticData } = fakeHookContext({
			staticData: stored('wh_manual', 'whsec_from_kula', false),
		});

		expect(await deleteWebhook.call(context)).toBe(true);
		expect(sent).toEqual([]);
		expect(staticData).toEqual({});
	});

	it('sends nothing without a stored subscription', async () => {
		const { context, sent } = fakeHookContext();

		expect(await deleteWebhook.call(context)).toBe(true);
		expect(sent).toEqual([]);
	});
});

describe('manual registration', () => {
	it('calls no Kula API', async () => {
		const { context, sent } = fakeHookContext({
			parameters: { registration: 'manual' },
			webhookUrl: 'http://localhost:5678/webhook/3b0c/webhook',
		});

		expect(await checkExists.call(context)).toBe(true);
		expect(await create.call(context)).toBe(true);
		expect(await deleteWebhook.call(context)).toBe(true);
		expect(sent).toEqual([]);
	});
});
