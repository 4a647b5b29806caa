import { DateTime } from 'luxon';
import type { INode, IRun } from 'n8n-workflow';

import { API_KEYS } from '../../sandbox/seed';
import {
	AD_HOC_ZOOM,
	kulaNode as bareNode,
	locator,
	NODE_NAME,
	START,
	useInterviewSandbox,
} from './helpers/interview-sandbox';
import { outputOf } from './helpers/run-workflow';

/** The node with the fields every mode needs set as parameters. */
const kulaNode = (parameters: Parameters<typeof bareNode>[0], extra?: Partial<INode>) =>
	bareNode(
		{
			applicationId: locator('1001'),
			organizerId: locator('201'),
			startTime: START,
			timezone: 'Europe/Lisbon',
			...parameters,
		},
		extra,
	);

const adHocZoom = AD_HOC_ZOOM;

describe('Kula Interview in the n8n engine against the sandbox', () => {
	const { sandbox, run, runCancelledAfter, runWithSettings, createCalls, onlyError } =
		useInterviewSandbox();

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

	it('accepts Location as an expression', async () => {
		const items = [{ json: { location: ' zoom ' } }, { json: { location: 'phone' } }];

		const result = await run(kulaNode({ ...adHocZoom, location: '={{ $json.location }}' }), items);

		expect(result.status).toBe('success');
		const bodies = createCalls().map((request) => request.body);
		expect(bodies[0]).toMatchObject({ location: 'zoom', host_id: 202 });
		expect(bodies[1]).toMatchObject({ location: 'phone' });
		expect(bodies[1]).not.toHaveProperty('host_id');
	});

	it('reads a start time without offset in the workflow timezone', async () => {
		const localStart = DateTime.now()
			.setZone('Asia/Tokyo')
			.plus({ days: 3 })
			.set({ hour: 10, minute: 30, second: 0, millisecond: 0 });
		const result = await runWithSettings(
			kulaNode({
				...adHocZoom,
				timezone: '',
				startTime: localStart.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
			}),
			[{ json: {} }],
			{ timezone: 'Asia/Tokyo' },
		);

		expect(result.status).toBe('success');
		expect(createCalls()[0].body).toMatchObject({
			start_time: localStart.toUTC().toISO({ suppressMilliseconds: true }),
			timezone: 'Asia/Tokyo',
		});
	});

	it('sends the API key as a Bearer token on every request', async () => {
		await run(kulaNode(adHocZoom));

		expect(sandbox().store.requests.length).toBeGreaterThan(0);
		for (const request of sandbox().store.requests)
			expect(request.authorization_present).toBe(true);
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

	/** Spends the account's budget outside the node, as another workflow on the same account would. */
	const spendBudget = async () => {
		const response = await fetch(`${sandbox().url}/v1/jobs?limit=1`, {
			headers: { authorization: `Bearer ${API_KEYS.application}` },
		});
		expect(response.status).toBe(200);
	};

	it('paces to the reset without a 429', async () => {
		sandbox().setRateLimit({ limit: 2, windowSeconds: 2 });
		const items = [{ json: {} }, { json: {} }, { json: {} }];

		const result = await run(kulaNode(adHocZoom), items);

		expect(result.status).toBe('success');
		expect(outputOf(result, NODE_NAME).map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		const calls = createCalls();
		expect(calls.map((request) => request.status)).toEqual([201, 201, 201]);
		// The third request went out in the next window, which the first request opened.
		expect(Date.parse(calls[2].time) - Date.parse(calls[0].time)).toBeGreaterThanOrEqual(1900);
	});

	it('waits out a 429 caused by another client and sends again', async () => {
		sandbox().setRateLimit({ limit: 1, windowSeconds: 2 });
		await spendBudget();

		const result = await run(kulaNode(adHocZoom));

		expect(result.status).toBe('success');
		expect(createCalls().map((request) => request.status)).toEqual([429, 201]);
	});

	it('fails a 429 beyond the wait limit and names the wait', async () => {
		sandbox().setRateLimit({ limit: 1, windowSeconds: 60 });
		await spendBudget();

		const result = await run(kulaNode({ ...adHocZoom, options: { maxRateLimitWaitSeconds: 5 } }));

		expect(result.status).toBe('error');
		const error = onlyError();
		expect(error.httpCode).toBe('429');
		expect(error.message).toContain('[item 0]');
		expect(String(error.description)).toMatch(/retry in \d+ s/);
		expect(createCalls().map((request) => request.status)).toEqual([429]);
	});

	it('ends a rate-limit wait when the run is stopped', async () => {
		sandbox().setRateLimit({ limit: 1, windowSeconds: 60 });
		const node = kulaNode({ ...adHocZoom, options: { maxRateLimitWaitSeconds: 120 } });

		const started = Date.now();
		const result = await runCancelledAfter(node, [{ json: {} }, { json: {} }], 1000);

		// The second item would wait about a minute for the reset.
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(result.status).toBe('canceled');
		expect(createCalls().map((request) => request.status)).toEqual([201]);
	});

	it('does not send when the reset is later than the wait limit', async () => {
		sandbox().setRateLimit({ limit: 1, windowSeconds: 60 });
		const node = kulaNode({ ...adHocZoom, options: { maxRateLimitWaitSeconds: 5 } });

		const result = await run(node, [{ json: {} }, { json: {} }]);

		expect(result.status).toBe('error');
		const error = onlyError();
		expect(error.message).toMatch(/the rate limit is used up for another \d+ s \[item 1\]/);
		expect(String(error.description)).toContain('Max Rate Limit Wait (5 s)');
		expect(createCalls().map((request) => request.status)).toEqual([201]);
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
