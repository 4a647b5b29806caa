// @ts-check
'use strict';

/**
 * Runs the Kula nodes in n8n 2.41.1's queue mode, all on 127.0.0.1. The test starts Redis,
 * PostgreSQL, the Kula sandbox, n8n main, one webhook processor and two workers, and each n8n
 * process gets the packed package in its own user folder. The Kula credential points at
 * a proxy in front of the sandbox that records which n8n process sent each Kula API call.
 *
 * The tests run in order and share the stack. They cover activation in main and an interview
 * created by a manual run on a worker. Then the sandbox's signed delivery goes to the webhook
 * processor, and a worker runs the trigger. Forged and repeated deliveries, deactivation and
 * the teardown follow.
 * The workflow's static data is read from PostgreSQL, where every process reads and writes it.
 * They need `npm run build`, the runtime, and Debian's redis-server and postgresql packages;
 * `npm test` provides all of them.
 */

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** @typedef {import('../../sandbox/webhooks/delivery').Delivery} Delivery */

const { startSandbox } = require('../../sandbox');
const { API_KEYS } = require('../../sandbox/seed');
const { EXAMPLE_CREDENTIAL } = require('../../scripts/lib/kula-example');
const {
	createApiKey,
	publicApiClient,
	restRequest,
	setUpOwner,
} = require('../../scripts/lib/n8n-rest');
const { startQueueStack } = require('../../scripts/lib/n8n-queue-stack');
const { packPackage } = require('../../scripts/lib/pack');
const { POSTGRES_REQUIREMENT } = require('../../scripts/lib/postgres-server');
const {
	identify,
	processTree,
	sampleTreeMemory,
	stillRunning,
} = require('../../scripts/lib/process-tree');
const { REDIS_REQUIREMENT } = require('../../scripts/lib/redis-server');
const { assertRuntimeReady } = require('../../scripts/runtime');
const { startCallerRecordingProxy } = require('./helpers/caller-recording-proxy');
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

const fileStarted = Date.now();

const {
	workflow: TRIGGER_FIXTURE,
	nodeName: TRIGGER_NODE_NAME,
	webhookId: TRIGGER_WEBHOOK_ID,
} = readTriggerWorkflow();
/** @type {import('./helpers/kula-webhooks').WorkflowFixture} */
const CREATE_FIXTURE = JSON.parse(
	fs.readFileSync(
		path.join(__dirname, 'fixtures', 'create-interview-manually.workflow.json'),
		'utf8',
	),
);
/** The manual trigger of the create workflow, where a manual run starts. */
const CREATE_START_NODE = 'Start';

/**
 * Installing the package four times and starting four n8n processes on an empty database took
 * 30–40 s on a 2-core machine. Other jobs on the machine can make it several times slower.
 */
const SETUP_TIMEOUT_MS = 420_000;
const STEP_TIMEOUT_MS = 90_000;
const TEARDOWN_TIMEOUT_MS = 120_000;
const PROVISION_DELAY_MS = 500;
/** How long a run may take to finish after the request or delivery that started it. */
const RUN_WAIT_MS = 30_000;
/**
 * How long a test waits before it concludes that a request started no run. Runs in this file
 * appeared in PostgreSQL well within a second of their delivery.
 */
const NO_RUN_WAIT_MS = 3000;
/** How long a POST is retried while the webhook processor has not registered the webhook yet. */
const WEBHOOK_REGISTRATION_WAIT_MS = 30_000;
/** Pairs of copies the duplicate test sends back to back, and at the same moment. */
const PAIRS_PER_TIMING = 10;

/** @type {import('../../sandbox').Sandbox | undefined} */
let sandbox;
/** @type {import('./helpers/caller-recording-proxy').CallerRecordingProxy | undefined} */
let proxy;
/** @type {import('../../scripts/lib/n8n-queue-stack').QueueStack | undefined} */
let stack;
/** @type {ReturnType<typeof sampleTreeMemory> | undefined} */
let memorySampler;
/** @type {import('../../scripts/lib/n8n-rest').RestSession | undefined} */
let session;
/** @type {import('../../scripts/lib/n8n-rest').PublicApi | undefined} */
let api;
/** @type {string | undefined} */
let packFolder;
/** Workflow ids that n8n gave the two fixtures. */
const workflowIds = { trigger: '', create: '' };
/**
 * The interview of "manual run creates an interview on a worker" and the delivery of its
 * `interview.event.created`, for the later tests.
 * @type {{ interview?: Record<string, any>, delivery?: Delivery }}
 */
const firstEvent = {};
/** @type {Record<string, string | number>} Printed once at the end of the file. */
const measurements = {};

/** @returns {import('../../scripts/lib/n8n-queue-stack').QueueStack} */
function getStack() {
	if (!stack) throw new Error('The queue-mode stack did not start. See the beforeAll error.');
	return stack;
}

/** @returns {import('../../sandbox').Sandbox} */
function getSandbox() {
	if (!sandbox) throw new Error('The sandbox did not start. See the beforeAll error.');
	return sandbox;
}

/** @returns {import('../../scripts/lib/n8n-rest').PublicApi} */
function getApi() {
	if (!api) throw new Error('The public API client is missing. See the beforeAll error.');
	return api;
}

/** @returns {{ interview: Record<string, any>, delivery: Delivery }} */
function getFirstEvent() {
	const { interview, delivery } = firstEvent;
	if (!interview || !delivery) {
		throw new Error('No delivered interview. See "delivery runs the trigger on a worker".');
	}
	return { interview, delivery };
}

/** Returns the trigger's production URL: the webhook processor's address, as main registers it. */
function triggerUrl() {
	return `${getStack().webhookUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
}

/** @returns {import('../../sandbox/webhooks/subscriptions').WebhookSubscription[]} */
function subscriptions() {
	return subscriptionsOf(getSandbox());
}

/** Returns the secret the sandbox holds for the trigger's subscription. */
function subscriptionSecret() {
	return subscriptionSecretOf(getSandbox());
}

/**
 * Returns the fixture as `POST /api/v1/workflows` takes it, its Kula nodes using `credential`.
 *
 * @param {import('./helpers/kula-webhooks').WorkflowFixture} fixture
 * @param {{ id: string, name: string }} credential
 * @returns {import('../../scripts/lib/n8n-rest').NewWorkflow}
 */
function workflowWithCredential(fixture, credential) {
	const nodes = fixture.nodes.map((node) =>
		node.credentials?.kulaApi
			? { ...node, credentials: { kulaApi: { id: credential.id, name: credential.name } } }
			: node,
	);
	const { name, connections, settings } = fixture;
	return { name, nodes, connections, settings };
}

/**
 * Returns the Kula Trigger's static data as PostgreSQL stores it, the place where every n8n
 * process of the stack reads it from and writes it to.
 *
 * @returns {Promise<Record<string, any>>}
 */
async function storedTriggerData() {
	const json = await getStack().postgres.query(
		`SELECT "staticData" FROM workflow_entity WHERE id = '${workflowIds.trigger}'`,
	);
	const staticData = json === '' ? {} : JSON.parse(json);
	return staticData?.[`node:${TRIGGER_NODE_NAME}`] ?? {};
}

/**
 * @typedef {object} StoredExecution
 * @property {string} id
 * @property {string} status
 * @property {string} mode
 */

/**
 * Returns the executions of a workflow that PostgreSQL holds, oldest first, including those
 * still queued, which the public API does not list.
 *
 * @param {string} workflowId
 * @returns {Promise<StoredExecution[]>}
 */
async function storedExecutions(workflowId) {
	const rows = await getStack().postgres.query(
		`SELECT id, status, mode FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`,
	);
	return rows
		.split('\n')
		.filter((row) => row !== '')
		.map((row) => {
			const [id, status, mode] = row.split('|');
			return { id, status, mode };
		});
}

/**
 * Waits until the workflow has more than `knownCount` executions and all of them ended, then
 * waits NO_RUN_WAIT_MS more so that an unwanted extra run would show too. Returns the new ones.
 *
 * @param {string} workflowId
 * @param {number} knownCount
 */
async function newFinishedExecutions(workflowId, knownCount) {
	const ended = (/** @type {StoredExecution[]} */ executions) =>
		executions.length > knownCount &&
		executions.every((execution) => !['new', 'running', 'waiting'].includes(execution.status));
	await pollFor(async () => ended(await storedExecutions(workflowId)), RUN_WAIT_MS);
	await sleep(NO_RUN_WAIT_MS);
	return (await storedExecutions(workflowId)).slice(knownCount);
}

/**
 * Returns the name of the worker whose log shows that it finished the execution, or undefined.
 * Neither the API nor the database records which worker ran an execution.
 *
 * @param {string} executionId
 */
function workerThatRan(executionId) {
	const line = `Worker finished execution ${executionId} (`;
	return getStack().workers.find(({ server }) =>
		fs.readFileSync(server.logFile, 'utf8').includes(line),
	)?.name;
}

/**
 * Returns the first output item of a node in one execution, read through the public API.
 *
 * @param {string} workflowId
 * @param {string} executionId
 * @param {string} nodeName
 * @returns {Promise<Record<string, any> | undefined>}
 */
async function outputItem(workflowId, executionId, nodeName) {
	const executions = await getApi().listExecutions(workflowId, { includeData: true });
	const execution = executions.find((candidate) => String(candidate.id) === executionId);
	return execution?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0]?.[0]?.json;
}

/**
 * Starts the create workflow manually through the internal REST API, as the editor's "Execute
 * workflow" button does, and returns the execution id. With OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS
 * main queues the run for a worker.
 */
async function runCreateWorkflow() {
	if (!session) throw new Error('No REST session. See the beforeAll error.');
	/** @type {{ executionId: string }} */
	const started = await restRequest(session, `/rest/workflows/${workflowIds.create}/run`, {
		method: 'POST',
		body: { triggerToStartFrom: { name: CREATE_START_NODE } },
	});
	return String(started.executionId);
}

/**
 * Sends a POST to the trigger's URL on the webhook processor, repeating it while the webhook
 * processor returns 404 because it has not loaded the webhook's registration yet.
 *
 * @param {string} body Sent byte for byte.
 * @param {string | undefined} signature Left out of the request when undefined.
 */
async function deliver(body, signature) {
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json', 'x-kula-event': CREATED_EVENT };
	if (signature !== undefined) headers['x-kula-signature'] = signature;
	const deadline = Date.now() + WEBHOOK_REGISTRATION_WAIT_MS;
	for (;;) {
		const response = await fetch(triggerUrl(), {
			method: 'POST',
			headers,
			body,
			signal: AbortSignal.timeout(30_000),
		});
		const text = await response.text();
		if (response.status !== 404 || Date.now() > deadline) {
			return { status: response.status, text };
		}
		await sleep(500);
	}
}

/**
 * Sends a delivery signed with the subscription's secret, as Kula does.
 *
 * @param {string} body
 */
function deliverSigned(body) {
	return deliver(body, signatureHeader(body, subscriptionSecret(), nowSeconds()));
}

/**
 * Returns the proxied Kula API calls whose path starts with `prefix`, as `METHOD path caller`.
 *
 * @param {string} prefix
 */
function kulaCalls(prefix) {
	if (!proxy) throw new Error('The proxy did not start. See the beforeAll error.');
	return proxy.requests
		.filter((request) => request.path.startsWith(prefix))
		.map((request) => `${request.method} ${request.path} ${request.caller}`);
}

/**
 * Returns how many runs of the trigger workflow carry each event id, read through the public
 * API in one call.
 *
 * @returns {Promise<Map<string, number>>}
 */
async function runsPerEventId() {
	const executions = await getApi().listExecutions(workflowIds.trigger, { includeData: true });
	/** @type {Map<string, number>} */
	const counts = new Map();
	for (const execution of executions) {
		const item =
			execution.data?.resultData?.runData?.[TRIGGER_NODE_NAME]?.[0]?.data?.main?.[0]?.[0]?.json;
		const eventId = String(item?.event_id);
		counts.set(eventId, (counts.get(eventId) ?? 0) + 1);
	}
	return counts;
}

/** @param {number} port */
function isListening(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.on('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}

beforeAll(async () => {
	assertRuntimeReady();
	for (const requirement of [REDIS_REQUIREMENT, POSTGRES_REQUIREMENT]) {
		if (!requirement.isPresent()) {
			throw new Error(
				`${requirement.purpose} needs Debian's ${requirement.packages.join(' ')}. Run npm test, which installs it as root, or "sudo apt-get install ${requirement.packages.join(' ')}".`,
			);
		}
	}

	const tarball = await packPackage();
	packFolder = path.dirname(tarball);
	sandbox = await startSandbox({
		port: 0,
		host: '127.0.0.1',
		provisionDelayMs: PROVISION_DELAY_MS,
		rateLimit: false,
		// Kula's first retry comes after 1 minute; scaled, it comes after 60 ms.
		webhookRetryScale: 0.001,
		duplicateDeliveries: false,
	});
	proxy = await startCallerRecordingProxy({
		targetUrl: sandbox.url,
		candidates: () =>
			(stack?.processes ?? []).map(({ name, server }) => ({ name, pid: server.pid })),
	});

	// Sampling starts with the first spawned process, so the peak includes the stack's start.
	/** @type {number[]} */
	const spawned = [];
	memorySampler = sampleTreeMemory(() => spawned);
	const stackStarted = Date.now();
	stack = await startQueueStack({ label: 'e2e', tarball, onSpawn: (pid) => spawned.push(pid) });
	measurements['stack start: Redis, PostgreSQL, 4 package installs, 4 n8n processes (s)'] =
		(Date.now() - stackStarted) / 1000;

	session = await setUpOwner(stack.main.server.url);
	api = publicApiClient(stack.main.server.url, await createApiKey(session, 'queue-e2e'));
	const credential = await api.createCredential({
		name: EXAMPLE_CREDENTIAL.name,
		type: 'kulaApi',
		data: { apiKey: API_KEYS.application, baseUrl: proxy.url },
	});
	workflowIds.trigger = (
		await api.createWorkflow(workflowWithCredential(TRIGGER_FIXTURE, credential))
	).id;
	workflowIds.create = (
		await api.createWorkflow(workflowWithCredential(CREATE_FIXTURE, credential))
	).id;
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	const peak = memorySampler?.stop();
	if (stack) Object.assign(measurements, await stack.stop());
	await proxy?.close();
	await sandbox?.close();
	if (packFolder) fs.rmSync(packFolder, { recursive: true, force: true });
	if (peak) {
		measurements['stack memory at its peak, summed PSS (GB)'] = (peak.pssBytes / 1e9).toFixed(2);
		measurements['summed RSS in that sample (GB)'] = (peak.rssBytes / 1e9).toFixed(2);
		measurements['processes in that sample'] = peak.processCount;
	}
	measurements['file wall time (s)'] = (Date.now() - fileStarted) / 1000;
	console.log(
		`Kula queue-mode e2e measurements:\n${Object.entries(measurements)
			.map(([name, value]) => `  ${name}: ${value}`)
			.join('\n')}`,
	);
}, TEARDOWN_TIMEOUT_MS);

describe('Kula nodes in queue mode', () => {
	test(
		'activation registers one subscription from main',
		async () => {
			const started = Date.now();
			expect((await getApi().activateWorkflow(workflowIds.trigger)).active).toBe(true);
			measurements['activate call to subscription created (ms)'] =
				(await settleSubscriptions(getSandbox(), 1, started)) ?? 'not created';

			const all = subscriptions();
			expect(all.map((subscription) => subscription.url)).toEqual([triggerUrl()]);
			expect(triggerUrl().startsWith(`${getStack().webhook.server.url}/`)).toBe(true);
			expect(all[0].subscribed_events).toEqual([CREATED_EVENT]);
			expect(kulaCalls('/v1/webhooks')).toEqual([
				'GET /v1/webhooks main',
				'POST /v1/webhooks main',
			]);

			// Main wrote the subscription's id and secret to PostgreSQL; the webhook processor reads
			// them from there to check each delivery's signature.
			const stored = (await storedTriggerData()).subscriptions?.[triggerUrl()];
			expect(stored?.id).toBe(String(all[0].id));
			expect(stored?.secret).toBe(subscriptionSecret());
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'manual run creates an interview on a worker',
		async () => {
			const requested = Date.now();
			const executionId = await runCreateWorkflow();
			const [execution] = await newFinishedExecutions(workflowIds.create, 0);
			measurements['manual run to finished (ms)'] = Date.now() - requested - NO_RUN_WAIT_MS;
			expect(execution).toEqual({ id: executionId, status: 'success', mode: 'manual' });

			const worker = workerThatRan(executionId);
			expect(worker).toMatch(/^worker \d$/);
			expect(kulaCalls('/v1/applications/')).toEqual([
				`POST /v1/applications/1001/interviews ${worker}`,
			]);

			const interview = await outputItem(
				workflowIds.create,
				executionId,
				'Create Ad Hoc Zoom Interview',
			);
			expect(interview?.location).toBe('zoom');
			expect(interview?.video_conferencing_url).toBeNull();
			expect(getSandbox().store.interviews.has(interview?.id)).toBe(true);
			firstEvent.interview = interview;
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'delivery runs the trigger on a worker',
		async () => {
			const interview = firstEvent.interview;
			if (!interview) throw new Error('No interview. See "manual run creates an interview".');
			const delivered = await pollFor(
				() =>
					getSandbox().store.deliveries.find(
						(delivery) =>
							delivery.status !== 'pending' && JSON.parse(delivery.body).data?.id === interview.id,
					),
				RUN_WAIT_MS,
			);
			expect(delivered?.status).toBe('delivered');
			expect(delivered?.attempts.map((attempt) => attempt.url)).toEqual([triggerUrl()]);
			const delivery = /** @type {Delivery} */ (delivered);

			const [execution, ...others] = await newFinishedExecutions(workflowIds.trigger, 0);
			expect(others).toEqual([]);
			expect(execution.status).toBe('success');
			expect(execution.mode).toBe('webhook');
			expect(workerThatRan(execution.id)).toMatch(/^worker \d$/);
			const webhookLog = fs.readFileSync(getStack().webhook.server.logFile, 'utf8');
			expect(webhookLog).toContain(`Enqueued execution ${execution.id} (`);

			const item = await outputItem(workflowIds.trigger, execution.id, TRIGGER_NODE_NAME);
			const stored = getSandbox().store.interviews.get(interview.id);
			expect(item?.id).toBe(interview.id);
			expect(item?.video_conferencing_url).toEqual(expect.stringMatching(/^https:\/\//));
			expect(item?.video_conferencing_url).toBe(stored?.video_conferencing_url);
			expect(item?.event_id).toBe(delivery.event_id);

			expect(Object.keys((await storedTriggerData()).recentEventIds ?? {})).toContain(
				delivery.event_id,
			);
			firstEvent.delivery = delivery;
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'webhook processor saves the event id',
		async () => {
			const { interview } = getFirstEvent();
			const known = (await storedExecutions(workflowIds.trigger)).length;
			const body = envelopeFor(interview);
			const eventId = JSON.parse(body).event_id;

			// With both workers stopped, nothing but the webhook processor handles the delivery.
			const workers = getStack().workers;
			for (const { server } of workers) process.kill(server.pid, 'SIGSTOP');
			try {
				const first = await deliverSigned(body);
				expect(first).toEqual({ status: 200, text: JSON.stringify({ message: 'Event received' }) });
				// The node responds before n8n saves the static data and queues the run, so both are polled.
				const saved = await pollFor(
					async () => (await storedTriggerData()).recentEventIds?.[eventId] !== undefined,
					5000,
				);
				expect(saved).toBe(true);
				const queued = await pollFor(
					async () => (await storedExecutions(workflowIds.trigger)).length > known,
					5000,
				);
				expect(queued).toBe(true);
				const runs = await storedExecutions(workflowIds.trigger);
				expect(runs.slice(known).map((run) => run.status)).toEqual(['new']);

				const repeat = await deliverSigned(body);
				expect(repeat).toEqual({
					status: 200,
					text: JSON.stringify({ message: 'Duplicate event' }),
				});
			} finally {
				for (const { server } of workers) process.kill(server.pid, 'SIGCONT');
			}

			const runs = await newFinishedExecutions(workflowIds.trigger, known);
			expect(runs.map((run) => run.status)).toEqual(['success']);
			expect(workerThatRan(runs[0].id)).toMatch(/^worker \d$/);
			const item = await outputItem(workflowIds.trigger, runs[0].id, TRIGGER_NODE_NAME);
			expect(item?.event_id).toBe(eventId);
			// The worker's run did not write back an older copy of the static data.
			expect((await storedTriggerData()).recentEventIds?.[eventId]).toEqual(expect.any(Number));
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'forged deliveries start nothing',
		async () => {
			const { interview } = getFirstEvent();
			const known = (await storedExecutions(workflowIds.trigger)).length;
			const body = envelopeFor(interview);
			const eventId = JSON.parse(body).event_id;

			const wrongSecret = await deliver(body, signatureHeader(body, 'f'.repeat(64), nowSeconds()));
			expect(wrongSecret.status).toBe(401);
			const unsigned = await deliver(body, undefined);
			expect(unsigned.status).toBe(401);
			const stale = await deliver(
				body,
				signatureHeader(body, subscriptionSecret(), nowSeconds() - 600),
			);
			expect(stale.status).toBe(401);

			await sleep(NO_RUN_WAIT_MS);
			expect((await storedExecutions(workflowIds.trigger)).slice(known)).toEqual([]);
			expect((await storedTriggerData()).recentEventIds?.[eventId]).toBeUndefined();
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'resent delivery starts no run',
		async () => {
			const { delivery } = getFirstEvent();
			const known = (await storedExecutions(workflowIds.trigger)).length;
			const response = await deliverSigned(delivery.body);
			expect(response).toEqual({
				status: 200,
				text: JSON.stringify({ message: 'Duplicate event' }),
			});
			await sleep(NO_RUN_WAIT_MS);
			expect((await storedExecutions(workflowIds.trigger)).slice(known)).toEqual([]);
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'duplicated delivery starts one or two runs',
		async () => {
			getSandbox().setConfig({ duplicateDeliveries: true });
			const known = (await storedExecutions(workflowIds.trigger)).length;
			try {
				const executionId = await runCreateWorkflow();
				await newFinishedExecutions(workflowIds.create, 1);
				const interview = await outputItem(
					workflowIds.create,
					executionId,
					'Create Ad Hoc Zoom Interview',
				);
				const both = await pollFor(() => {
					const deliveries = getSandbox().store.deliveries.filter(
						(delivery) => JSON.parse(delivery.body).data?.id === interview?.id,
					);
					return deliveries.length === 2 && deliveries.every((d) => d.status !== 'pending')
						? deliveries
						: undefined;
				}, RUN_WAIT_MS);
				expect(both?.map((delivery) => delivery.status)).toEqual(['delivered', 'delivered']);
				const [original, duplicate] = /** @type {Delivery[]} */ (both);
				expect(duplicate.event_id).toBe(original.event_id);
				expect(duplicate.duplicate_of).toBe(original.id);

				// The sandbox sends the copy as soon as the first 200 arrives, which can be before the
				// webhook processor's write of the event id commits (see the README, Queue mode).
				await newFinishedExecutions(workflowIds.trigger, known);
				const runs = (await runsPerEventId()).get(original.event_id) ?? 0;
				expect(runs).toBeGreaterThanOrEqual(1);
				expect(runs).toBeLessThanOrEqual(2);
				measurements['runs for the sandbox duplicate sent right after the 200'] = runs;
			} finally {
				getSandbox().setConfig({ duplicateDeliveries: false });
			}
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'copies close together may both run',
		async () => {
			const { interview } = getFirstEvent();
			const known = (await storedExecutions(workflowIds.trigger)).length;
			/** @type {Record<string, string[]>} Event ids of the pairs, by timing. */
			const eventIdsByTiming = { 'back to back': [], 'at the same moment': [] };
			for (const [timing, eventIds] of Object.entries(eventIdsByTiming)) {
				for (let pair = 0; pair < PAIRS_PER_TIMING; pair++) {
					const body = envelopeFor(interview);
					eventIds.push(JSON.parse(body).event_id);
					const responses =
						timing === 'back to back'
							? [await deliverSigned(body), await deliverSigned(body)]
							: await Promise.all([deliverSigned(body), deliverSigned(body)]);
					expect(responses.map((response) => response.status)).toEqual([200, 200]);
				}
			}

			const pairCount = 2 * PAIRS_PER_TIMING;
			await pollFor(
				async () => (await storedExecutions(workflowIds.trigger)).length >= known + pairCount,
				RUN_WAIT_MS,
			);
			await newFinishedExecutions(workflowIds.trigger, known);
			const runs = await runsPerEventId();
			for (const [timing, eventIds] of Object.entries(eventIdsByTiming)) {
				const counts = eventIds.map((eventId) => runs.get(eventId) ?? 0);
				for (const count of counts) {
					expect(count).toBeGreaterThanOrEqual(1);
					expect(count).toBeLessThanOrEqual(2);
				}
				const doubled = counts.filter((count) => count === 2).length;
				measurements[`pairs sent ${timing} that started two runs`] =
					`${doubled} of ${counts.length}`;
			}
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'deactivation removes the subscription',
		async () => {
			const [subscription] = subscriptions();
			const eventIdsBefore = Object.keys((await storedTriggerData()).recentEventIds ?? {});
			const started = Date.now();
			expect((await getApi().deactivateWorkflow(workflowIds.trigger)).active).toBe(false);
			measurements['deactivate call to subscription deleted (ms)'] =
				(await settleSubscriptions(getSandbox(), 0, started)) ?? 'not deleted';

			expect(subscriptions()).toEqual([]);
			expect(kulaCalls('/v1/webhooks/')).toEqual([`DELETE /v1/webhooks/${subscription?.id} main`]);
			const stored = await storedTriggerData();
			expect(stored.subscriptions).toBeUndefined();
			// Main's write on deactivation kept the event ids that the webhook processor saved.
			expect(Object.keys(stored.recentEventIds ?? {}).sort()).toEqual(eventIdsBefore.sort());
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'teardown leaves nothing running',
		async () => {
			const running = getStack();
			const processes = identify(processTree(running.rootPids()));
			const ports = [
				running.redis.port,
				running.postgres.port,
				...running.processes.map(({ server }) => Number(new URL(server.url).port)),
			];
			const folders = [
				running.scratchFolder,
				running.postgres.dataDir,
				...running.processes.map(({ userFolder }) => userFolder),
			];
			expect(processes.length).toBeGreaterThanOrEqual(running.rootPids().length);

			const stopStarted = Date.now();
			Object.assign(measurements, await running.stop());
			measurements['teardown (s)'] = (Date.now() - stopStarted) / 1000;

			expect(stillRunning(processes)).toEqual([]);
			for (const port of ports) expect(await isListening(port)).toBe(false);
			expect(folders.filter((folder) => fs.existsSync(folder))).toEqual([]);
		},
		TEARDOWN_TIMEOUT_MS,
	);
});
