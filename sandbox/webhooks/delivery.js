// @ts-check
'use strict';

/**
 * Webhook deliveries: the queue, retries, automatic disabling and the delivery log.
 *
 * Rules of D12 (developers.kula.ai "Retry policy") and D9 (developers.kula.ai "Webhook setup"):
 * - up to 7 attempts: at once, then 1 min, 5 min, 30 min, 2 h, 8 h and 16 h later;
 * - a retry follows a 5xx, a 429, a timeout or a network error, never a 2xx or another 4xx;
 * - a 410 disables the webhook;
 * - 25 failures within 24 hours disable the webhook.
 */

const { randomBytes } = require('node:crypto');
const { buildEnvelope, buildPingEnvelope } = require('./payloads');
const { signatureHeader } = require('./signing');
const { resolveLoopbackTarget } = require('./targets');
const { sendAttempt } = require('./transport');

/** @typedef {import('./subscriptions').WebhookSubscription} WebhookSubscription */
/** @typedef {import('./subscriptions').DisabledReason} DisabledReason */
/** @typedef {import('./config').WebhookConfig} WebhookConfig */
/** @typedef {import('./transport').AttemptResult} AttemptResult */
/** @typedef {import('./transport').PendingAttempt} PendingAttempt */

/**
 * One attempt of a delivery. The secret is never recorded, only the signature made with it.
 * @typedef {object} DeliveryAttempt
 * @property {number} number 1-based
 * @property {string} sent_at ISO 8601
 * @property {string} url the webhook URL at the time of the attempt
 * @property {Record<string, string>} headers every header the sandbox set on the request
 * @property {number | null} response_code null when no response arrived
 * @property {string | null} error why no response arrived, or why nothing was sent
 * @property {number} duration_ms
 */

/**
 * One event sent to one webhook, with all its attempts. ASSUMPTION: every field name. D14
 * (developers.kula.ai "Monitoring webhooks") names only the statuses pending, delivered and
 * failed.
 * @typedef {object} Delivery
 * @property {string} id `dlv_` and 24 hex digits
 * @property {string} webhook_id
 * @property {string} event
 * @property {string} event_id
 * @property {string | null} test_id set for the ping of `POST /v1/webhooks/:id/test`
 * @property {string | null} duplicate_of ID of the delivery this one repeats, when the
 *   `duplicateDeliveries` setting queued it
 * @property {'pending' | 'delivered' | 'failed'} status
 * @property {string} body the JSON text sent, whose UTF-8 bytes every attempt sends and signs
 * @property {DeliveryAttempt[]} attempts oldest first
 * @property {number | null} response_code of the latest attempt
 * @property {number | null} response_time_ms of the latest attempt
 * @property {string | null} error of the latest attempt, or why the delivery was stopped
 * @property {string | null} next_attempt_at ISO 8601 time of the scheduled retry
 * @property {string} created_at
 * @property {string | null} completed_at
 */

/**
 * @typedef {object} DeliveryJob
 * @property {Delivery} delivery
 * @property {Buffer} body the bytes of `delivery.body`, encoded once
 * @property {boolean} repeat whether a duplicate follows once this delivery finished
 * @property {NodeJS.Timeout | null} timer
 * @property {PendingAttempt | null} attempt the request in flight
 * @property {boolean} cancelled
 */

/** D12: the attempt count and the delays before attempts 2 to 7, in milliseconds. */
const MAX_ATTEMPTS = 7;
const RETRY_DELAYS_MS = [
	60_000,
	5 * 60_000,
	30 * 60_000,
	2 * 3_600_000,
	8 * 3_600_000,
	16 * 3_600_000,
];

/**
 * D12 counts 25 failed deliveries within 24 hours. ASSUMPTION: the sandbox counts failed
 * attempts, test pings included, and the window is never scaled.
 */
const FAILURE_LIMIT = 25;
const FAILURE_WINDOW_MS = 24 * 3_600_000;

/** @param {string} prefix */
function newId(prefix) {
	return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/**
 * Classifies an attempt by D12: delivered, failed with a retry allowed, or gone (410).
 * @param {AttemptResult} result
 * @returns {{ delivered: boolean, retry: boolean, gone: boolean }}
 */
function classifyAttempt(result) {
	const code = result.responseCode;
	if (code === null) {
		return { delivered: false, retry: true, gone: false };
	}
	if (code >= 200 && code < 300) {
		return { delivered: true, retry: false, gone: false };
	}
	// D12: 410 Gone disables the webhook and is not retried.
	if (code === 410) {
		return { delivered: false, retry: false, gone: true };
	}
	// D12: 5xx and 429 are retried. ASSUMPTION: 1xx and 3xx count as failures without a retry,
	// because D12 names only 2xx as success and the sandbox follows no redirects.
	return { delivered: false, retry: code >= 500 || code === 429, gone: false };
}

class WebhookDeliverer {
	/**
	 * @param {object} dependencies
	 * @param {import('../store').Store} dependencies.store
	 * @param {import('node:events').EventEmitter} dependencies.events receives
	 *   `webhook.delivery` with a copy of the delivery after each attempt, and when a pending
	 *   delivery is stopped because its webhook was disabled or deleted
	 * @param {() => WebhookConfig} dependencies.getConfig read at each step, so changes apply
	 * @param {(line: string) => void} dependencies.log
	 * @param {(line: string) => void} dependencies.logError
	 */
	constructor({ store, events, getConfig, log, logError }) {
		this.store = store;
		this.events = events;
		this.getConfig = getConfig;
		this.log = log;
		this.logError = logError;
		/** @type {Map<string, DeliveryJob>} pending deliveries by delivery ID */
		this.jobs = new Map();
		/** @type {Map<string, number[]>} times in ms of recent failed attempts, by webhook ID */
		this.failureTimes = new Map();
	}

	/**
	 * Queues `event` for every active webhook subscribed to it and returns the event ID with
	 * the IDs of the queued deliveries.
	 * @param {string} event
	 * @param {unknown} data
	 * @returns {{ eventId: string, deliveryIds: string[] }}
	 */
	deliverEvent(event, data) {
		const envelope = buildEnvelope(event, structuredClone(data), new Date());
		const body = JSON.stringify(envelope);
		const deliveryIds = [];
		for (const subscription of this.store.webhooks.values()) {
			if (subscription.status === 'active' && subscription.subscribed_events.includes(event)) {
				const delivery = this.queue(subscription.id, {
					event,
					eventId: envelope.event_id,
					body,
					testId: null,
					duplicateOf: null,
				});
				deliveryIds.push(delivery.id);
			}
		}
		return { eventId: envelope.event_id, deliveryIds };
	}

	/**
	 * Queues a `ping` (D13, developers.kula.ai "Testing webhooks"). ASSUMPTION: a ping is
	 * attempted once, without retries or a duplicate, and also reaches a disabled webhook, so
	 * its result is known quickly and an endpoint can be checked before it is enabled again.
	 * @param {WebhookSubscription} subscription
	 * @returns {Delivery}
	 */
	sendTest(subscription) {
		const envelope = buildPingEnvelope(new Date());
		return this.queue(subscription.id, {
			event: envelope.event,
			eventId: envelope.event_id,
			body: JSON.stringify(envelope),
			testId: newId('test'),
			duplicateOf: null,
		});
	}

	/**
	 * Disables a webhook and stops its pending deliveries.
	 * @param {WebhookSubscription} subscription
	 * @param {DisabledReason} reason
	 */
	disableSubscription(subscription, reason) {
		subscription.status = 'disabled';
		subscription.disabled_reason = reason;
		subscription.updated_at = new Date().toISOString();
		this.log(`webhook ${subscription.id} disabled: ${reason}`);
		this.stopPending(subscription.id, `webhook ${subscription.id} was disabled (${reason})`);
	}

	/**
	 * Enables a webhook. ASSUMPTION: enabling starts a new failure count, because otherwise the
	 * next failure would disable the webhook again at once.
	 * @param {WebhookSubscription} subscription
	 */
	enableSubscription(subscription) {
		subscription.status = 'active';
		subscription.disabled_reason = null;
		subscription.updated_at = new Date().toISOString();
		this.failureTimes.delete(subscription.id);
	}

	/**
	 * Marks every pending delivery of a webhook failed with `reason` and cancels its timers and
	 * requests.
	 * @param {string} webhookId
	 * @param {string} reason
	 */
	stopPending(webhookId, reason) {
		for (const job of [...this.jobs.values()]) {
			if (job.delivery.webhook_id === webhookId) {
				this.cancelJob(job);
				job.delivery.error = `not retried: ${reason}`;
				this.finish(job, 'failed');
				this.events.emit('webhook.delivery', structuredClone(job.delivery));
			}
		}
	}

	/** Cancels every timer and request and leaves the log as it is, for close. */
	cancelAll() {
		for (const job of this.jobs.values()) {
			this.cancelJob(job);
		}
		this.jobs.clear();
	}

	/** Cancels everything and clears the failure counts, for reset. */
	reset() {
		this.cancelAll();
		this.failureTimes.clear();
	}

	/**
	 * @param {string} webhookId
	 * @param {{ event: string, eventId: string, body: string, testId: string | null, duplicateOf: string | null }} message
	 * @returns {Delivery}
	 */
	queue(webhookId, message) {
		/** @type {Delivery} */
		const delivery = {
			id: newId('dlv'),
			webhook_id: webhookId,
			event: message.event,
			event_id: message.eventId,
			test_id: message.testId,
			duplicate_of: message.duplicateOf,
			status: 'pending',
			body: message.body,
			attempts: [],
			response_code: null,
			response_time_ms: null,
			error: null,
			next_attempt_at: null,
			created_at: new Date().toISOString(),
			completed_at: null,
		};
		this.store.addDelivery(delivery);
		/** @type {DeliveryJob} */
		const job = {
			delivery,
			body: Buffer.from(message.body, 'utf8'),
			repeat:
				this.getConfig().duplicateDeliveries &&
				message.testId === null &&
				message.duplicateOf === null,
			timer: null,
			attempt: null,
			cancelled: false,
		};
		this.jobs.set(delivery.id, job);
		// D12: the first attempt is immediate. The timer keeps it out of the API request.
		this.schedule(job, 0);
		return delivery;
	}

	/**
	 * @param {DeliveryJob} job
	 * @param {number} delayMs
	 */
	schedule(job, delayMs) {
		job.timer = setTimeout(() => {
			job.timer = null;
			this.attempt(job).catch((error) => {
				// A sandbox bug, so the delivery fails instead of staying pending forever.
				this.logError(
					`sandbox: webhook delivery ${job.delivery.id} failed: ${error?.stack ?? error}`,
				);
				job.delivery.error = `internal sandbox error: ${error?.message ?? error}`;
				this.finish(job, 'failed');
			});
		}, delayMs);
	}

	/**
	 * Runs one attempt and records it. Then, following D12, schedules the retry or finishes the
	 * delivery, and disables the webhook after a 410 or too many failures.
	 * @param {DeliveryJob} job
	 */
	async attempt(job) {
		const { delivery } = job;
		const subscription = this.store.webhooks.get(delivery.webhook_id);
		if (!subscription || (subscription.status !== 'active' && delivery.test_id === null)) {
			// Disabling and deleting stop pending deliveries, so this is only a safety net.
			delivery.error = `not sent: webhook ${delivery.webhook_id} is no longer active`;
			this.finish(job, 'failed');
			this.events.emit('webhook.delivery', structuredClone(delivery));
			return;
		}

		const number = delivery.attempts.length + 1;
		const sentAt = new Date();
		const { target, problem } = resolveLoopbackTarget(subscription.url);
		const headers = this.buildHeaders(subscription, job, sentAt, target?.hostHeader);

		/** @type {AttemptResult} */
		let result;
		if (target === null) {
			// The sandbox never opens a connection to a host outside the loopback range.
			result = {
				responseCode: null,
				error: `not sent: ${problem}`,
				timedOut: false,
				durationMs: 0,
			};
		} else {
			job.attempt = sendAttempt(target, headers, job.body, this.getConfig().webhookTimeoutMs);
			result = await job.attempt.result;
			job.attempt = null;
			if (job.cancelled) {
				return;
			}
		}

		delivery.attempts.push({
			number,
			sent_at: sentAt.toISOString(),
			url: subscription.url,
			headers,
			response_code: result.responseCode,
			error: result.error,
			duration_ms: result.durationMs,
		});
		delivery.response_code = result.responseCode;
		delivery.response_time_ms = result.durationMs;
		delivery.error = result.error;

		const outcome = classifyAttempt(result);
		/** @type {DisabledReason | null} */
		let disableReason = outcome.gone ? 'endpoint_returned_410' : null;
		if (!outcome.delivered && this.countFailure(subscription.id, sentAt.getTime())) {
			disableReason ??= 'too_many_failures';
		}
		// Sandbox rule: an attempt that was not sent is not retried, because its host stays
		// outside the loopback range.
		const retry =
			outcome.retry &&
			target !== null &&
			delivery.test_id === null &&
			number < MAX_ATTEMPTS &&
			disableReason === null;

		if (retry) {
			const delayMs = RETRY_DELAYS_MS[number - 1] * this.getConfig().webhookRetryScale;
			delivery.next_attempt_at = new Date(Date.now() + delayMs).toISOString();
			this.schedule(job, delayMs);
			this.logAttempt(delivery, `retry in ${Math.round(delayMs)} ms`);
		} else {
			this.finish(job, outcome.delivered ? 'delivered' : 'failed');
			this.logAttempt(delivery, delivery.status);
		}
		this.events.emit('webhook.delivery', structuredClone(delivery));

		if (disableReason !== null) {
			this.disableSubscription(subscription, disableReason);
		}
		if (!retry && job.repeat) {
			this.queueDuplicate(delivery);
		}
	}

	/**
	 * Builds the headers of one attempt (D10, developers.kula.ai "Webhook security"). Each
	 * attempt gets a fresh timestamp and signature over the same body bytes.
	 * @param {WebhookSubscription} subscription
	 * @param {DeliveryJob} job
	 * @param {Date} sentAt
	 * @param {string | undefined} hostHeader absent when nothing is sent
	 * @returns {Record<string, string>}
	 */
	buildHeaders(subscription, job, sentAt, hostHeader) {
		const timestamp = Math.floor(sentAt.getTime() / 1000);
		return {
			...subscription.headers,
			...(hostHeader === undefined ? {} : { Host: hostHeader }),
			'Content-Type': 'application/json',
			'Content-Length': String(job.body.length),
			'X-Kula-Signature': signatureHeader(subscription.secret, timestamp, job.body),
			'X-Kula-Timestamp': String(timestamp),
			'X-Kula-Event-Id': job.delivery.event_id,
			'X-Kula-Event': job.delivery.event,
		};
	}

	/**
	 * Records a failed attempt and returns whether the webhook has now failed FAILURE_LIMIT times
	 * within FAILURE_WINDOW_MS.
	 * @param {string} webhookId
	 * @param {number} nowMs
	 */
	countFailure(webhookId, nowMs) {
		const recent = (this.failureTimes.get(webhookId) ?? []).filter(
			(time) => nowMs - time < FAILURE_WINDOW_MS,
		);
		recent.push(nowMs);
		this.failureTimes.set(webhookId, recent);
		return recent.length >= FAILURE_LIMIT;
	}

	/**
	 * Queues the same event again, with the same event ID and body, for the
	 * `duplicateDeliveries` setting. A webhook that is no longer active gets no duplicate.
	 * @param {Delivery} original
	 */
	queueDuplicate(original) {
		const subscription = this.store.webhooks.get(original.webhook_id);
		if (subscription?.status !== 'active') {
			return;
		}
		this.queue(original.webhook_id, {
			event: original.event,
			eventId: original.event_id,
			body: original.body,
			testId: null,
			duplicateOf: original.id,
		});
	}

	/**
	 * @param {DeliveryJob} job
	 * @param {'delivered' | 'failed'} status
	 */
	finish(job, status) {
		job.delivery.status = status;
		job.delivery.next_attempt_at = null;
		job.delivery.completed_at = new Date().toISOString();
		this.jobs.delete(job.delivery.id);
	}

	/** @param {DeliveryJob} job */
	cancelJob(job) {
		job.cancelled = true;
		if (job.timer !== null) {
			clearTimeout(job.timer);
			job.timer = null;
		}
		job.attempt?.cancel();
		job.attempt = null;
	}

	/**
	 * @param {Delivery} delivery
	 * @param {string} next what happens next: the retry delay or the final status
	 */
	logAttempt(delivery, next) {
		const attempt = delivery.attempts[delivery.attempts.length - 1];
		const response =
			attempt.response_code === null ? attempt.error : `HTTP ${attempt.response_code}`;
		this.log(
			`webhook ${delivery.webhook_id} ${delivery.event} ${delivery.event_id} attempt ${attempt.number}: ${response} in ${attempt.duration_ms} ms, ${next}`,
		);
	}
}

module.exports = {
	WebhookDeliverer,
	MAX_ATTEMPTS,
	RETRY_DELAYS_MS,
	FAILURE_LIMIT,
	FAILURE_WINDOW_MS,
};
