// @ts-check
'use strict';

const { EventEmitter } = require('node:events');
const {
	createConfig,
	normalizeDurationRule,
	normalizeProvisionDelay,
	normalizeRateLimit,
} = require('./config');
const { ConferenceProvisioner } = require('./provisioning');
const { FixedWindowRateLimiter } = require('./rate-limit');
const { Store } = require('./store');
const {
	WEBHOOK_CONFIG_KEYS,
	createWebhookConfig,
	mergeWebhookConfig,
} = require('./webhooks/config');
const { WebhookDeliverer } = require('./webhooks/delivery');

/** @typedef {import('./config').SandboxConfig} SandboxConfig */
/** @typedef {import('./config').RateLimitSetting} RateLimitSetting */
/** @typedef {import('./webhooks/config').WebhookConfig} WebhookConfig */

/**
 * The state shared by the server and every route of one sandbox instance.
 * @typedef {object} SandboxContext
 * @property {Store} store
 * @property {SandboxConfig} config
 * @property {WebhookConfig} webhookConfig
 * @property {FixedWindowRateLimiter} rateLimiter
 * @property {ConferenceProvisioner} provisioner
 * @property {WebhookDeliverer} deliverer
 * @property {EventEmitter} events emits `interview.created` and `interview.provisioned`, each
 *   with a copy of the interview, and `webhook.delivery` with a copy of a delivery
 * @property {(line: string) => void} log receives one line per request, silent by default
 * @property {(line: string) => void} logError receives internal errors, which go to the `log`
 *   option when given and to stderr otherwise
 * @property {() => void} reset
 * @property {(setting: RateLimitSetting | false) => void} setRateLimit
 * @property {(changes: Record<string, unknown>) => SandboxConfig} updateConfig
 */

/**
 * @param {{ rateLimit?: unknown, provisionDelayMs?: unknown, durationRule?: unknown, webhookRetryScale?: unknown, webhookTimeoutMs?: unknown, duplicateDeliveries?: unknown, webhookEventsField?: unknown, log?: (line: string) => void }} options
 * @returns {SandboxContext}
 */
function createContext(options) {
	const config = createConfig(options);
	const webhookConfig = createWebhookConfig(options);
	const store = new Store();
	const events = new EventEmitter();
	const log = options.log ?? (() => {});
	const logError = options.log ?? ((/** @type {string} */ line) => console.error(line));
	const rateLimiter = new FixedWindowRateLimiter(config.rateLimit);
	const provisioner = new ConferenceProvisioner({
		interviews: store.interviews,
		events,
		getDelayMs: () => config.provisionDelayMs,
	});
	const deliverer = new WebhookDeliverer({
		store,
		events,
		getConfig: () => webhookConfig,
		log,
		logError,
	});

	// D11 (developers.kula.ai "Webhook payloads"): interview.event.created fires once
	// provisioning completes. External events are never provisioned, so they never send it.
	events.on('interview.provisioned', (interview) => {
		deliverer.deliverEvent('interview.event.created', interview);
	});

	/** @param {RateLimitSetting | false} setting */
	function setRateLimit(setting) {
		config.rateLimit = normalizeRateLimit(setting);
		rateLimiter.configure(config.rateLimit);
	}

	/**
	 * Applies `rateLimit`, `provisionDelayMs`, `durationRule` and the webhook settings from
	 * `changes` after validating all of them, and returns a copy of the new core configuration.
	 * @param {Record<string, unknown>} changes
	 */
	function updateConfig(changes) {
		const known = ['rateLimit', 'provisionDelayMs', 'durationRule', ...WEBHOOK_CONFIG_KEYS];
		const unknown = Object.keys(changes).filter((key) => !known.includes(key));
		if (unknown.length > 0) {
			throw new TypeError(
				`unknown config keys: ${unknown.join(', ')}. Valid keys are ${known.join(', ')}`,
			);
		}
		const next = {
			rateLimit:
				changes.rateLimit === undefined ? config.rateLimit : normalizeRateLimit(changes.rateLimit),
			provisionDelayMs:
				changes.provisionDelayMs === undefined
					? config.provisionDelayMs
					: normalizeProvisionDelay(changes.provisionDelayMs),
			durationRule:
				changes.durationRule === undefined
					? config.durationRule
					: normalizeDurationRule(changes.durationRule),
		};
		const nextWebhookConfig = mergeWebhookConfig(webhookConfig, changes);
		if (changes.rateLimit !== undefined) {
			setRateLimit(next.rateLimit);
		}
		config.provisionDelayMs = next.provisionDelayMs;
		config.durationRule = next.durationRule;
		Object.assign(webhookConfig, nextWebhookConfig);
		return { ...config };
	}

	return {
		store,
		config,
		webhookConfig,
		rateLimiter,
		provisioner,
		deliverer,
		events,
		log,
		logError,
		reset() {
			provisioner.cancelAll();
			deliverer.reset();
			store.reset();
			rateLimiter.reset();
		},
		setRateLimit,
		updateConfig,
	};
}

module.exports = { createContext };
