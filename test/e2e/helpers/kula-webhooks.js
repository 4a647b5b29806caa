// @ts-check
'use strict';

/**
 * Kula webhooks in the end-to-end tests: the trigger workflow fixture, the sandbox's
 * subscriptions, the envelopes and X-Kula-Signature headers of the deliveries the tests send
 * themselves, and polling helpers for the runs they start.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const CREATED_EVENT = 'interview.event.created';
const TRIGGER_WORKFLOW_FILE = path.join(__dirname, '..', 'fixtures', 'kula-trigger.workflow.json');

/**
 * @typedef {object} WorkflowFixture
 * @property {string} id Kept by `n8n import:workflow`; `POST /api/v1/workflows` assigns its own.
 * @property {string} name
 * @property {any[]} nodes
 * @property {Record<string, any>} connections
 * @property {Record<string, any>} settings
 */

/**
 * Reads the trigger workflow fixture (a Kula Trigger for `interview.event.created`, then a No
 * Operation node) and returns it with its trigger node's name and webhook id. Throws when the
 * fixture has no Kula Trigger with a webhook id.
 */
function readTriggerWorkflow() {
	/** @type {WorkflowFixture} */
	const workflow = JSON.parse(fs.readFileSync(TRIGGER_WORKFLOW_FILE, 'utf8'));
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-kula.kulaTrigger');
	if (!trigger?.webhookId) {
		throw new Error(`${TRIGGER_WORKFLOW_FILE} has no Kula Trigger node with a webhookId`);
	}
	return {
		file: TRIGGER_WORKFLOW_FILE,
		workflow,
		nodeName: /** @type {string} */ (trigger.name),
		webhookId: /** @type {string} */ (trigger.webhookId),
	};
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `read()` returns a value other than null, undefined or false, or the time runs
 * out, and returns the last value read.
 *
 * @template T
 * @param {() => T | Promise<T>} read
 * @param {number} timeoutMs
 * @param {number} [intervalMs]
 * @returns {Promise<T>}
 */
async function pollFor(read, timeoutMs, intervalMs = 200) {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while ((value === null || value === undefined || value === false) && Date.now() < deadline) {
		await sleep(intervalMs);
		value = await read();
	}
	return value;
}

/**
 * Returns the sandbox's webhook subscriptions, secrets included.
 *
 * @param {import('../../../sandbox').Sandbox} sandbox
 */
function subscriptionsOf(sandbox) {
	return [...sandbox.store.webhooks.values()];
}

/**
 * Returns the secret of the sandbox's first subscription, the one the trigger registered.
 *
 * @param {import('../../../sandbox').Sandbox} sandbox
 */
function subscriptionSecretOf(sandbox) {
	const [subscription] = subscriptionsOf(sandbox);
	if (typeof subscription?.secret !== 'string') {
		throw new Error('The sandbox has no subscription with a secret. See the activation test.');
	}
	return subscription.secret;
}

/**
 * Waits until the sandbox has `expectedCount` subscriptions and has received no webhook API
 * request for `quietMs`, so that a late extra create or delete would still be seen, for at most
 * `timeoutMs`. Returns the milliseconds from `since` until the count was reached, or undefined
 * when it was not.
 *
 * n8n 2.41.1 registers the webhooks of published workflows after readiness, and its public
 * API returns from activate and deactivate before the change is applied, because a publication
 * outbox applies it (`N8N_USE_WORKFLOW_PUBLICATION_SERVICE`, on by default).
 *
 * @param {import('../../../sandbox').Sandbox} sandbox
 * @param {number} expectedCount
 * @param {number} since Epoch milliseconds.
 * @param {{ timeoutMs?: number, quietMs?: number }} [options]
 */
async function settleSubscriptions(
	sandbox,
	expectedCount,
	since,
	{ timeoutMs = 20_000, quietMs = 2000 } = {},
) {
	const webhookApiRequestCount = () =>
		sandbox.store.requests.filter((request) => request.path.startsWith('/v1/webhooks')).length;
	const deadline = Date.now() + timeoutMs;
	let requestCount = webhookApiRequestCount();
	let lastRequestAt = Date.now();
	/** @type {number | undefined} */
	let reachedAt;
	while (Date.now() < deadline) {
		const count = webhookApiRequestCount();
		if (count !== requestCount) {
			requestCount = count;
			lastRequestAt = Date.now();
		}
		if (subscriptionsOf(sandbox).length !== expectedCount) {
			reachedAt = undefined;
		} else {
			reachedAt ??= Date.now();
			if (Date.now() - lastRequestAt >= quietMs) break;
		}
		await sleep(200);
	}
	return reachedAt === undefined ? undefined : reachedAt - since;
}

/**
 * Returns an X-Kula-Signature value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 *
 * @param {string} body
 * @param {string} secret
 * @param {number} timestampSeconds
 */
function signatureHeader(body, secret, timestampSeconds) {
	const digest = crypto
		.createHmac('sha256', secret)
		.update(`${timestampSeconds}.${body}`)
		.digest('hex');
	return `t=${timestampSeconds},v1=${digest}`;
}

/** Returns the current Unix time in whole seconds, as Kula's signature timestamps use it. */
function nowSeconds() {
	return Math.floor(Date.now() / 1000);
}

/**
 * Returns a well-formed `interview.event.created` envelope for an interview, with a new
 * event id unless one is given, as a JSON string.
 *
 * @param {Record<string, any>} interview
 * @param {string} [eventId]
 */
function envelopeFor(interview, eventId = `evt_e2e_${crypto.randomUUID()}`) {
	return JSON.stringify({
		event: CREATED_EVENT,
		event_id: eventId,
		created_at: new Date().toISOString(),
		account_id: 1,
		data: interview,
	});
}

module.exports = {
	CREATED_EVENT,
	readTriggerWorkflow,
	subscriptionsOf,
	subscriptionSecretOf,
	settleSubscriptions,
	sleep,
	pollFor,
	signatureHeader,
	nowSeconds,
	envelopeFor,
};
