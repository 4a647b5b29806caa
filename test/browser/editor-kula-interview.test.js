// @ts-check
'use strict';

/**
 * Drives n8n's real editor (the pinned n8n 2.41.1) in headless Debian Chromium, with this package
 * installed from its packed tarball and the Kula credential pointing at the Kula sandbox on
 * 127.0.0.1. One n8n server serves the whole file. The tests open the example workflow's
 * "From Interview Plan" node and check which parameters n8n shows for each scheduling mode and
 * location, pick an application from the searchable list, and save the README screenshots to
 * docs/screenshots/. The expected labels are written out here rather than read from the node,
 * so that this file checks the node's display rules independently.
 *
 * The browser may only talk to the n8n server: any other request is aborted and fails the test
 * "browser requested only the n8n server", and the test after it checks that the guard works. A
 * failing step saves a screenshot under .tmp/browser-failures/.
 *
 * Needs `npm run build`, the runtime and /usr/bin/chromium (or CHROMIUM_PATH); `npm test` and
 * .ci/run provide them.
 */

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { startSandbox } = require('../../sandbox');
const { API_KEYS } = require('../../sandbox/seed');
const browserLib = require('../../scripts/lib/browser');
const {
	EXAMPLE_WORKFLOW_FILE,
	exampleCredential,
	readExampleWorkflow,
} = require('../../scripts/lib/kula-example');
const { createN8nInstance } = require('../../scripts/lib/n8n-instance');
const { setUpOwner } = require('../../scripts/lib/n8n-rest');
const { packPackage } = require('../../scripts/lib/pack');
const { REPO_ROOT, TMP_ROOT } = require('../../scripts/lib/paths');
const { assertRuntimeReady } = require('../../scripts/runtime');

/** @typedef {import('../../scripts/lib/browser').ParameterRow} ParameterRow */
/** @typedef {import('playwright-core').Locator} Locator */

const TRIGGER_WORKFLOW_FILE = path.join(__dirname, 'fixtures', 'kula-trigger.workflow.json');
/** @type {{ id: string }} */
const TRIGGER_WORKFLOW = JSON.parse(fs.readFileSync(TRIGGER_WORKFLOW_FILE, 'utf8'));
const TRIGGER_NODE_NAME = 'Kula Trigger';
const INTERVIEW_NODE_NAME = 'From Interview Plan';

const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const FAILURE_DIR = path.join(TMP_ROOT, 'browser-failures');

const SETUP_TIMEOUT_MS = 240_000;
const TEARDOWN_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 90_000;
const POLL_INTERVAL_MS = 100;
/** How long the application list may take to show the search result. */
const LIST_WAIT_MS = 10_000;

/** Placeholder for a notice row in the label lists below. */
const NOTICE = '(notice)';
const EXTERNAL_NOTICE_START = 'Kula only records external events';
const AUTO_MAP_NOTICE_START = 'Each item needs application_id';

/**
 * The rows above the mode's fields. n8n 2.41.1 labels the credential selector "Credential" and
 * renders it as a row of the parameter list.
 */
const COMMON_ROWS_BEFORE = [
	'Credential',
	'Resource',
	'Operation',
	'Input Data',
	'Job',
	'Application',
	'Organizer',
	'Start Time',
	'Timezone Name or ID',
	'Scheduling Mode',
];
const COMMON_ROWS_AFTER = ['Additional Fields', 'Options'];

/** The Ad Hoc rows for a location that needs no extra field, such as Phone. */
const AD_HOC_ROWS = [
	'Kind',
	'Location',
	'Duration (Minutes)',
	'Interviewer Names or IDs',
	'Candidate Invite Template',
	'Interviewer Invite Template',
];

/** The fields that only one location shows, in Ad Hoc mode, after Location. */
const LOCATION_FIELDS = ['Office', 'Conference Host', 'HackerRank Template ID'];

/**
 * Returns the Ad Hoc rows with the location's own field after Location.
 *
 * @param {string | undefined} locationField
 */
function adHocRows(locationField) {
	const rows = [...AD_HOC_ROWS];
	if (locationField) rows.splice(rows.indexOf('Location') + 1, 0, locationField);
	return rows;
}

/**
 * Each scheduling mode as the dropdown names it, with the rows n8n should show for it. Ad Hoc
 * keeps the location default, Zoom.
 */
const MODES = [
	{
		mode: 'From Interview Plan',
		rows: ['Stage Activity', 'Interview Plan Overrides'],
		screenshot: 'interview-plan-mode.png',
	},
	{ mode: 'Ad Hoc', rows: adHocRows('Conference Host'), screenshot: 'ad-hoc-mode.png' },
	{
		mode: 'External Calendar Event',
		rows: [
			NOTICE,
			'Kind',
			'Duration (Minutes)',
			'Interviewer Names or IDs',
			'Video Conferencing URL',
			'Source',
			'External Event ID',
			'External Event Options',
		],
		screenshot: 'external-mode.png',
	},
];

/** Each Location option tried in Ad Hoc mode, with the one field it adds. */
const LOCATIONS = [
	{ location: 'Onsite', field: 'Office' },
	{ location: 'Zoom', field: 'Conference Host' },
	{ location: 'HackerRank', field: 'HackerRank Template ID' },
	{ location: 'Phone', field: undefined },
];

/** Seeded applications: 1002 is Theo Ashgrove's, and 1004 is rejected, so no list shows it. */
const SEARCHED_CANDIDATE = 'Theo Ashgrove';
const SEARCHED_APPLICATION_ID = '1002';
const OTHER_CANDIDATES = ['Marisol Venn', 'Ines Calloway', 'Bram Oyelaran'];

/** @type {import('../../sandbox').Sandbox | undefined} */
let sandbox;
/** @type {import('../../scripts/lib/n8n-instance').N8nInstance | undefined} */
let instance;
/** @type {import('../../scripts/lib/n8n-server').N8nServer | undefined} */
let server;
/** @type {import('../../scripts/lib/browser').EditorBrowser | undefined} */
let browser;
/** @type {string | undefined} */
let packFolder;
/** @type {Locator | undefined} The open details view of "From Interview Plan", from the first test. */
let interviewNdv;

/**
 * Durations and observations, printed once at the end of the file.
 * @type {Record<string, string | number>}
 */
const measurements = {};

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @returns {import('../../scripts/lib/browser').EditorBrowser} */
function getBrowser() {
	if (!browser) throw new Error('The browser did not start. See the beforeAll error.');
	return browser;
}

/** @returns {import('../../sandbox').Sandbox} */
function getSandbox() {
	if (!sandbox) throw new Error('The sandbox did not start. See the beforeAll error.');
	return sandbox;
}

/** @returns {Locator} */
function getInterviewNdv() {
	if (!interviewNdv) throw new Error('The node details view is not open. See the first test.');
	return interviewNdv;
}

/**
 * Returns the rows as the label lists above write them: a notice as NOTICE.
 *
 * @param {ParameterRow[]} rows
 */
function labelsOf(rows) {
	return rows.map((row) => (row.kind === 'notice' ? NOTICE : row.label));
}

/**
 * Waits until the node shows `expected` or the poll times out, and returns the labels it shows.
 *
 * @param {Locator} ndv
 * @param {string[]} expected
 */
async function waitForLabels(ndv, expected) {
	const rows = await browserLib.waitForParameterRows(
		ndv,
		(current) => JSON.stringify(labelsOf(current)) === JSON.stringify(expected),
	);
	return { rows, labels: labelsOf(rows) };
}

/**
 * Runs a step and, when it throws, saves a screenshot of the page under .tmp/browser-failures/
 * before it rethrows.
 *
 * @param {string} name File name without extension.
 * @param {() => Promise<void>} body
 */
async function withFailureScreenshot(name, body) {
	try {
		await body();
	} catch (error) {
		const file = path.join(FAILURE_DIR, `${name}.png`);
		try {
			await browserLib.saveScreenshot(getBrowser().page, file);
			console.log(`Saved the failure screenshot ${path.relative(REPO_ROOT, file)}`);
		} catch (screenshotError) {
			console.log(`Failed to save a failure screenshot: ${screenshotError.message}`);
		}
		throw error;
	}
}

beforeAll(async () => {
	assertRuntimeReady();
	const setupStarted = Date.now();

	const tarball = await packPackage();
	packFolder = path.dirname(tarball);
	instance = await createN8nInstance({ label: 'browser', tarball });

	sandbox = await startSandbox({ port: 0, host: '127.0.0.1', rateLimit: false });
	await instance.importCredentials([
		exampleCredential({ baseUrl: sandbox.url, apiKey: API_KEYS.application }),
	]);
	await instance.importWorkflow(EXAMPLE_WORKFLOW_FILE);
	await instance.importWorkflow(TRIGGER_WORKFLOW_FILE);

	server = await instance.start();
	measurements['set-up until n8n is ready (s)'] = (Date.now() - setupStarted) / 1000;
	const session = await setUpOwner(server.url);

	const browserStarted = Date.now();
	browser = await browserLib.launchEditorBrowser({ baseUrl: server.url, deviceScaleFactor: 2 });
	measurements['browser launch (s)'] = (Date.now() - browserStarted) / 1000;
	await browserLib.signIn(browser, session);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	// Each step runs even when an earlier one failed, so the first error is the one to report.
	/** @type {unknown[]} */
	const errors = [];
	await browser?.close().catch((error) => errors.push(error));
	try {
		if (server) measurements['n8n stop'] = await server.stop();
	} catch (error) {
		errors.push(error);
	}
	await sandbox?.close().catch((error) => errors.push(error));
	instance?.remove();
	if (packFolder) fs.rmSync(packFolder, { recursive: true, force: true });
	console.log(
		`Browser test measurements:\n${Object.entries(measurements)
			.map(([name, value]) => `  ${name}: ${value}`)
			.join('\n')}`,
	);
	if (errors.length > 0) throw errors[0];
}, TEARDOWN_TIMEOUT_MS);

describe('Kula Interview in the n8n editor', () => {
	test(
		'example node opens in the editor',
		() =>
			withFailureScreenshot('open-example-node', async () => {
				const { page } = getBrowser();
				const opened = Date.now();
				await browserLib.openWorkflow(getBrowser(), readExampleWorkflow().id, INTERVIEW_NODE_NAME);
				interviewNdv = await browserLib.openNodeDetails(page, INTERVIEW_NODE_NAME);
				measurements['workflow page until the node details view (s)'] =
					(Date.now() - opened) / 1000;
			}),
		STEP_TIMEOUT_MS,
	);

	// One test per mode, in this order, so a wrong mode fails alone. The screenshot comes before
	// the label assertions: it shows what n8n renders either way.
	for (const { mode, rows, screenshot } of MODES) {
		test(
			`${mode} mode shows its parameters`,
			() =>
				withFailureScreenshot(`mode-${screenshot.replace(/\.png$/, '')}`, async () => {
					const { page } = getBrowser();
					const ndv = getInterviewNdv();
					const offered = await browserLib.selectParameterOption(page, ndv, 'schedulingMode', mode);
					expect(offered).toEqual(['Ad Hoc', 'External Calendar Event', 'From Interview Plan']);

					const expected = [...COMMON_ROWS_BEFORE, ...rows, ...COMMON_ROWS_AFTER];
					const observed = await waitForLabels(ndv, expected);
					measurements[`labels in ${mode}`] = JSON.stringify(observed.labels);
					await browserLib.saveParameterPanelScreenshot(
						page,
						ndv,
						path.join(SCREENSHOT_DIR, screenshot),
						{ scrollTo: 'schedulingMode' },
					);

					if (rows.includes(NOTICE)) {
						const notices = observed.rows.filter((row) => row.kind === 'notice');
						expect(notices).toHaveLength(1);
						expect(notices[0].label.startsWith(EXTERNAL_NOTICE_START)).toBe(true);
						await expect(ndv.getByText(EXTERNAL_NOTICE_START).isVisible()).resolves.toBe(true);
					}
					expect(observed.labels).toEqual(expected);
				}),
			STEP_TIMEOUT_MS,
		);
	}

	test(
		'ad hoc location shows its field',
		() =>
			withFailureScreenshot('ad-hoc-locations', async () => {
				const { page } = getBrowser();
				const ndv = getInterviewNdv();
				await browserLib.selectParameterOption(page, ndv, 'schedulingMode', 'Ad Hoc');

				for (const { location, field } of LOCATIONS) {
					await browserLib.selectParameterOption(page, ndv, 'location', location);
					const expected = [...COMMON_ROWS_BEFORE, ...adHocRows(field), ...COMMON_ROWS_AFTER];
					const { labels } = await waitForLabels(ndv, expected);

					const shownLocationFields = LOCATION_FIELDS.filter((label) => labels.includes(label));
					expect({ location, shownLocationFields }).toEqual({
						location,
						shownLocationFields: field ? [field] : [],
					});
					expect({ location, labels }).toEqual({ location, labels: expected });
				}
			}),
		STEP_TIMEOUT_MS,
	);

	test(
		'taking fields from the input hides every field parameter',
		() =>
			withFailureScreenshot('auto-map', async () => {
				const { page } = getBrowser();
				const ndv = getInterviewNdv();
				const offered = await browserLib.selectParameterOption(
					page,
					ndv,
					'dataMode',
					'Take Kula Fields From Input',
				);
				expect(offered).toEqual(['Map Each Field Below', 'Take Kula Fields From Input']);

				const expected = ['Credential', 'Resource', 'Operation', 'Input Data', NOTICE, 'Options'];
				const observed = await waitForLabels(ndv, expected);
				measurements['labels with fields from the input'] = JSON.stringify(observed.labels);
				await browserLib.saveParameterPanelScreenshot(
					page,
					ndv,
					path.join(SCREENSHOT_DIR, 'fields-from-input.png'),
				);
				const notices = observed.rows.filter((row) => row.kind === 'notice');
				expect(notices).toHaveLength(1);
				expect(notices[0].label.startsWith(AUTO_MAP_NOTICE_START)).toBe(true);
				expect(observed.labels).toEqual(expected);

				await browserLib.selectParameterOption(page, ndv, 'dataMode', 'Map Each Field Below');
				await waitForLabels(ndv, [
					...COMMON_ROWS_BEFORE,
					...adHocRows(undefined),
					...COMMON_ROWS_AFTER,
				]);
			}),
		STEP_TIMEOUT_MS,
	);

	test(
		'application list search picks one',
		() =>
			withFailureScreenshot('application-search', async () => {
				const { page } = getBrowser();
				const ndv = getInterviewNdv();
				const requestsBefore = getSandbox().store.requests.length;
				const locator = ndv.locator('[data-test-id="resource-locator-applicationId"]');

				// The example workflow stores the application by ID; n8n names the list mode "From list".
				await browserLib.pickOption(
					page,
					locator.locator('[data-test-id="rlc-mode-selector"]'),
					'From list',
				);
				await locator.locator('[data-test-id="rlc-input"]').click();
				const search = page.locator('[data-test-id="rlc-search"]');
				await search.waitFor();
				await search.fill('Theo');

				const items = page.locator('[data-test-id="rlc-item"]');
				const deadline = Date.now() + LIST_WAIT_MS;
				let entries = await items.allInnerTexts();
				while (
					!(entries.length === 1 && entries[0].includes(SEARCHED_CANDIDATE)) &&
					Date.now() < deadline
				) {
					await sleep(POLL_INTERVAL_MS);
					entries = await items.allInnerTexts();
				}
				measurements['application entries for "Theo"'] = JSON.stringify(entries);
				expect(entries).toHaveLength(1);
				expect(entries[0]).toContain(SEARCHED_CANDIDATE);
				expect(entries[0]).toContain(SEARCHED_APPLICATION_ID);
				for (const other of OTHER_CANDIDATES) {
					expect(entries.join('\n')).not.toContain(other);
				}

				await items.first().click();
				await browserLib.waitForOverlaysClosed(page);
				const value = await locator.locator('[data-test-id="rlc-input"]').inputValue();
				expect(value).toContain(SEARCHED_CANDIDATE);
				expect(value).toContain(SEARCHED_APPLICATION_ID);

				const listRequests = getSandbox()
					.store.requests.slice(requestsBefore)
					.filter((request) => request.method === 'GET' && request.path === '/v1/applications');
				expect(listRequests.length).toBeGreaterThan(0);
				for (const request of listRequests) {
					expect(new URLSearchParams(request.query).get('limit')).toBe('100');
				}
			}),
		STEP_TIMEOUT_MS,
	);

	test(
		'Kula Trigger details view renders',
		() =>
			withFailureScreenshot('kula-trigger', async () => {
				const { page } = getBrowser();
				await browserLib.closeNodeDetails(page);
				interviewNdv = undefined;
				await browserLib.openWorkflow(getBrowser(), TRIGGER_WORKFLOW.id, TRIGGER_NODE_NAME);
				const ndv = await browserLib.openNodeDetails(page, TRIGGER_NODE_NAME);

				const rows = await browserLib.waitForParameterRows(ndv, (current) =>
					current.some((row) => row.kind === 'parameter'),
				);
				measurements['labels in Kula Trigger'] = JSON.stringify(labelsOf(rows));
				expect(rows[0]).toEqual({ kind: 'credential', name: '', label: 'Credential' });
				expect(rows.filter((row) => row.kind === 'parameter').length).toBeGreaterThan(0);

				await browserLib.saveParameterPanelScreenshot(
					page,
					ndv,
					path.join(SCREENSHOT_DIR, 'kula-trigger.png'),
				);
			}),
		STEP_TIMEOUT_MS,
	);

	test('browser requested only the n8n server', () => {
		expect(getBrowser().blockedRequests).toEqual([]);
	});

	test(
		'request guard blocks other servers',
		async () => {
			// A server of this test on another loopback port represents any other host: the guard
			// must stop the page's requests to it inside the browser.
			/** @type {string[]} */
			const received = [];
			const other = http.createServer((request, response) => {
				received.push(`${request.method} ${request.url}`);
				response.end('reached');
			});
			other.on('upgrade', (request, socket) => {
				received.push(`upgrade ${request.url}`);
				socket.destroy();
			});
			await new Promise((resolve) => other.listen(0, '127.0.0.1', () => resolve(undefined)));
			try {
				const address = other.address();
				const port = typeof address === 'object' && address ? address.port : 0;
				const { page, blockedRequests } = getBrowser();

				const fetchUrl = `http://127.0.0.1:${port}/fetch-probe`;
				const fetchOutcome = await page.evaluate(async (url) => {
					try {
						await fetch(url);
						return 'loaded';
					} catch {
						return 'failed';
					}
				}, fetchUrl);

				const webSocketUrl = `ws://127.0.0.1:${port}/websocket-probe`;
				const closeCode = await page.evaluate(
					(url) =>
						new Promise((resolve) => {
							const webSocket = new /** @type {any} */ (globalThis).WebSocket(url);
							webSocket.onclose = (/** @type {{ code: number }} */ event) => resolve(event.code);
						}),
					webSocketUrl,
				);

				expect(fetchOutcome).toBe('failed');
				// 1008 (policy violation) is the code the guard closes with.
				expect(closeCode).toBe(1008);
				expect(received).toEqual([]);
				expect(blockedRequests.map(({ kind, url }) => ({ kind, url }))).toEqual([
					{ kind: 'request', url: fetchUrl },
					{ kind: 'websocket', url: webSocketUrl },
				]);
			} finally {
				await new Promise((resolve) => other.close(() => resolve(undefined)));
			}
		},
		STEP_TIMEOUT_MS,
	);
});
