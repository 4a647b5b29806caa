// @ts-check
'use strict';

/**
 * Part 4, trigger: how many signed deliveries per second the Kula Trigger accepts in the real
 * n8n, and which share of that time is the node's own signature check and envelope parsing.
 *
 * The trigger workflow is activated, so the node registers its webhook with the sandbox. The
 * benchmark then reads the secret from the sandbox and sends the deliveries itself, each with a
 * new event id, from `concurrency` workers over keep-alive connections. Bodies and signatures
 * are built before the clock starts, so the benchmark's own work stays out of the time.
 *
 * share = (verify + parse time of one delivery, measured in a loop on the built functions)
 *         / (sending time / accepted deliveries)
 */

const crypto = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { REPO_ROOT } = require('../lib/paths');
const { runChild } = require('./child');
const { deliveryBody, deliveryHeaders } = require('./deliveries');
const { post } = require('./http');
const { TRIGGER_WEBHOOK_ID } = require('./workflows');

/** How long the node may take to register its webhook after activation. */
const SUBSCRIPTION_WAIT_MS = 30_000;
/** How long the runs of accepted deliveries may take to appear in the public API. */
const RUNS_WAIT_MS = 120_000;
const DELIVERY_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 200;

/**
 * @typedef {object} TriggerResult
 * @property {number} deliveries Deliveries sent.
 * @property {number} concurrency
 * @property {number} elapsedMs From the first request to the last response.
 * @property {number} acceptedPerSecond Responses 200 per second.
 * @property {Record<string, number>} statusCounts n8n's responses, counted by status.
 * @property {number} runsStarted Trigger executions stored for the sent deliveries.
 * @property {number} allRunsStoredMs From the first request until the last run was stored.
 * @property {number} verifyUs Signature check of one delivery, in microseconds.
 * @property {number} parseUs Envelope parsing of one delivery, in microseconds.
 * @property {number} bodyBytes Size of one delivery body.
 * @property {number} share (verifyUs + parseUs) / (elapsedMs / accepted deliveries).
 */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the sandbox has an active subscription for `url` and returns its secret.
 *
 * @param {import('../../sandbox').Sandbox} sandbox
 * @param {string} url
 */
async function waitForSubscriptionSecret(sandbox, url) {
	const deadline = Date.now() + SUBSCRIPTION_WAIT_MS;
	for (;;) {
		const subscription = [...sandbox.store.webhooks.values()].find(
			(candidate) => candidate.url === url && candidate.status === 'active',
		);
		if (typeof subscription?.secret === 'string') return subscription.secret;
		if (Date.now() > deadline) {
			throw new Error(
				`The Kula Trigger registered no webhook for ${url} within ${SUBSCRIPTION_WAIT_MS / 1000} s`,
			);
		}
		await sleep(POLL_INTERVAL_MS);
	}
}

/**
 * Polls the trigger workflow's stored executions until there are `expected`, or the time runs
 * out, and returns the last count.
 *
 * @param {import('./rig').Rig} rig
 * @param {number} expected
 */
async function waitForRuns(rig, expected) {
	const deadline = Date.now() + RUNS_WAIT_MS;
	let count = (await rig.api.listExecutions(rig.triggerWorkflowId)).length;
	while (count < expected && Date.now() < deadline) {
		await sleep(POLL_INTERVAL_MS);
		count = (await rig.api.listExecutions(rig.triggerWorkflowId)).length;
	}
	return count;
}

/**
 * Sends one delivery and repeats it while the trigger is not ready. n8n returns 404 until it has
 * registered the webhook of a just activated workflow. The node returns 401 "Unknown signing
 * secret" until n8n has saved the workflow's static data, which contains the secret of the
 * webhook that the node has just created in Kula. Throws unless the final status is 200.
 *
 * @param {string} url
 * @param {string} secret
 */
async function sendFirstDelivery(url, secret) {
	const eventId = `evt_bench_warmup_${crypto.randomUUID()}`;
	const body = deliveryBody(eventId, new Date());
	const deadline = Date.now() + SUBSCRIPTION_WAIT_MS;
	for (;;) {
		const response = await post(url, body, {
			headers: deliveryHeaders(body, secret, eventId),
			timeoutMs: DELIVERY_TIMEOUT_MS,
		});
		if (response.status === 200) return;
		const notReady = response.status === 404 || response.status === 401;
		if (!notReady || Date.now() > deadline) {
			throw new Error(`The first delivery got ${response.status}: ${response.text}`);
		}
		await sleep(500);
	}
}

/**
 * Runs the trigger measurement, then deactivates the trigger workflow again.
 *
 * @param {import('./rig').Rig} rig
 * @param {{ deliveries: number, concurrency: number, checkIterations: number, log: (line: string) => void }} options
 * @returns {Promise<TriggerResult>}
 */
async function measureTrigger(rig, { deliveries, concurrency, checkIterations, log }) {
	const url = `${rig.server.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
	rig.sandbox.setRateLimit(false);
	rig.sandbox.reset();
	log('Activating the Kula Trigger workflow');
	await rig.api.activateWorkflow(rig.triggerWorkflowId);
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	try {
		const secret = await waitForSubscriptionSecret(rig.sandbox, url);
		await sendFirstDelivery(url, secret);
		const runsBefore = await waitForRuns(rig, 1);

		const prefix = `evt_bench_${crypto.randomUUID()}`;
		const requests = Array.from({ length: deliveries }, (_, i) => {
			const eventId = `${prefix}_${i}`;
			const body = deliveryBody(eventId, new Date());
			return { body, headers: deliveryHeaders(body, secret, eventId) };
		});

		log(`Sending ${deliveries} signed deliveries from ${concurrency} workers`);
		/** @type {Record<string, number>} */
		const statusCounts = {};
		let next = 0;
		const worker = async () => {
			while (next < requests.length) {
				const { body, headers } = requests[next++];
				const response = await post(url, body, {
					headers,
					timeoutMs: DELIVERY_TIMEOUT_MS,
					agent,
				});
				statusCounts[response.status] = (statusCounts[response.status] ?? 0) + 1;
			}
		};
		const started = performance.now();
		await Promise.all(Array.from({ length: concurrency }, worker));
		const elapsedMs = performance.now() - started;
		const accepted = statusCounts['200'] ?? 0;

		const runsAfter = await waitForRuns(rig, runsBefore + accepted);
		const allRunsStoredMs = performance.now() - started;

		/** @type {{ verifyUs: number, parseUs: number, bodyBytes: number }} */
		const checks = await runChild('trigger-checks', {
			distDir: path.join(REPO_ROOT, 'dist'),
			iterations: checkIterations,
		});
		const msPerDelivery = accepted > 0 ? elapsedMs / accepted : NaN;
		return {
			deliveries,
			concurrency,
			elapsedMs,
			acceptedPerSecond: accepted / (elapsedMs / 1000),
			statusCounts,
			runsStarted: runsAfter - runsBefore,
			allRunsStoredMs,
			...checks,
			share: (checks.verifyUs + checks.parseUs) / 1000 / msPerDelivery,
		};
	} finally {
		agent.destroy();
		await rig.api.deactivateWorkflow(rig.triggerWorkflowId);
	}
}

module.exports = { measureTrigger };
