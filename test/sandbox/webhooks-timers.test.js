// @ts-check
'use strict';

const { createHook } = require('node:async_hooks');
const path = require('node:path');
const { sleep, startTestSandbox } = require('./helpers');
const { createWebhook, startReceiver, waitFor } = require('./webhooks-receiver');

/** Source folder of the sandbox, as it appears in stack traces. */
const SANDBOX_DIR = path.resolve(__dirname, '..', '..', 'sandbox') + path.sep;

/**
 * Tracks the referenced timers that sandbox code creates while the tracker is enabled, with
 * the stack that created each. A timer leaves `live` once it fired or was cleared. Timers of
 * jest, fetch and the receiver are left out, so other activity in the worker cannot change
 * the counts.
 */
function trackTimers() {
	/** @type {Map<number, string>} creation stack by async ID */
	const live = new Map();
	const hook = createHook({
		init(asyncId, type, _triggerAsyncId, resource) {
			// Unreferenced timers, such as Node's HTTP Date header cache, never keep the process
			// alive, so only referenced ones count.
			if (type !== 'Timeout' || !(/** @type {NodeJS.Timeout} */ (resource).hasRef())) {
				return;
			}
			const limit = Error.stackTraceLimit;
			Error.stackTraceLimit = 50;
			const stack = String(new Error('timer created').stack);
			Error.stackTraceLimit = limit;
			if (stack.includes(SANDBOX_DIR)) {
				live.set(asyncId, stack);
			}
		},
		destroy(asyncId) {
			live.delete(asyncId);
		},
	}).enable();
	return {
		/** Creation stacks of the live timers, so a failed assertion shows where they came from. */
		liveStacks: () => [...live.values()],
		/** Resolves once Node has reported the destroy events queued so far. */
		async settle() {
			for (let round = 0; round < 3; round += 1) {
				await new Promise((resolve) => setImmediate(resolve));
			}
		},
		stop: () => hook.disable(),
	};
}

/** @type {Awaited<ReturnType<typeof startReceiver>>} */
let receiver;

beforeAll(async () => {
	receiver = await startReceiver();
});

afterAll(async () => {
	await receiver.close();
});

beforeEach(() => {
	receiver.requests.length = 0;
});

describe('webhook timers', () => {
	test('reset cancels a pending retry', async () => {
		// Kula's real schedule, so the first retry waits a minute.
		const sandbox = await startTestSandbox({ webhookRetryScale: 1 });
		receiver.setResponder(() => ({ status: 500 }));
		await createWebhook(sandbox, { url: receiver.url, subscribed_events: ['offer.created'] });
		const timers = trackTimers();
		try {
			sandbox.emitEvent('offer.created', { id: 1 });
			const delivery = await waitFor(
				() => (sandbox.store.deliveries[0]?.next_attempt_at ? sandbox.store.deliveries[0] : null),
				'a scheduled retry',
			);
			await timers.settle();
			const withRetry = timers.liveStacks();
			sandbox.reset();
			await timers.settle();
			const afterReset = timers.liveStacks();
			await sleep(50);

			expect(delivery.attempts).toHaveLength(1);
			expect(withRetry).toHaveLength(1);
			expect(withRetry[0]).toContain('WebhookDeliverer.schedule');
			expect(afterReset).toEqual([]);
			expect(sandbox.store.deliveries).toHaveLength(0);
			expect(sandbox.store.webhooks.size).toBe(0);
			expect(receiver.requests).toHaveLength(1);
		} finally {
			timers.stop();
			await sandbox.close();
		}
	});

	test('close cancels a request in flight', async () => {
		const sandbox = await startTestSandbox({ webhookTimeoutMs: 60_000 });
		receiver.setResponder(() => ({ status: 200, hang: true }));
		await createWebhook(sandbox, { url: receiver.url, subscribed_events: ['offer.created'] });
		const timers = trackTimers();
		try {
			sandbox.emitEvent('offer.created', { id: 1 });
			await waitFor(() => receiver.requests.length === 1, 'the request to arrive');
			await timers.settle();
			const inFlight = timers.liveStacks();
			const closeStartedAt = Date.now();
			await sandbox.close();
			const closeMs = Date.now() - closeStartedAt;
			await timers.settle();

			// The attempt's own 60-second timeout is the one live timer.
			expect(inFlight).toHaveLength(1);
			expect(inFlight[0]).toContain('sendAttempt');
			expect(timers.liveStacks()).toEqual([]);
			expect(closeMs).toBeLessThan(1000);
			expect(sandbox.store.deliveries[0].status).toBe('pending');
			expect(sandbox.store.deliveries[0].attempts).toHaveLength(0);
		} finally {
			timers.stop();
		}
	});

	test('close cancels a pending retry', async () => {
		const sandbox = await startTestSandbox({ webhookRetryScale: 1 });
		receiver.setResponder(() => ({ status: 503 }));
		await createWebhook(sandbox, { url: receiver.url, subscribed_events: ['offer.created'] });
		const timers = trackTimers();
		try {
			sandbox.emitEvent('offer.created', { id: 1 });
			await waitFor(() => sandbox.store.deliveries[0]?.next_attempt_at, 'a scheduled retry');
			await timers.settle();
			const withRetry = timers.liveStacks();
			await sandbox.close();
			await timers.settle();

			expect(withRetry).toHaveLength(1);
			expect(withRetry[0]).toContain('WebhookDeliverer.schedule');
			expect(timers.liveStacks()).toEqual([]);
		} finally {
			timers.stop();
		}
	});
});
