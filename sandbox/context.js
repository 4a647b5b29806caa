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

/** @typedef {import('./config').SandboxConfig} SandboxConfig */
/** @typedef {import('./config').RateLimitSetting} RateLimitSetting */

/**
 * The state shared by the server and every route of one sandbox instance.
 * @typedef {object} SandboxContext
 * @property {Store} store
 * @property {SandboxConfig} config
 * @property {FixedWindowRateLimiter} rateLimiter
 * @property {ConferenceProvisioner} provisioner
 * @property {EventEmitter} events emits `interview.created` and `interview.provisioned`, each
 *   with a copy of the interview
 * @property {(line: string) => void} log receives one line per request, silent by default
 * @property {(line: string) => void} logError receives internal errors, which go to the `log`
 *   option when given and to stderr otherwise
 * @property {() => void} reset
 * @property {(setting: RateLimitSetting | false) => void} setRateLimit
 * @property {(changes: Record<string, unknown>) => SandboxConfig} updateConfig
 */

/**
 * @param {{ rateLimit?: unknown, provisionDelayMs?: unknown, durationRule?: unknown, log?: (line: string) => void }} options
 * @returns {SandboxContext}
 */
function createContext(options) {
	const config = createConfig(options);
	const store = new Store();
	const events = new EventEmitter();
	const rateLimiter = new FixedWindowRateLimiter(config.rateLimit);
	const provisioner = new ConferenceProvisioner({
		interviews: store.interviews,
		events,
		getDelayMs: () => config.provisionDelayMs,
	});

	/** @param {RateLimitSetting | false} setting */
	function setRateLimit(setting) {
		config.rateLimit = normalizeRateLimit(setting);
		rateLimiter.configure(config.rateLimit);
	}

	/**
	 * Applies `rateLimit`, `provisionDelayMs` and `durationRule` from `changes` after
	 * validating all of them, and returns a copy of the new configuration.
	 * @param {Record<string, unknown>} changes
	 */
	function updateConfig(changes) {
		const known = ['rateLimit', 'provisionDelayMs', 'durationRule'];
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
		if (changes.rateLimit !== undefined) {
			setRateLimit(next.rateLimit);
		}
		config.provisionDelayMs = next.provisionDelayMs;
		config.durationRule = next.durationRule;
		return { ...config };
	}

	return {
		store,
		config,
		rateLimiter,
		provisioner,
		events,
		log: options.log ?? (() => {}),
		logError: options.log ?? ((line) => console.error(line)),
		reset() {
			provisioner.cancelAll();
			store.reset();
			rateLimiter.reset();
		},
		setRateLimit,
		updateConfig,
	};
}

module.exports = { createContext };
