// @ts-check
'use strict';

/**
 * Runs the Kula Trigger in a real n8n 2.41.1 (the pinned runtime, on Node 24), with this package
 * installed from its packed tarball, against the Kula sandbox on 127.0.0.1. One n8n server
 * serves the whole file: the trigger workflow and a workflow that creates interviews on request
 * are published before the server starts, so n8n registers the Kula subscription at boot. The
 * tests then create interviews through n8n, let the sandbox deliver `interview.event.created`,
 * send forged and repeated deliveries themselves, and read the runs through the public API.
 * They need `npm run build` and the runtime, and `npm test` provides both.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** @typedef {import('../../sandbox/webhooks/delivery').Delivery} Delivery */
/** @typedef {import('../../sandbox/webhooks/subscriptions').WebhookSubscription} WebhookSubscription */

const { startSandbox } = require('../../sandbox');
const { API_KEYS } = require('../../sandbox/seed');
const { exampleCredential } = require('../../scripts/lib/kula-example');
const { createN8nInstance } = require('../../scripts/lib/n8n-instance');
const { connectPublicApi } = require('../../scripts/lib/n8n-rest');
const { packPackage } = require('../../scripts/lib/pack');
const { assertRuntimeReady } = require('../../scripts/runtime');
const {
	CREATED_EVENT,
	envelopeFor,
	nowSeconds,
	pollFor,
	readTriggerWorkflow,
	settleSubscriptions,
	signatureHeader,
	sleep,
	subscriptionSecretOf,
	subscriptionsOf,
} = require('./helpers/kula-webhooks');

const {
	file: TRIGGER_WORKFLOW_FILE,
	workflow: TRIGGER_WORKFLOW,
	nodeName: TRIGGER_NODE_NAME,
	webhookId: TRIGGER_WEBHOOK_ID,
} = readTriggerWorkflow();
const CREATE_WORKFLOW_FILE = path.join(
	__dirname,
	'fixtures',
	'create-interview-by-webhook.workflow.json',
);
/** @type {{ id: string }} */
const CREATE_WORKFLOW = JSON.parse(fs.readFileSync(CREATE_WORKFLOW_FILE, 'utf8'));
const AD_HOC_PATH = 'kula-e2e/ad-hoc-interview';
const EXTERNAL_PATH = 'kula-e2e/external-interview';

const SETUP_TIMEOUT_MS = 240_000;
const TEARDOWN_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 60_000;
const PROVISION_DELAY_MS = 500;
/** How long a run may take to appear after the sandbox created the interview. */
const RUN_WAIT_MS = 20_000;
/**
 * How long a test waits before it concludes that a request started no run. The successful
 * deliveries of this file showed their run in the public API within about a second.
 */
const NO_RUN_WAIT_MS = 3000;
/** How long a POST is retried while n8n returns 404 because it is still registering webhooks. */
const WEBHOOK_REGISTRATION_WAIT_MS = 30_000;

/** @type {import('../../sandbox').Sandbox | undefined} */
let sandbox;
/** @type {import('../../scripts/lib/n8n-instance').N8nInstance | undefined} */
let instance;
/** @type {import('../../scripts/lib/n8n-server').N8nServer | undefined} */
let server;
/** @type {import('../../scripts/lib/n8n-rest').PublicApi | undefined} */
let api;
/** @type {string | undefined} */
let packFolder;
/** When `/healthz/readiness` first returned 200, in epoch milliseconds. */
let readyAt = 0;

/**
 * Durations and counts that the tests measured, printed once at the end of the file.
 * @type {Record<string, string | number>}
 */
const measurements = {};
/**
 * Copies of the deliveries that the sandbox reported through its `webhook.delivery` event,
 * one per attempt, in order.
 * @type {Delivery[]}
 */
const deliveryEvents = [];
/**
 * The interview of "zoom interview starts one run" and the delivery that started its run, for
 * the replay tests.
 * @type {{ interview: Record<string, any>, delivery: Delivery } | undefined}
 */
let firstRun;

/** @returns {import('../../sandbox').Sandbox} */
function getSandbox() {
	if (!sandbox) throw new Error('The sandbox did not start. See the beforeAll error.');
	return sandbox;
}

/** @returns {import('../../scripts/lib/n8n-server').N8nServer} */
function getServer() {
	if (!server) throw new Error('n8n did not start. See the beforeAll error.');
	return server;
}

/** @returns {import('../../scripts/lib/n8n-rest').PublicApi} */
function getApi() {
	if (!api) throw new Error('The public API client is missing. See the beforeAll error.');
	return api;
}

/** Returns the trigger's production webhook URL, which the node registers with Kula. */
function triggerUrl() {
	return `${getServer().url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
}

/** @returns {WebhookSubscription[]} The sandbox's webhook subscriptions, secrets included. */
function subscriptions() {
	return subscriptionsOf(getSandbox());
}

/**
 * Sends a POST and repeats it while n8n returns 404, which it does for a production webhook that
 * it has not registered yet, for at most WEBHOOK_REGISTRATION_WAIT_MS.
 *
 * @param {string} url
 * @param {{ headers: Record<string, string>, body: string }} request
 */
async function postWhileUnregistered(url, { headers, body }) {
	const deadline = Date.now() + WEBHOOK_REGISTRATION_WAIT_MS;
	for (;;) {
		const response = await fetch(url, {
			method: 'POST',
			headers,
			body,
			signal: AbortSignal.timeout(30_000),
		});
		if (response.status !== 404 || Date.now() > deadline) return response;
		await response.arrayBuffer();
		await sleep(500);
	}
}

/**
 * Runs the create workflow's webhook at `webhookPath` and returns the interview that the Kula
 * Interview node created, from the lastNode response.
 *
 * @param {string} webhookPath
 * @param {Record<string, unknown>} body
 * @returns {Promise<Record<string, any>>}
 */
async function createInterview(webhookPath, body) {
	const response = await postWhileUnregistered(`${getServer().url}/webhook/${webhookPath}`, {
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	if (response.status !== 200) {
		throw new Error(`POST /webhook/${webhookPath} returned ${response.status}: ${text}`);
	}
	const interview = JSON.parse(text);
	if (typeof interview?.id !== 'number') {
		throw new Error(`POST /webhook/${webhookPath} returned no interview: ${text}`);
	}
	return interview;
}

/**
 * Posts a delivery to the trigger's production URL the way Kula does and returns the status
 * and body of n8n's response.
 *
 * @param {string} body Sent byte for byte.
 * @param {{ signature?: string, eventId?: string, event?: string, contentType?: string }} [options]
 *   `signature` is left out of the request when undefined.
 */
async function deliver(body, { signature, eventId, event, contentType } = {}) {
	/** @type {Record<string, string>} */
	const headers = { 'content-type': contentType ?? 'application/json' };
	if (signature !== undefined) headers['x-kula-signature'] = signature;
	if (eventId !== undefined) headers['x-kula-event-id'] = eventId;
	if (event !== undefined) headers['x-kula-event'] = event;
	const response = await postWhileUnregistered(triggerUrl(), { headers, body });
	return { status: response.status, text: await response.text() };
}

/** Returns the secret the sandbox holds for the trigger's subscription. */
function subscriptionSecret() {
	return subscriptionSecretOf(getSandbox());
}

/** @returns {Promise<import('../../scripts/lib/n8n-rest').PublicExecution[]>} */
function triggerExecutions() {
	return getApi().listExecutions(TRIGGER_WORKFLOW.id, { includeData: true });
}

/**
 * Returns the first output item of the trigger node in one execution.
 *
 * @param {import('../../scripts/lib/n8n-rest').PublicExecution} execution
 * @returns {Record<string, any> | undefined}
 */
function triggerItem(execution) {
	return execution.data?.resultData?.runData?.[TRIGGER_NODE_NAME]?.[0]?.data?.main?.[0]?.[0]?.json;
}

/**
 * Returns the executions added after the oldest `knownCount`. The public API lists newest first.
 *
 * @param {import('../../scripts/lib/n8n-rest').PublicExecution[]} executions
 * @param {number} knownCount
 */
function runsAfter(executions, knownCount) {
	return executions.slice(0, executions.length - knownCount);
}

/**
 * Waits until the trigger workflow has more than `knownCount` executions, or RUN_WAIT_MS
 * passes, then waits NO_RUN_WAIT_MS more so that a second, unwanted run would show as well.
 * Returns the executions that were added, newest first.
 *
 * @param {number} knownCount
 */
async function newRunsAfter(knownCount) {
	await pollFor(async () => (await triggerExecutions()).length > knownCount, RUN_WAIT_MS);
	await sleep(NO_RUN_WAIT_MS);
	return runsAfter(await triggerExecutions(), knownCount);
}

/**
 * Waits NO_RUN_WAIT_MS and returns the event ids of the runs added beyond `knownCount`, so a
 * failing assertion names the event that ran.
 *
 * @param {number} knownCount
 */
async function eventIdsOfRunsAfter(knownCount) {
	await sleep(NO_RUN_WAIT_MS);
	return runsAfter(await triggerExecutions(), knownCount).map(
		(execution) => triggerItem(execution)?.event_id ?? `execution ${execution.id}`,
	);
}

/**
 * Returns the deliveries whose envelope carries the interview `interviewId` as its data.
 *
 * @param {Delivery[]} deliveries
 * @param {number} interviewId
 */
function deliveriesOfInterview(deliveries, interviewId) {
	return deliveries.filter((delivery) => {
		try {
			return JSON.parse(delivery.body)?.data?.id === interviewId;
		} catch {
			return false;
		}
	});
}

/**
 * Returns the sandbox's stored deliveries of events about one interview.
 *
 * @param {number} interviewId
 */
function deliveriesFor(interviewId) {
	return deliveriesOfInterview(getSandbox().store.deliveries, interviewId);
}

/**
 * Returns the sandbox's requests to one webhook API route, as `METHOD path status`, where every
 * success status reads `2xx`.
 *
 * @param {string} method
 * @param {RegExp} pathPattern
 */
function webhookApiRequests(method, pathPattern) {
	return getSandbox()
		.store.requests.filter((request) => request.method === method && pathPattern.test(request.path))
		.map(
			(request) =>
				`${request.method} ${request.path} ${request.status >= 200 && request.status < 300 ? '2xx' : request.status}`,
		);
}

/** Asserts that the sandbox has exactly one active subscription for the trigger's URL. */
function expectOneActiveSubscription() {
	const all = subscriptions();
	expect(all.map((subscription) => subscription.url)).toEqual([triggerUrl()]);
	expect(all[0].status).toBe('active');
	expect(all[0].subscribed_events).toEqual([CREATED_EVENT]);
}

beforeAll(async () => {
	assertRuntimeReady();
	const setupStarted = Date.now();

	const tarball = await packPackage();
	packFolder = path.dirname(tarball);
	instance = await createN8nInstance({ label: 'e2e-trigger', tarball });

	sandbox = await startSandbox({
		port: 0,
		host: '127.0.0.1',
		provisionDelayMs: PROVISION_DELAY_MS,
		rateLimit: false,
		// Kula's first retry comes after 1 minute; scaled, it comes after 60 ms.
		webhookRetryScale: 0.001,
		duplicateDeliveries: false,
	});
	sandbox.events.on('webhook.delivery', (delivery) => deliveryEvents.push(delivery));

	await instance.importCredentials([
		exampleCredential({ baseUrl: sandbox.url, apiKey: API_KEYS.application }),
	]);
	await instance.importWorkflow(TRIGGER_WORKFLOW_FILE);
	await instance.importWorkflow(CREATE_WORKFLOW_FILE);
	await instance.publishWorkflow(TRIGGER_WORKFLOW.id);
	await instance.publishWorkflow(CREATE_WORKFLOW.id);
	measurements['set-up before n8n start (s)'] = (Date.now() - setupStarted) / 1000;

	const startRequested = Date.now();
	server = await instance.start();
	readyAt = Date.now();
	measurements['n8n start to readiness (s)'] = (readyAt - startRequested) / 1000;

	api = await connectPublicApi(server.url);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	const stopped = await server?.stop();
	if (stopped) measurements['n8n stop'] = stopped;
	await sandbox?.close();
	instance?.remove();
	if (packFolder) fs.rmSync(packFolder, { recursive: true, force: true });
	console.log(
		`Kula Trigger e2e measurements:\n${Object.entries(measurements)
			.map(([name, value]) => `  ${name}: ${value}`)
			.join('\n')}`,
	);
}, TEARDOWN_TIMEOUT_MS);

describe('Kula Trigger in a real n8n', () => {
	test('both workflows are active after boot', async () => {
		const trigger = await getApi().getWorkflow(TRIGGER_WORKFLOW.id);
		const create = await getApi().getWorkflow(CREATE_WORKFLOW.id);
		expect(trigger.active).toBe(true);
		expect(create.active).toBe(true);
	});

	test(
		'activation registered one subscription',
		async () => {
			const registeredAfterMs = await settleSubscriptions(getSandbox(), 1, readyAt);
			measurements['readiness to subscription (ms)'] = registeredAfterMs ?? 'not registered';
			expectOneActiveSubscription();
			expect(webhookApiRequests('POST', /^\/v1\/webhooks$/)).toEqual(['POST /v1/webhooks 2xx']);

			// The node verifies deliveries with the secret it sent in the create request, which it
			// keeps in the workflow's static data under its webhook URL.
			const trigger = await getApi().getWorkflow(TRIGGER_WORKFLOW.id);
			const stored =
				trigger.staticData?.[`node:${TRIGGER_NODE_NAME}`]?.subscriptions?.[triggerUrl()];
			expect(stored?.id).toBe(String(subscriptions()[0].id));
			expect(stored?.secret).toBe(subscriptionSecret());
		},
		STEP_TIMEOUT_MS,
	);

	test('signed ping returns 200 without a run', async () => {
		const known = (await triggerExecutions()).length;
		const body = JSON.stringify({
			event: 'ping',
			event_id: `evt_e2e_ping_${crypto.randomUUID()}`,
			created_at: new Date().toISOString(),
			account_id: 1,
			data: {},
		});
		const response = await deliver(body, {
			signature: signatureHeader(body, subscriptionSecret(), nowSeconds()),
			event: 'ping',
		});
		expect(response.status).toBe(200);
		expect(await eventIdsOfRunsAfter(known)).toEqual([]);
	});

	test(
		'zoom interview starts one run',
		async () => {
			const known = (await triggerExecutions()).length;
			const requested = Date.now();
			const interview = await createInterview(AD_HOC_PATH, { applicationId: 1001, slot: 0 });
			measurements['create webhook round trip (ms)'] = Date.now() - requested;
			expect(interview.location).toBe('zoom');
			expect(interview.video_conferencing_url).toBeNull();

			await pollFor(async () => (await triggerExecutions()).length > known, RUN_WAIT_MS);
			measurements['interview created to run visible (ms)'] = Date.now() - requested;
			await sleep(NO_RUN_WAIT_MS);
			const runs = runsAfter(await triggerExecutions(), known);
			expect(runs).toHaveLength(1);

			const [run] = runs;
			expect(run.status).toBe('success');
			expect(run.mode).toBe('webhook');
			const item = triggerItem(run);
			const stored = getSandbox().store.interviews.get(interview.id);
			expect(item?.id).toBe(interview.id);
			expect(item?.video_conferencing_url).toEqual(expect.stringMatching(/^https:\/\//));
			expect(item?.video_conferencing_url).toBe(stored?.video_conferencing_url);
			expect(item?.event).toBe(CREATED_EVENT);
			expect(item?.event_id).toEqual(expect.any(String));

			const deliveries = deliveriesFor(interview.id);
			expect(deliveries.map((delivery) => delivery.status)).toEqual(['delivered']);
			expect(deliveries[0].event_id).toBe(item?.event_id);
			measurements['delivery attempts for the first interview'] = deliveries[0].attempts.length;
			firstRun = { interview, delivery: deliveries[0] };
		},
		STEP_TIMEOUT_MS,
	);

	describe('rejected and repeated deliveries', () => {
		/** @returns {{ interview: Record<string, any>, delivery: Delivery }} */
		function getFirstRun() {
			if (!firstRun)
				throw new Error('No delivered interview. See "zoom interview starts one run".');
			return firstRun;
		}

		test(
			'wrong secret gets 401 without a run',
			async () => {
				const known = (await triggerExecutions()).length;
				const body = envelopeFor(getFirstRun().interview);
				const wrongSecret = crypto.randomBytes(32).toString('hex');
				const response = await deliver(body, {
					signature: signatureHeader(body, wrongSecret, nowSeconds()),
					event: CREATED_EVENT,
				});
				expect(response.status).toBe(401);
				expect(await eventIdsOfRunsAfter(known)).toEqual([]);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'10-minute-old signature gets 401 without a run',
			async () => {
				const known = (await triggerExecutions()).length;
				const body = envelopeFor(getFirstRun().interview);
				const response = await deliver(body, {
					signature: signatureHeader(body, subscriptionSecret(), nowSeconds() - 600),
					event: CREATED_EVENT,
				});
				expect(response.status).toBe(401);
				expect(await eventIdsOfRunsAfter(known)).toEqual([]);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'missing or malformed signature gets 401',
			async () => {
				const known = (await triggerExecutions()).length;
				const body = envelopeFor(getFirstRun().interview);
				const missing = await deliver(body, { event: CREATED_EVENT });
				expect(missing.status).toBe(401);
				const malformed = await deliver(body, {
					signature: 'sha256=not-a-kula-signature',
					event: CREATED_EVENT,
				});
				expect(malformed.status).toBe(401);
				expect(await eventIdsOfRunsAfter(known)).toEqual([]);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'signed body that is no envelope gets 400',
			async () => {
				const known = (await triggerExecutions()).length;
				const secret = subscriptionSecret();

				const notEnvelope = JSON.stringify({ hello: 'world' });
				const jsonResponse = await deliver(notEnvelope, {
					signature: signatureHeader(notEnvelope, secret, nowSeconds()),
				});
				expect(jsonResponse.status).toBe(400);

				// n8n 2.41.1 rejects an application/json body that does not parse with 422 before
				// the node runs, so the body that is not JSON is sent as text/plain.
				const notJson = 'event=interview.event.created';
				const textResponse = await deliver(notJson, {
					signature: signatureHeader(notJson, secret, nowSeconds()),
					contentType: 'text/plain',
				});
				expect(textResponse.status).toBe(400);
				expect(await eventIdsOfRunsAfter(known)).toEqual([]);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'event id of a run is saved',
			async () => {
				const { delivery } = getFirstRun();
				const trigger = await getApi().getWorkflow(TRIGGER_WORKFLOW.id);
				const saved = trigger.staticData?.[`node:${TRIGGER_NODE_NAME}`]?.recentEventIds ?? {};
				expect(Object.keys(saved)).toContain(delivery.event_id);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'resent delivery gets 200 without a run',
			async () => {
				const known = (await triggerExecutions()).length;
				const { delivery } = getFirstRun();
				const response = await deliver(delivery.body, {
					signature: signatureHeader(delivery.body, subscriptionSecret(), nowSeconds()),
					eventId: delivery.event_id,
					event: CREATED_EVENT,
				});
				expect(response.status).toBe(200);
				expect(await eventIdsOfRunsAfter(known)).toEqual([]);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'duplicate deliveries start one or two runs',
			async () => {
				getSandbox().setConfig({ duplicateDeliveries: true });
				try {
					const known = (await triggerExecutions()).length;
					const interview = await createInterview(AD_HOC_PATH, { applicationId: 1002, slot: 1 });
					const bothDelivered = await pollFor(() => {
						const deliveries = deliveriesFor(interview.id);
						return (
							deliveries.length === 2 &&
							deliveries.every((delivery) => delivery.status !== 'pending')
						);
					}, RUN_WAIT_MS);
					expect(bothDelivered).toBe(true);

					const deliveries = deliveriesFor(interview.id);
					expect(deliveries[0].event_id).toBe(deliveries[1].event_id);
					expect(deliveries.map((delivery) => delivery.status)).toEqual(['delivered', 'delivered']);

					// The sandbox sends the copy as soon as the first 200 arrives, which can be before n8n
					// has saved the event id (see the README, "Each delivery"), so it may start a run too.
					const runs = await newRunsAfter(known);
					expect(runs.length).toBeGreaterThanOrEqual(1);
					expect(runs.length).toBeLessThanOrEqual(2);
					for (const run of runs) {
						expect(triggerItem(run)?.id).toBe(interview.id);
						expect(triggerItem(run)?.event_id).toBe(deliveries[0].event_id);
					}
					measurements['runs for the duplicate sent right after the 200'] = runs.length;
				} finally {
					getSandbox().setConfig({ duplicateDeliveries: false });
				}
			},
			STEP_TIMEOUT_MS,
		);
	});

	test(
		'external interview delivers nothing',
		async () => {
			const known = (await triggerExecutions()).length;
			const deliveryCount = getSandbox().store.deliveries.length;
			const interview = await createInterview(EXTERNAL_PATH, {
				applicationId: 1001,
				slot: 2,
				externalEventId: `evt-e2e-${crypto.randomUUID()}`,
			});
			expect(interview.external?.managed).toBe(true);

			// Provisioning of a Kula-managed interview would have finished long before this.
			await sleep(PROVISION_DELAY_MS + 2000);
			expect(deliveriesFor(interview.id)).toEqual([]);
			expect(deliveriesOfInterview(deliveryEvents, interview.id)).toEqual([]);
			expect(getSandbox().store.deliveries.length).toBe(deliveryCount);
			expect(await eventIdsOfRunsAfter(known)).toEqual([]);
		},
		STEP_TIMEOUT_MS,
	);

	describe('deactivation and activation', () => {
		test(
			'deactivation deletes the subscription',
			async () => {
				const [subscription] = subscriptions();
				const started = Date.now();
				const workflow = await getApi().deactivateWorkflow(TRIGGER_WORKFLOW.id);
				measurements['deactivate call (ms)'] = Date.now() - started;
				expect(workflow.active).toBe(false);

				const deletedAfterMs = await settleSubscriptions(getSandbox(), 0, started);
				measurements['deactivate call to subscription deleted (ms)'] =
					deletedAfterMs ?? 'not deleted';
				expect(subscriptions()).toEqual([]);
				expect(webhookApiRequests('DELETE', /^\/v1\/webhooks\//)).toEqual([
					`DELETE /v1/webhooks/${subscription?.id} 2xx`,
				]);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'activation creates one subscription',
			async () => {
				const started = Date.now();
				const workflow = await getApi().activateWorkflow(TRIGGER_WORKFLOW.id);
				measurements['activate call (ms)'] = Date.now() - started;
				expect(workflow.active).toBe(true);

				const createdAfterMs = await settleSubscriptions(getSandbox(), 1, started);
				measurements['activate call to subscription created (ms)'] =
					createdAfterMs ?? 'not created';
				expectOneActiveSubscription();
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'activating an active trigger keeps one',
			async () => {
				const [subscription] = subscriptions();
				const creates = webhookApiRequests('POST', /^\/v1\/webhooks$/).length;
				expect((await getApi().activateWorkflow(TRIGGER_WORKFLOW.id)).active).toBe(true);

				await settleSubscriptions(getSandbox(), 1, Date.now());
				expectOneActiveSubscription();
				expect(subscriptions()[0].id).toBe(subscription?.id);
				expect(webhookApiRequests('POST', /^\/v1\/webhooks$/)).toHaveLength(creates);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'second cycle leaves one subscription',
			async () => {
				const before = subscriptions()[0]?.id;
				expect((await getApi().deactivateWorkflow(TRIGGER_WORKFLOW.id)).active).toBe(false);
				await settleSubscriptions(getSandbox(), 0, Date.now());
				expect(subscriptions()).toEqual([]);

				expect((await getApi().activateWorkflow(TRIGGER_WORKFLOW.id)).active).toBe(true);
				await settleSubscriptions(getSandbox(), 1, Date.now());
				expectOneActiveSubscription();
				expect(subscriptions()[0].id).not.toBe(before);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'reactivated trigger runs once',
			async () => {
				const known = (await triggerExecutions()).length;
				const interview = await createInterview(AD_HOC_PATH, { applicationId: 1001, slot: 3 });
				const runs = await newRunsAfter(known);
				expect(runs.map((run) => triggerItem(run)?.id)).toEqual([interview.id]);
				measurements['trigger executions in total'] = (await triggerExecutions()).length;
				measurements['sandbox deliveries in total'] = getSandbox().store.deliveries.length;
			},
			STEP_TIMEOUT_MS,
		);
	});
});
