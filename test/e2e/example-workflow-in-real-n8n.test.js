// @ts-check
'use strict';

/**
 * Runs examples/create-interviews.workflow.json in a real n8n 2.41.1 (the pinned runtime, on
 * Node 24) against the Kula sandbox, with this package installed from its packed tarball. The
 * tests check what the sandbox stored. They need `npm run build` and the runtime, and `npm test`
 * provides both.
 */

const fs = require('node:fs');
const path = require('node:path');

const { startSandbox } = require('../../sandbox');
const { API_KEYS } = require('../../sandbox/seed');
const {
	EXAMPLE_WORKFLOW_FILE,
	createdInterviews,
	exampleCredential,
	readExampleWorkflow,
} = require('../../scripts/lib/kula-example');
const { createN8nInstance } = require('../../scripts/lib/n8n-instance');
const { packPackage } = require('../../scripts/lib/pack');
const { assertRuntimeReady } = require('../../scripts/runtime');

const SETUP_TIMEOUT_MS = 240_000;
const PROVISION_DELAY_MS = 1500;
const PROVISION_WAIT_MS = 15_000;
const PROVISION_TEST_TIMEOUT_MS = 60_000;
const EXTERNAL_URL = 'https://meet.example.com/abc-defg-hij';

/** @type {import('../../sandbox').Sandbox | undefined} */
let sandbox;
/** @type {import('../../scripts/lib/n8n-instance').N8nInstance | undefined} */
let instance;
/** @type {string | undefined} */
let packFolder;
/** @type {import('../../scripts/lib/n8n-cli').ExecutionResult} */
let execution;
/** @type {Record<string, Record<string, any>>} Node output items by scheduling mode. */
const outputByMode = {};
/** @type {number[]} Ids of the interviews for which the sandbox emitted `interview.provisioned`. */
const provisionedIds = [];
const startedAt = Date.now();

/** @returns {import('../../sandbox').Sandbox} */
function getSandbox() {
	if (!sandbox) throw new Error('The sandbox did not start. See the beforeAll error.');
	return sandbox;
}

/**
 * Returns the interview the sandbox stored for the node output of one scheduling mode.
 *
 * @param {string} mode
 */
function storedInterview(mode) {
	const output = outputByMode[mode];
	if (!output) throw new Error(`No node output for mode ${mode}. See the failed run assertions.`);
	const interview = getSandbox().store.interviews.get(output.id);
	if (!interview) throw new Error(`The sandbox has no interview ${output.id} (mode ${mode})`);
	return interview;
}

/**
 * Polls until `read()` returns a value other than null or undefined, or the time runs out.
 *
 * @template T
 * @param {() => T | null | undefined} read
 * @param {number} timeoutMs
 * @returns {Promise<T | null | undefined>}
 */
async function pollFor(read, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let value = read();
	while ((value === null || value === undefined) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		value = read();
	}
	return value;
}

/** @param {string} iso */
function expectFutureQuarterHour(iso) {
	const time = new Date(iso);
	expect(Number.isNaN(time.getTime())).toBe(false);
	expect(time.getTime()).toBeGreaterThan(startedAt);
	expect(time.getUTCMinutes() % 15).toBe(0);
	expect(time.getUTCSeconds()).toBe(0);
}

beforeAll(async () => {
	assertRuntimeReady();

	const tarball = await packPackage();
	packFolder = path.dirname(tarball);
	instance = await createN8nInstance({ label: 'e2e', tarball });

	sandbox = await startSandbox({
		port: 0,
		host: '127.0.0.1',
		provisionDelayMs: PROVISION_DELAY_MS,
		rateLimit: false,
	});
	sandbox.events.on('interview.provisioned', (interview) => provisionedIds.push(interview.id));

	await instance.importCredentials([
		exampleCredential({ baseUrl: sandbox.url, apiKey: API_KEYS.application }),
	]);
	await instance.importWorkflow(EXAMPLE_WORKFLOW_FILE);
	execution = await instance.execute(readExampleWorkflow().id);

	if (execution.run.status === 'success') {
		for (const { mode, interview } of createdInterviews(execution.run)) {
			outputByMode[mode] = interview;
		}
	}
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await sandbox?.close();
	instance?.remove();
	if (packFolder) fs.rmSync(packFolder, { recursive: true, force: true });
});

describe('example workflow in a real n8n', () => {
	test('run succeeds', () => {
		const error = execution.run.data?.resultData?.error?.message;
		expect({ status: execution.run.status, error }).toEqual({
			status: 'success',
			error: undefined,
		});
		expect(execution.exitCode).toBe(0);
	});

	test('each node outputs one created interview', () => {
		expect(Object.keys(outputByMode).sort()).toEqual(['adHoc', 'external', 'interviewPlan']);
		expect(getSandbox().store.interviews.size).toBe(3);
		for (const output of Object.values(outputByMode)) {
			expect(getSandbox().store.interviews.has(output.id)).toBe(true);
		}
		const creates = getSandbox().store.requests.filter(
			(request) => request.method === 'POST' && request.path.endsWith('/interviews'),
		);
		expect(creates.map((request) => request.status)).toEqual([201, 201, 201]);
	});

	test('plan interview inherits activity 11021', () => {
		const interview = storedInterview('interviewPlan');
		expect(interview.application_id).toBe(1001);
		expect(interview.organizer_id).toBe(201);
		expect(interview.stage_activity_id).toBe(11021);
		expect(interview.kind).toBe('panel');
		expect(interview.location).toBe('zoom');
		expect(interview.duration_minutes).toBe(60);
		expect(interview.interviewer_ids).toEqual([202, 203]);
		expect(interview.host_id).toBe(202);
		expect(interview.timezone).toBe('Europe/Lisbon');
		expect(interview.external).toBeNull();
		expectFutureQuarterHour(interview.start_time);
	});

	test('ad hoc interview keeps the given fields', () => {
		const interview = storedInterview('adHoc');
		expect(interview.application_id).toBe(1002);
		expect(interview.organizer_id).toBe(201);
		expect(interview.stage_activity_id).toBeNull();
		expect(interview.kind).toBe('panel');
		expect(interview.location).toBe('zoom');
		expect(interview.duration_minutes).toBe(45);
		expect(interview.interviewer_ids).toEqual([202, 203]);
		expect(interview.host_id).toBe(202);
		expect(interview.candidate_template_id).toBe(401);
		expect(interview.interviewer_template_id).toBe(402);
		expect(interview.timezone).toBe('Europe/Lisbon');
		expect(interview.external).toBeNull();
		expectFutureQuarterHour(interview.start_time);
	});

	test('external interview records the calendar event', () => {
		const interview = storedInterview('external');
		expect(interview.application_id).toBe(1001);
		expect(interview.organizer_id).toBe(204);
		expect(interview.kind).toBe('one_on_one');
		expect(interview.duration_minutes).toBe(30);
		expect(interview.interviewer_ids).toEqual([203]);
		expect(interview.external).toEqual({
			managed: true,
			video_conferencing_url: EXTERNAL_URL,
			source: 'Example Calendar Sync',
			event_id: 'evt-example-001',
		});
		expectFutureQuarterHour(interview.start_time);
	});

	test(
		'zoom conference URLs appear after provisioning',
		async () => {
			for (const mode of ['interviewPlan', 'adHoc']) {
				const url = await pollFor(
					() => storedInterview(mode).video_conferencing_url,
					PROVISION_WAIT_MS,
				);
				expect({ mode, url }).toEqual({ mode, url: expect.stringMatching(/^https:\/\//) });
				expect(provisionedIds).toContain(outputByMode[mode].id);
			}
		},
		PROVISION_TEST_TIMEOUT_MS,
	);

	test(
		'external interview gets no conference',
		async () => {
			// By now the zoom interviews are provisioned, so a provisioning of the external one
			// would have happened as well.
			await pollFor(() => storedInterview('adHoc').video_conferencing_url, PROVISION_WAIT_MS);
			const interview = storedInterview('external');
			expect(provisionedIds).not.toContain(interview.id);
			expect(interview.video_conferencing_url).toBe(EXTERNAL_URL);
		},
		PROVISION_TEST_TIMEOUT_MS,
	);

	test('every sandbox request carries Authorization', () => {
		const requests = getSandbox().store.requests;
		expect(requests.length).toBeGreaterThanOrEqual(3);
		const unauthenticated = requests.filter((request) => !request.authorization_present);
		expect(unauthenticated).toEqual([]);
	});
});
