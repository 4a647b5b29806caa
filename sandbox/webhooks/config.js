// @ts-check
'use strict';

/**
 * Webhook settings of the sandbox. They sit apart from the core settings in ../config.js, so
 * that `GET /_sandbox/config` keeps returning the core settings under `data` unchanged.
 */

/** @typedef {'subscribed_events' | 'events'} WebhookEventsField */

/**
 * Webhook settings that tests, `PUT /_sandbox/config` and `sandbox.setConfig` may change.
 * @typedef {object} WebhookConfig
 * @property {number} webhookRetryScale factor from 0 to 1 applied to every retry delay. 1 is
 *   Kula's schedule, and 0.000005 compresses its 26.6 hours into about half a second
 * @property {number} webhookTimeoutMs time one delivery attempt may take before it counts as
 *   failed and is retried
 * @property {boolean} duplicateDeliveries whether each event is delivered a second time, with
 *   the same event_id and body, after its first delivery finished
 * @property {WebhookEventsField} webhookEventsField the name the create and update calls accept
 *   for the event list. The other name is rejected with 422
 */

/** Names of the WebhookConfig keys, for validating partial updates. */
const WEBHOOK_CONFIG_KEYS = /** @type {const} */ ([
	'webhookRetryScale',
	'webhookTimeoutMs',
	'duplicateDeliveries',
	'webhookEventsField',
]);

/** @type {readonly WebhookEventsField[]} */
const EVENTS_FIELD_NAMES = ['subscribed_events', 'events'];

/** D9 and D12 (developers.kula.ai "Webhook setup" and "Retry policy"): 10 seconds per attempt. */
const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** Maximum delay that Node's setTimeout accepts. A longer delay fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * @param {unknown} value
 * @returns {number}
 */
function normalizeRetryScale(value) {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
		throw new TypeError(`webhookRetryScale must be a number from 0 to 1, got ${String(value)}`);
	}
	return value;
}

/**
 * @param {unknown} value
 * @returns {number}
 */
function normalizeWebhookTimeout(value) {
	if (!Number.isSafeInteger(value) || /** @type {number} */ (value) < 1) {
		throw new TypeError(
			`webhookTimeoutMs must be a positive integer of milliseconds, got ${String(value)}`,
		);
	}
	if (/** @type {number} */ (value) > MAX_TIMER_MS) {
		throw new TypeError(`webhookTimeoutMs must be at most ${MAX_TIMER_MS}, got ${String(value)}`);
	}
	return /** @type {number} */ (value);
}

/**
 * @param {unknown} value
 * @returns {boolean}
 */
function normalizeDuplicateDeliveries(value) {
	if (typeof value !== 'boolean') {
		throw new TypeError(`duplicateDeliveries must be true or false, got ${String(value)}`);
	}
	return value;
}

/**
 * @param {unknown} value
 * @returns {WebhookEventsField}
 */
function normalizeEventsField(value) {
	const match = EVENTS_FIELD_NAMES.find((name) => name === value);
	if (match === undefined) {
		throw new TypeError(
			`webhookEventsField must be one of ${EVENTS_FIELD_NAMES.join(', ')}, got ${String(value)}`,
		);
	}
	return match;
}

/**
 * Builds the starting webhook settings from `startSandbox` options, filling in the defaults.
 * @param {{ webhookRetryScale?: unknown, webhookTimeoutMs?: unknown, duplicateDeliveries?: unknown, webhookEventsField?: unknown }} options
 * @returns {WebhookConfig}
 */
function createWebhookConfig(options) {
	return {
		webhookRetryScale: normalizeRetryScale(options.webhookRetryScale ?? 1),
		webhookTimeoutMs: normalizeWebhookTimeout(
			options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
		),
		duplicateDeliveries: normalizeDuplicateDeliveries(options.duplicateDeliveries ?? false),
		// MCP webhooks.ts (create_webhook, update_webhook) sends `subscribed_events`.
		webhookEventsField: normalizeEventsField(options.webhookEventsField ?? 'subscribed_events'),
	};
}

/**
 * Validates the webhook keys present in `changes` and returns the settings they would produce.
 * Nothing is applied, so a caller can validate every key before changing anything.
 * @param {WebhookConfig} current
 * @param {Record<string, unknown>} changes
 * @returns {WebhookConfig}
 */
function mergeWebhookConfig(current, changes) {
	return {
		webhookRetryScale:
			changes.webhookRetryScale === undefined
				? current.webhookRetryScale
				: normalizeRetryScale(changes.webhookRetryScale),
		webhookTimeoutMs:
			changes.webhookTimeoutMs === undefined
				? current.webhookTimeoutMs
				: normalizeWebhookTimeout(changes.webhookTimeoutMs),
		duplicateDeliveries:
			changes.duplicateDeliveries === undefined
				? current.duplicateDeliveries
				: normalizeDuplicateDeliveries(changes.duplicateDeliveries),
		webhookEventsField:
			changes.webhookEventsField === undefined
				? current.webhookEventsField
				: normalizeEventsField(changes.webhookEventsField),
	};
}

module.exports = {
	WEBHOOK_CONFIG_KEYS,
	EVENTS_FIELD_NAMES,
	DEFAULT_WEBHOOK_TIMEOUT_MS,
	MAX_TIMER_MS,
	createWebhookConfig,
	mergeWebhookConfig,
	normalizeRetryScale,
	normalizeWebhookTimeout,
	normalizeEventsField,
};
