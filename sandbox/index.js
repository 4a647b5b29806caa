// @ts-check
'use strict';

/**
 * The Kula sandbox: a local emulator of the documented Kula API for tests and demos, in the
 * spirit of stripe-mock. It listens on a loopback address only and never calls Kula.
 */

const { createContext } = require('./context');
const { API_KEYS, SEED } = require('./seed');
const { createSandboxServer } = require('./server');
const { EVENT_NAMES } = require('./webhooks/payloads');

/** Hosts the sandbox may listen on. Anything else would expose it beyond this machine. */
const LOOPBACK_HOSTS = ['127.0.0.1', '::1'];

/**
 * @typedef {object} SandboxOptions
 * @property {number} [port] TCP port, where 0 (the default) picks a free port
 * @property {string} [host] loopback address to listen on: 127.0.0.1 (default) or ::1
 * @property {number} [provisionDelayMs] delay in ms before a created interview's conference URL
 *   is filled, 1500 by default
 * @property {import('./config').RateLimitSetting | false} [rateLimit] default
 *   `{ limit: 1000, windowSeconds: 3600 }`, and false switches rate limiting off
 * @property {import('./config').DurationRuleName} [durationRule] duration rule of the newest
 *   (default) or the older MCP schema
 * @property {number} [webhookRetryScale] factor from 0 to 1 applied to every webhook retry
 *   delay, 1 by default (Kula's schedule of 1 min to 16 h)
 * @property {number} [webhookTimeoutMs] time one delivery attempt may take, 10000 by default
 * @property {boolean} [duplicateDeliveries] deliver each event a second time with the same
 *   event_id, false by default
 * @property {import('./webhooks/config').WebhookEventsField} [webhookEventsField] the event-list
 *   field that the webhook create and update calls accept, `subscribed_events` by default
 * @property {(line: string) => void} [log] receives one line per request and every internal
 *   error. Without it, requests are not logged and internal errors go to stderr
 */

/**
 * @typedef {object} Sandbox
 * @property {string} url base URL such as `http://127.0.0.1:4010`, to which API paths starting
 *   with /v1 are appended
 * @property {number} port
 * @property {import('./store').Store} store in-memory state, including `interviews`,
 *   `requests`, `webhooks` (ID to subscription, secret included) and `deliveries`
 * @property {import('node:events').EventEmitter} events emits `interview.created` and
 *   `interview.provisioned` with a copy of the interview, and `webhook.delivery` with a copy of
 *   the delivery after each attempt and when a pending delivery is stopped
 * @property {() => AllConfig} getConfig returns a copy of the settings
 * @property {(changes: Partial<AllConfig>) => AllConfig} setConfig validates and applies any of
 *   the settings and returns a copy of all of them. Throws a TypeError that names an invalid
 *   or unknown key, and then changes nothing
 * @property {(setting: import('./config').RateLimitSetting | false) => void} setRateLimit
 *   replaces the rate limit and resets its window
 * @property {(eventType: string, data: unknown) => { eventId: string, deliveryIds: string[] }} emitEvent
 *   delivers an event with `data` to every active webhook subscribed to it. Throws a TypeError
 *   for an event type that GET /v1/webhooks/events does not list
 * @property {() => void} reset clears created interviews, the request log, webhooks,
 *   deliveries, pending provisioning and retries, and rate-limit counters, and keeps the seed
 * @property {() => Promise<void>} close stops the server, closes every connection and cancels
 *   every timer and delivery in flight
 */

/** @typedef {import('./config').SandboxConfig & import('./webhooks/config').WebhookConfig} AllConfig */

/**
 * Starts a sandbox and resolves once it listens.
 * @param {SandboxOptions} [options]
 * @returns {Promise<Sandbox>}
 * @throws {Error} when `host` is not a loopback address or `port` is not 0–65535
 */
async function startSandbox(options = {}) {
	const host = options.host ?? '127.0.0.1';
	if (!LOOPBACK_HOSTS.includes(host)) {
		throw new Error(
			`Sandbox host must be a loopback address (${LOOPBACK_HOSTS.join(' or ')}), got "${host}"`,
		);
	}
	const requestedPort = options.port ?? 0;
	if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
		throw new Error(`Sandbox port must be an integer from 0 to 65535, got ${requestedPort}`);
	}

	const context = createContext(options);
	const server = createSandboxServer(context);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(requestedPort, host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});

	const address = server.address();
	if (address === null || typeof address === 'string') {
		throw new Error('Sandbox server has no TCP address after listening');
	}
	const urlHost = host.includes(':') ? `[${host}]` : host;

	/** @returns {AllConfig} */
	const getConfig = () => ({ ...context.config, ...context.webhookConfig });

	/** @type {Promise<void> | undefined} */
	let closing;
	return {
		url: `http://${urlHost}:${address.port}`,
		port: address.port,
		store: context.store,
		events: context.events,
		getConfig,
		setConfig(changes) {
			context.updateConfig(changes);
			return getConfig();
		},
		setRateLimit: (setting) => context.setRateLimit(setting),
		emitEvent(eventType, data) {
			if (!EVENT_NAMES.includes(eventType)) {
				throw new TypeError(
					`Unknown webhook event type "${eventType}". Valid types are ${EVENT_NAMES.join(', ')}`,
				);
			}
			return context.deliverer.deliverEvent(eventType, data);
		},
		reset: () => context.reset(),
		close() {
			closing ??= new Promise((resolve, reject) => {
				context.provisioner.cancelAll();
				context.deliverer.cancelAll();
				context.events.removeAllListeners();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

module.exports = { startSandbox, API_KEYS, SEED, LOOPBACK_HOSTS };
