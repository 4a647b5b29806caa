import { DateTime } from 'luxon';
import { ErrorReporter } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IRun } from 'n8n-workflow';

import { KulaApi } from '../../credentials/KulaApi.credentials';
import { KulaInterview } from '../../nodes/KulaInterview/KulaInterview.node';
import { startSandbox } from '../../sandbox';
import { API_KEYS } from '../../sandbox/seed';
import { TestCredentialsHelper } from './helpers/credentials-helper';
import { nodeTypesFrom, outputOf, runNode } from './helpers/run-workflow';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const NODE_NAME = 'Kula Interview';
const nodeTypes = nodeTypesFrom({ 'n8n-nodes-kula.kulaInterview': new KulaInterview() });

/** A start time two days ahead on the hour, in UTC, so every run is in the future. */
const START = DateTime.utc()
	.plus({ days: 2 })
	.startOf('hour')
	.toISO({ suppressMilliseconds: true });

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

function kulaNode(parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return {
		id: 'b1f6a8f0-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: 'n8n-nodes-kula.kulaInterview',
		typeVersion: 1,
		position: [0, 0],
		credentials: { kulaApi: { id: 'kula-sandbox', name: 'Kula sandbox' } },
		parameters: {
			resource: 'interview',
			operation: 'create',
			applicationId: locator('1001'),
			organizerId: locator('201'),
			startTime: START,
			timezone: 'Europe/Lisbon',
			...parameters,
		},
		...extra,
	};
}

const adHocZoom = {
	schedulingMode: 'adHoc',
	kind: 'panel',
	location: 'zoom',
	durationMinutes: 45,
	interviewerIds: '202, 203',
	hostId: locator('202'),
	candidateTemplateId: locator('401'),
	interviewerTemplateId: locator('402'),
};

describe('Kula Interview in the n8n engine against the sandbox', () => {
	let sandbox: Sandbox;
	let reportSpy: jest.SpyInstance;

	const credentials = (apiKey: string = API_KEYS.application) =>
		new TestCredentialsHelper([new KulaApi()], { kulaApi: { apiKey, baseUrl: sandbox.url } });

	const run = async (node: INode, items: INodeExecutionData[] = [{ json: {} }], apiKey?: string) =>
		await runNode({ node, nodeTypes, items, credentialsHelper: credentials(apiKey) });

	const createCalls = () =>
		sandbox.store.requests.filter(
			(request) => request.method === 'POST' && /\/interviews$/.test(request.path),
		);

	beforeAll(async () => {
		sandbox = await startSandbox({
			port: 0,
			host: '127.0.0.1',
			provisionDelayMs: 50,
			rateLimit: false,
		});
	});

	afterAll(async () => {
		await sandbox.close();
	});

	beforeEach(() => {
		sandbox.reset();
		sandbox.setRateLimit(false);
		// The engine reports every node error to the console through ErrorReporter; the spy keeps
		// the output quiet and hands the tests the real error instance.
		reportSpy = jest.spyOn(ErrorReporter.prototype, 'error').mockImplementation(() => {});
	});

	afterEach(() => reportSpy.mockRestore());

	const onlyError = (): Error & IDataObject => {
		expect(reportSpy).toHaveBeenCalledTimes(1);
		return reportSpy.mock.calls[0][0] as Error & IDataObject;
	};

	it('creates from the interview plan with inherited fields', async () => {
		const result = await run(
			kulaNode({ schedulingMode: 'interviewPlan', stageActivityId: locator('11021') }),
		);

		expect(result.status).toBe('success');
		const [item] = outputOf(result, NODE_NAME);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			application_id: 1001,
			stage_activity_id: 11021,
			kind: 'panel',
			location: 'zoom',
			duration_minutes: 60,
			interviewer_ids: [202, 203],
			host_id: 202,
			timezone: 'Europe/Lisbon',
		});
		expect(createCalls()[0].body).toEqual({
			organizer_id: 201,
			start_time: START,
			timezone: 'Europe/Lisbon',
			stage_activity_id: 11021,
		});
	});

	it('creates an ad hoc zoom interview', async () => {
		const result = await run(kulaNode(adHocZoom));

		expect(result.status).toBe('success');
		const [item] = outputOf(result, NODE_NAME);
		expect(item.json).toMatchObject({
			stage_activity_id: null,
			kind: 'panel',
			location: 'zoom',
			duration_minutes: 45,
			host_id: 202,
			candidate_template_id: 401,
			interviewer_template_id: 402,
			video_conferencing_url: null,
		});
	});

	it('creates an external calendar event', async () => {
		const result = await run(
			kulaNode({
				schedulingMode: 'external',
				organizerId: locator('204'),
				kind: 'one_on_one',
				durationMinutes: 30,
				interviewerIds: '203',
				videoConferencingUrl: 'https://meet.example.com/abc-defg-hij',
				externalSource: 'Calendar Sync',
				externalEventId: 'evt-42',
			}),
		);

		expect(result.status).toBe('success');
		const [item] = outputOf(result, NODE_NAME);
		expect(item.json.external).toMatchObject({
			managed: true,
			video_conferencing_url: 'https://meet.example.com/abc-defg-hij',
			source: 'Calendar Sync',
			event_id: 'evt-42',
		});
	});

	it('reads a start time without offset in the workflow timezone', async () => {
		const localStart = DateTime.now()
			.setZone('Asia/Tokyo')
			.plus({ days: 3 })
			.set({ hour: 10, minute: 30, second: 0, millisecond: 0 });
		const result = await runNode({
			node: kulaNode({
				...adHocZoom,
				timezone: '',
				startTime: localStart.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
			}),
			nodeTypes,
			items: [{ json: {} }],
			credentialsHelper: credentials(),
			settings: { timezone: 'Asia/Tokyo' },
		});

		expect(result.status).toBe('success');
		expect(createCalls()[0].body).toMatchObject({
			start_time: localStart.toUTC().toISO({ suppressMilliseconds: true }),
			timezone: 'Asia/Tokyo',
		});
	});

	it('sends the API key as a Bearer token on every request', async () => {
		await run(kulaNode(adHocZoom));

		expect(sandbox.store.requests.length).toBeGreaterThan(0);
		for (const request of sandbox.store.requests) expect(request.authorization_present).toBe(true);
	});

	it('reports a rejected key with the key type to use', async () => {
		const result = await run(kulaNode(adHocZoom), [{ json: {} }], 'not-a-kula-key');

		expect(result.status).toBe('error');
		const error = onlyError();
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('401');
		expect(error.message).toContain('ERR_INVALID_TOKEN');
		expect(String(error.description)).toContain('Application API');
		expect(String(error.description)).not.toContain('not-a-kula-key');
	});

	it('turns a 422 into a NodeApiError and sends once', async () => {
		// Valid for the node; the sandbox rejects it because user 204 has no connected calendar.
		const result = await run(kulaNode({ ...adHocZoom, organizerId: locator('204') }));

		expect(result.status).toBe('error');
		const error = onlyError();
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('422');
		expect(error.message).toMatch(/HTTP 422 \(ERR_[A-Z_]+\) \[item 0\]/);
		expect(String(error.description)).toContain('Kula says:');
		expect(createCalls()).toHaveLength(1);
	});

	it('stops a bad item before any request', async () => {
		const result = await run(kulaNode({ ...adHocZoom, interviewerIds: '202, 203, 202' }));

		expect(result.status).toBe('error');
		expect(onlyError().message).toBe('Interviewer Names or IDs lists user 202 twice [item 0]');
		expect(createCalls()).toHaveLength(0);
	});

	it('waits out a 429 and sends again', async () => {
		sandbox.setRateLimit({ limit: 1, windowSeconds: 2 });
		const items = [{ json: {} }, { json: {} }];

		const started = Date.now();
		const result = await run(kulaNode({ ...adHocZoom, interviewerIds: '202, 203' }), items);

		expect(result.status).toBe('success');
		expect(outputOf(result, NODE_NAME).map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
		expect(createCalls().map((request) => request.status)).toEqual([201, 429, 201]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	it('fails a 429 beyond the wait limit and names the wait', async () => {
		sandbox.setRateLimit({ limit: 1, windowSeconds: 60 });
		const node = kulaNode({ ...adHocZoom, options: { maxRateLimitWaitSeconds: 5 } });

		const result = await run(node, [{ json: {} }, { json: {} }]);

		expect(result.status).toBe('error');
		const error = onlyError();
		expect(error.httpCode).toBe('429');
		expect(error.message).toContain('[item 1]');
		expect(String(error.description)).toMatch(/retry in \d+ s/);
		expect(createCalls().map((request) => request.status)).toEqual([201, 429]);
	});

	describe('with continue-on-fail and a failing middle item', () => {
		const items = [
			{ json: { applicationId: '1001' } },
			{ json: { applicationId: '999999' } },
			{ json: { applicationId: '1002' } },
		];
		const node = (onError: INode['onError']) =>
			kulaNode({ ...adHocZoom, applicationId: locator('={{ $json.applicationId }}') }, { onError });

		it('returns two interviews and one paired error item', async () => {
			const result = await run(node('continueRegularOutput'), items);

			expect(result.status).toBe('success');
			const output = outputOf(result, NODE_NAME);
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(output[0].json.application_id).toBe(1001);
			expect(String(output[1].json.error)).toContain('HTTP 404');
			expect(String(output[1].json.error)).toContain('[item 1]');
			expect(String(output[1].json.details)).toContain('Check that the Application');
			expect(output[2].json.application_id).toBe(1002);
			expect(createCalls()).toHaveLength(3);
		});

		it('routes the error item to the error output', async () => {
			const result: IRun = await run(node('continueErrorOutput'), items);

			expect(outputOf(result, NODE_NAME, 0).map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 2 },
			]);
			expect(outputOf(result, NODE_NAME, 1).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		});
	});
});
