// @ts-check
'use strict';

const dns = require('node:dns');
const http = require('node:http');
const net = require('node:net');
const {
	callApi,
	createInterview,
	externalBody,
	planBody,
	sleep,
	startTestSandbox,
} = require('./helpers');
const {
	createWebhook,
	replySequence,
	startReceiver,
	verifySignature,
	waitFor,
} = require('./webhooks-receiver');

/**
 * Compresses the retry schedule of 26.6 hours (1 min + 5 min + 30 min + 2 h + 8 h + 16 h) into
 * about 0.5 seconds.
 */
const FAST_RETRY_SCALE = 0.000005;

/** @typedef {import('../../sandbox/webhooks/delivery').Delivery} Delivery */

/** @type {import('../../sandbox').Sandbox} */
let sandbox;
/** @type {Awaited<ReturnType<typeof startReceiver>>} */
let receiver;

beforeAll(async () => {
	sandbox = await startTestSandbox({ webhookRetryScale: FAST_RETRY_SCALE, webhookTimeoutMs: 2000 });
	receiver = await startReceiver();
});

beforeEach(() => {
	sandbox.reset();
	sandbox.setConfig({
		webhookRetryScale: FAST_RETRY_SCALE,
		webhookTimeoutMs: 2000,
		duplicateDeliveries: false,
	});
	receiver.setResponder(() => ({ status: 200 }));
	receiver.requests.length = 0;
});

afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});

/**
 * Subscribes the receiver to `events` and returns the created webhook, secret included.
 * @param {string[]} [events]
 * @param {Record<string, unknown>} [overrides]
 */
async function subscribe(events = ['interview.event.created'], overrides = {}) {
	const response = await createWebhook(sandbox, {
		url: `${receiver.url}/kula`,
		subscribed_events: events,
		...overrides,
	});
	expect(response.status).toBe(201);
	return response.body.data;
}

/**
 * Waits until `count` deliveries exist and none is pending, and returns them.
 * @param {number} count
 * @returns {Promise<Delivery[]>}
 */
function settledDeliveries(count) {
	return waitFor(
		() =>
			sandbox.store.deliveries.length >= count &&
			sandbox.store.deliveries.every((delivery) => delivery.status !== 'pending')
				? sandbox.store.deliveries
				: null,
		`${count} finished deliveries`,
	);
}

describe('interview.event.created', () => {
	test('provisioned interview sends signed envelope', async () => {
		const webhook = await subscribe(['interview.event.created'], {
			url: `${receiver.url}/kula?source=sandbox`,
			headers: { 'X-N8n-Token': 'shared-token' },
		});
		const created = await createInterview(sandbox, planBody());

		const [request] = await waitFor(
			() => (receiver.requests.length > 0 ? receiver.requests : null),
			'the delivery',
		);
		const [delivery] = await settledDeliveries(1);
		const envelope = JSON.parse(request.rawBody.toString('utf8'));
		const interview = await callApi(sandbox, `/v1/interviews/${created.body.data.id}`);
		const signature = verifySignature(
			request.headers['x-kula-signature'],
			request.rawBody,
			webhook.secret,
		);

		expect(request.method).toBe('POST');
		expect(request.url).toBe('/kula?source=sandbox');
		expect(signature.valid).toBe(true);
		expect(Math.abs(signature.timestamp - Date.now() / 1000)).toBeLessThan(10);
		expect(
			verifySignature(request.headers['x-kula-signature'], request.rawBody, 'other').valid,
		).toBe(false);
		expect(request.headers['x-kula-timestamp']).toBe(String(signature.timestamp));
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers['x-kula-event']).toBe('interview.event.created');
		expect(request.headers['x-kula-event-id']).toBe(envelope.event_id);
		expect(request.headers['x-n8n-token']).toBe('shared-token');
		expect(envelope.event).toBe('interview.event.created');
		expect(envelope.event_id).toMatch(/^evt_[0-9a-f]{24}$/);
		expect(envelope.account_id).toBe(7001);
		expect(Number.isNaN(Date.parse(envelope.created_at))).toBe(false);
		expect(envelope.data).toEqual(interview.body.data);
		expect(envelope.data.video_conferencing_url).toMatch(/^https:\/\/zoom\.us\/j\//);
		expect(delivery.status).toBe('delivered');
		expect(delivery.body).toBe(request.rawBody.toString('utf8'));
		expect(delivery.attempts).toHaveLength(1);
		expect(delivery.attempts[0].response_code).toBe(200);
		expect(delivery.attempts[0].headers['X-Kula-Signature']).toBe(
			request.headers['x-kula-signature'],
		);
	});

	test('external interview sends nothing', async () => {
		await subscribe();

		const external = await createInterview(sandbox, externalBody());
		// A Kula-managed interview created afterwards is provisioned after the external one would be.
		const managed = await createInterview(sandbox, planBody());
		const deliveries = await settledDeliveries(1);
		await sleep(100);
		const [request] = receiver.requests;

		expect(external.status).toBe(201);
		expect(deliveries).toHaveLength(1);
		expect(receiver.requests).toHaveLength(1);
		expect(JSON.parse(request.rawBody.toString('utf8')).data.id).toBe(managed.body.data.id);
	});

	test('only active subscribers receive', async () => {
		const subscribed = await subscribe();
		await subscribe(['offer.created']);
		const disabled = await subscribe();
		await callApi(sandbox, `/v1/webhooks/${disabled.id}/disable`, { method: 'POST' });

		const emitted = sandbox.emitEvent('interview.event.created', { id: 1 });
		const deliveries = await settledDeliveries(1);

		expect(emitted.eventId).toMatch(/^evt_/);
		expect(emitted.deliveryIds).toHaveLength(1);
		expect(deliveries.map((delivery) => delivery.webhook_id)).toEqual([subscribed.id]);
		expect(receiver.requests).toHaveLength(1);
	});
});

describe('signing', () => {
	test('non-ASCII body is signed as bytes', async () => {
		const webhook = await subscribe(['interview.event.updated']);
		const name = 'Entrevista técnica – São Paulo 面接';

		sandbox.emitEvent('interview.event.updated', { id: 9001, name });
		await settledDeliveries(1);
		const [request] = receiver.requests;

		expect(request.rawBody.length).toBeGreaterThan(request.rawBody.toString('utf8').length);
		expect(request.headers['content-length']).toBe(String(request.rawBody.length));
		expect(
			verifySignature(request.headers['x-kula-signature'], request.rawBody, webhook.secret).valid,
		).toBe(true);
		expect(JSON.parse(request.rawBody.toString('utf8')).data.name).toBe(name);
	});

	test('rotated secret signs later deliveries', async () => {
		const webhook = await subscribe();
		const rotated = await callApi(sandbox, `/v1/webhooks/${webhook.id}/regenerate-secret`, {
			method: 'POST',
		});

		sandbox.emitEvent('interview.event.created', { id: 1 });
		await settledDeliveries(1);
		const [request] = receiver.requests;
		const header = request.headers['x-kula-signature'];

		expect(verifySignature(header, request.rawBody, rotated.body.data.secret).valid).toBe(true);
		expect(verifySignature(header, request.rawBody, webhook.secret).valid).toBe(false);
	});

	test('secret never appears in logs', async () => {
		const webhook = await subscribe();
		sandbox.emitEvent('interview.event.created', { id: 1 });
		await settledDeliveries(1);

		const logs = await callApi(sandbox, `/v1/webhooks/${webhook.id}/logs`);
		const all = await callApi(sandbox, '/_sandbox/deliveries', { key: null });

		expect(JSON.stringify(logs.body)).not.toContain(webhook.secret);
		expect(JSON.stringify(all.body)).not.toContain(webhook.secret);
		expect(JSON.stringify(sandbox.store.deliveries)).not.toContain(webhook.secret);
	});
});

describe('test ping', () => {
	test('ping is delivered and reported', async () => {
		const webhook = await subscribe();

		const started = await callApi(sandbox, `/v1/webhooks/${webhook.id}/test`, {
			method: 'POST',
			body: {},
		});
		const testId = started.body.data.test_id;
		await settledDeliveries(1);
		const result = await callApi(sandbox, `/v1/webhooks/${webhook.id}/test/${testId}`);
		const [request] = receiver.requests;
		const envelope = JSON.parse(request.rawBody.toString('utf8'));

		expect(started.status).toBe(202);
		expect(started.body.data).toEqual({ test_id: testId, status: 'pending' });
		expect(testId).toMatch(/^test_[0-9a-f]{24}$/);
		expect(result.body.data).toMatchObject({
			test_id: testId,
			status: 'delivered',
			response_code: 200,
		});
		expect(typeof result.body.data.response_time_ms).toBe('number');
		expect(envelope).toMatchObject({ event: 'ping', data: { message: 'Webhook test' } });
		expect(request.headers['x-kula-event']).toBe('ping');
		expect(
			verifySignature(request.headers['x-kula-signature'], request.rawBody, webhook.secret).valid,
		).toBe(true);
	});

	test('failed ping is not retried', async () => {
		const webhook = await subscribe();
		receiver.setResponder(() => ({ status: 500 }));

		const started = await callApi(sandbox, `/v1/webhooks/${webhook.id}/test`, { method: 'POST' });
		await settledDeliveries(1);
		await sleep(50);
		const result = await callApi(
			sandbox,
			`/v1/webhooks/${webhook.id}/test/${started.body.data.test_id}`,
		);

		expect(result.body.data.status).toBe('failed');
		expect(result.body.data.response_code).toBe(500);
		expect(receiver.requests).toHaveLength(1);
	});
});

describe('retries', () => {
	test('5xx and 429 retried until success', async () => {
		await subscribe();
		receiver.setResponder(replySequence([500, 503, 429, 200]));
		/** @type {Delivery[]} */
		const reported = [];
		/** @param {Delivery} delivery */
		const listener = (delivery) => reported.push(delivery);
		sandbox.events.on('webhook.delivery', listener);

		sandbox.emitEvent('interview.event.created', { id: 1 });
		const [delivery] = await settledDeliveries(1);
		sandbox.events.off('webhook.delivery', listener);
		const bodies = receiver.requests.map((request) => request.rawBody.toString('utf8'));
		const eventIds = receiver.requests.map((request) => request.headers['x-kula-event-id']);

		expect(delivery.status).toBe('delivered');
		expect(delivery.attempts.map((attempt) => attempt.response_code)).toEqual([500, 503, 429, 200]);
		expect(delivery.attempts.map((attempt) => attempt.number)).toEqual([1, 2, 3, 4]);
		expect(receiver.requests).toHaveLength(4);
		expect(new Set(bodies).size).toBe(1);
		expect(new Set(eventIds).size).toBe(1);
		expect(reported.map((entry) => entry.status)).toEqual([
			'pending',
			'pending',
			'pending',
			'delivered',
		]);
		expect(reported[0].next_attempt_at).not.toBeNull();
	});

	test('400 is not retried', async () => {
		await subscribe();
		receiver.setResponder(replySequence([400, 200]));

		sandbox.emitEvent('interview.event.created', { id: 1 });
		const [delivery] = await settledDeliveries(1);
		await sleep(50);

		expect(delivery.status).toBe('failed');
		expect(delivery.attempts).toHaveLength(1);
		expect(delivery.response_code).toBe(400);
		expect(receiver.requests).toHaveLength(1);
	});

	test('timeout is retried', async () => {
		sandbox.setConfig({ webhookTimeoutMs: 300 });
		await subscribe();
		receiver.setResponder((_request, index) =>
			index === 0 ? { status: 200, delayMs: 1500 } : { status: 200 },
		);

		sandbox.emitEvent('interview.event.created', { id: 1 });
		const [delivery] = await settledDeliveries(1);

		expect(delivery.status).toBe('delivered');
		expect(delivery.attempts).toHaveLength(2);
		expect(delivery.attempts[0].response_code).toBeNull();
		expect(delivery.attempts[0].error).toBe('timed out after 300 ms');
		expect(delivery.attempts[1].response_code).toBe(200);
	});

	test('refused connection uses all 7 attempts', async () => {
		const closedPort = await findClosedPort();
		await subscribe(['interview.event.created'], { url: `http://127.0.0.1:${closedPort}/kula` });

		sandbox.emitEvent('interview.event.created', { id: 1 });
		const [delivery] = await settledDeliveries(1);

		expect(delivery.status).toBe('failed');
		expect(delivery.attempts).toHaveLength(7);
		expect(delivery.attempts.every((attempt) => attempt.error?.includes('ECONNREFUSED'))).toBe(
			true,
		);
		expect(delivery.next_attempt_at).toBeNull();
		expect(delivery.completed_at).not.toBeNull();
	});

	test('410 disables the webhook', async () => {
		const webhook = await subscribe();
		receiver.setResponder(() => ({ status: 410 }));

		sandbox.emitEvent('interview.event.created', { id: 1 });
		const [delivery] = await settledDeliveries(1);
		const read = await callApi(sandbox, `/v1/webhooks/${webhook.id}`);
		const next = sandbox.emitEvent('interview.event.created', { id: 2 });

		expect(delivery.status).toBe('failed');
		expect(delivery.attempts).toHaveLength(1);
		expect(read.body.data.status).toBe('disabled');
		expect(read.body.data.disabled_reason).toBe('endpoint_returned_410');
		expect(next.deliveryIds).toHaveLength(0);
	});

	test('25 failed attempts disable the webhook', async () => {
		const webhook = await subscribe();
		receiver.setResponder(() => ({ status: 500 }));

		for (let index = 0; index < 4; index += 1) {
			sandbox.emitEvent('interview.event.created', { id: index });
		}
		const deliveries = await settledDeliveries(4);
		const read = await callApi(sandbox, `/v1/webhooks/${webhook.id}`);
		const attempts = deliveries.flatMap((delivery) => delivery.attempts);
		const stopped = deliveries.filter((delivery) => delivery.attempts.length < 7);

		expect(read.body.data.status).toBe('disabled');
		expect(read.body.data.disabled_reason).toBe('too_many_failures');
		expect(attempts).toHaveLength(25);
		expect(deliveries.every((delivery) => delivery.status === 'failed')).toBe(true);
		expect(stopped.length).toBeGreaterThan(0);

		await callApi(sandbox, `/v1/webhooks/${webhook.id}/enable`, { method: 'POST' });
		receiver.setResponder(() => ({ status: 200 }));
		sandbox.emitEvent('interview.event.created', { id: 5 });
		const afterEnable = await settledDeliveries(5);

		expect(afterEnable[4].status).toBe('delivered');
	});

	test('disable stops a pending retry', async () => {
		sandbox.setConfig({ webhookRetryScale: 1 });
		const webhook = await subscribe();
		receiver.setResponder(() => ({ status: 500 }));

		sandbox.emitEvent('interview.event.created', { id: 1 });
		await waitFor(() => sandbox.store.deliveries[0]?.attempts.length === 1, 'the first attempt');
		await callApi(sandbox, `/v1/webhooks/${webhook.id}/disable`, { method: 'POST' });
		const [delivery] = sandbox.store.deliveries;

		expect(delivery.status).toBe('failed');
		expect(delivery.next_attempt_at).toBeNull();
		expect(delivery.error).toBe(
			`not retried: webhook ${webhook.id} was disabled (disabled_via_api)`,
		);
	});

	test('delete stops a pending retry', async () => {
		sandbox.setConfig({ webhookRetryScale: 1 });
		const webhook = await subscribe();
		receiver.setResponder(() => ({ status: 503 }));

		sandbox.emitEvent('interview.event.created', { id: 1 });
		await waitFor(() => sandbox.store.deliveries[0]?.attempts.length === 1, 'the first attempt');
		await callApi(sandbox, `/v1/webhooks/${webhook.id}`, { method: 'DELETE' });
		const [delivery] = sandbox.store.deliveries;

		expect(delivery.status).toBe('failed');
		expect(delivery.error).toBe(`not retried: webhook ${webhook.id} was deleted`);
	});
});

describe('loopback only', () => {
	test('other hosts get no connection', async () => {
		const urls = [
			'https://hooks.kula.invalid/n8n',
			'https://192.0.2.10/n8n',
			'https://[::ffff:127.0.0.1]:5678/n8n',
			'https://127.0.0.1.kula.invalid/n8n',
		];
		for (const url of urls) {
			await subscribe(['interview.event.updated'], { url });
		}
		// Any connection or lookup during the delivery fails the test instead of leaving the machine.
		const connect = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
			throw new Error('the sandbox opened a connection');
		});
		const lookup = jest.spyOn(dns, 'lookup').mockImplementation(() => {
			throw new Error('the sandbox resolved a host name');
		});

		const startedAt = Date.now();
		/** @type {Delivery[]} */
		let deliveries;
		let connectCalls;
		let lookupCalls;
		try {
			sandbox.emitEvent('interview.event.updated', { id: 9001 });
			deliveries = await settledDeliveries(urls.length);
		} finally {
			// mockRestore clears the recorded calls, so they are counted first.
			connectCalls = connect.mock.calls.length;
			lookupCalls = lookup.mock.calls.length;
			connect.mockRestore();
			lookup.mockRestore();
		}
		const elapsedMs = Date.now() - startedAt;

		expect(connectCalls).toBe(0);
		expect(lookupCalls).toBe(0);
		expect(elapsedMs).toBeLessThan(1000);
		for (const delivery of deliveries) {
			expect(delivery.status).toBe('failed');
			expect(delivery.attempts).toHaveLength(1);
			expect(delivery.attempts[0].response_code).toBeNull();
			expect(delivery.attempts[0].duration_ms).toBe(0);
			expect(delivery.attempts[0].error).toMatch(
				/^not sent: the sandbox delivers only to loopback hosts \(127\.0\.0\.0\/8, ::1 or localhost\), and \S+ is not one$/,
			);
		}
		expect(deliveries[0].error).toContain('hooks.kula.invalid is not one');
	});
});

describe('duplicates and logs', () => {
	test('duplicate switch delivers twice', async () => {
		sandbox.setConfig({ duplicateDeliveries: true });
		const webhook = await subscribe();

		sandbox.emitEvent('interview.event.created', { id: 1 });
		const [first, second] = await settledDeliveries(2);
		await sleep(50);
		const [firstRequest, secondRequest] = receiver.requests;

		expect(sandbox.store.deliveries).toHaveLength(2);
		expect(receiver.requests).toHaveLength(2);
		expect(second.duplicate_of).toBe(first.id);
		expect(second.event_id).toBe(first.event_id);
		expect(secondRequest.headers['x-kula-event-id']).toBe(firstRequest.headers['x-kula-event-id']);
		expect(secondRequest.rawBody.equals(firstRequest.rawBody)).toBe(true);
		expect(Date.parse(second.created_at)).toBeGreaterThanOrEqual(
			Date.parse(/** @type {string} */ (first.completed_at)),
		);
		for (const request of receiver.requests) {
			expect(
				verifySignature(request.headers['x-kula-signature'], request.rawBody, webhook.secret).valid,
			).toBe(true);
		}
	});

	test('logs filter and page', async () => {
		const webhook = await subscribe(['interview.event.created', 'interview.event.updated']);
		sandbox.emitEvent('interview.event.created', { id: 1 });
		await settledDeliveries(1);
		receiver.setResponder(() => ({ status: 400 }));
		sandbox.emitEvent('interview.event.updated', { id: 1 });
		await settledDeliveries(2);
		const path = `/v1/webhooks/${webhook.id}/logs`;

		const all = await callApi(sandbox, path);
		const failed = await callApi(sandbox, `${path}?status=failed`);
		const created = await callApi(sandbox, `${path}?event=interview.event.created`);
		const paged = await callApi(sandbox, `${path}?limit=1&page=2`);
		const invalid = await callApi(sandbox, `${path}?status=lost`);

		expect(all.status).toBe(200);
		expect(Object.keys(all.body).sort()).toEqual(['logs', 'pagination']);
		expect(all.body.pagination).toEqual({ page: 1, total_pages: 1 });
		expect(all.body.logs.map((/** @type {Delivery} */ log) => log.event)).toEqual([
			'interview.event.updated',
			'interview.event.created',
		]);
		expect(all.body.logs[1].attempts[0].headers['X-Kula-Event']).toBe('interview.event.created');
		expect(failed.body.logs).toHaveLength(1);
		expect(failed.body.logs[0].response_code).toBe(400);
		expect(created.body.logs).toHaveLength(1);
		expect(created.body.logs[0].status).toBe('delivered');
		expect(paged.body.logs[0].event).toBe('interview.event.created');
		expect(paged.body.pagination).toEqual({ page: 2, total_pages: 2 });
		expect(invalid.status).toBe(400);
	});

	test('control route lists deliveries', async () => {
		await subscribe();
		sandbox.emitEvent('interview.event.created', { id: 1 });
		await settledDeliveries(1);

		const response = await callApi(sandbox, '/_sandbox/deliveries', { key: null });

		expect(response.status).toBe(200);
		expect(response.body.data).toEqual(sandbox.store.deliveries);
	});
});

/**
 * Returns a loopback port that nothing listens on, by opening and closing a server.
 * @returns {Promise<number>}
 */
async function findClosedPort() {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	await new Promise((resolve) => server.close(() => resolve(undefined)));
	return port;
}
