import { createHmac } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { receiveDelivery } from '../../../nodes/KulaTrigger/delivery';
import { PRODUCTION_URL } from './fake-context';

const SECRET = 'f'.repeat(64);

const interview = {
	id: 9001,
	application_id: 1001,
	created_at: '2026-12-04T10:00:00Z',
	video_conferencing_url: 'https://zoom.us/j/5550001',
};

function envelope(overrides: IDataObject = {}): IDataObject {
	return {
		event: 'interview.event.created',
		event_id: 'evt_0001',
		created_at: '2026-12-04T10:00:05Z',
		account_id: 7001,
		data: interview,
		...overrides,
	};
}

function signed(body: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) {
	const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
	return { 'x-kula-signature': `t=${timestamp},v1=${digest}`, 'content-type': 'application/json' };
}

interface Delivered {
	status?: number;
	body?: unknown;
}

function deliver(
	body: string,
	headers: IDataObject,
	options: {
		parameters?: IDataObject;
		staticData?: IDataObject;
		credentialSecret?: string;
		workflowId?: string;
	} = {},
) {
	const answered: Delivered = {};
	const staticData = options.staticData ?? {
		subscriptions: { [PRODUCTION_URL]: { id: 'wh_1', secret: SECRET, events: [] } },
	};
	const parameters: IDataObject = {
		events: ['interview.event.created'],
		registration: 'automatic',
		output: 'data',
		...options.parameters,
	};
	const response = {
		status(code: number) {
			answered.status = code;
			return response;
		},
		json(payload: unknown) {
			answered.body = payload;
			return response;
		},
		end() {
			return response;
		},
	};
	const context = {
		getNodeWebhookUrl: () => PRODUCTION_URL,
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-1' }),
		getNode: () => ({ id: 'trigger-1', name: 'Kula Trigger' }),
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => ({ webhookSigningSecret: options.credentialSecret ?? '' }),
		getRequestObject: () => ({ rawBody: Buffer.from(body, 'utf8') }),
		getHeaderData: () => headers,
		getResponseObject: () => response,
		logger: { info: () => undefined, warn: () => undefined },
		helpers: { returnJsonArray: (json: IDataObject) => [{ json }] },
	} as unknown as IWebhookFunctions;
	return { run: receiveDelivery.call(context), answered, staticData };
}

describe('receiveDelivery', () => {
	it('starts a run with the interview and event fields', async () => {
		const body = JSON.stringify(envelope());
		const { run, answered } = deliver(body, signed(body));

		expect(await run).toEqual({
			noWebhookResponse: true,
			workflowData: [
				[
					{
						json: {
							...interview,
							event: 'interview.event.created',
							event_id: 'evt_0001',
							event_created_at: '2026-12-04T10:00:05Z',
							account_id: 7001,
						},
					},
				],
			],
		});
		expect(answered.status).toBe(200);
		expect(answered.body).toEqual({ message: 'Event received' });
	});

	it('outputs the whole envelope and headers on request', async () => {
		const body = JSON.stringify(envelope());
		const headers = signed(body);
		const { run } = deliver(body, headers, {
			parameters: { output: 'envelope' },
			workflowId: 'wf-envelope',
		});

		const result = await run;
		expect(result.workflowData?.[0][0].json).toEqual({ ...envelope(), headers });
	});

	it('answers 401 to a wrong signature', async () => {
		const body = JSON.stringify(envelope());
		const { run, answered } = deliver(body, signed(body, 'wrong-secret'));

		expect(await run).toEqual({ noWebhookResponse: true });
		expect(answered.status).toBe(401);
	});

	it('answers 401 without a signature', async () => {
		const { run, answered } = deliver(JSON.stringify(envelope()), {});

		expect(await run).toEqual({ noWebhookResponse: true });
		expect(answered.status).toBe(401);
	});

	it('answers 401 to a replay older than 5 minutes', async () => {
		const body = JSON.stringify(envelope());
		const old = Math.floor(Date.now() / 1000) - 600;
		const { answered, run } = deliver(body, signed(body, SECRET, old));

		await run;
		expect(answered.status).toBe(401);
	});

	it('answers 401 when no secret is known', async () => {
		const body = JSON.stringify(envelope());
		const { answered, run } = deliver(body, signed(body), { staticData: {} });

		await run;
		expect(answered.status).toBe(401);
	});

	it('uses the credential secret for manual registration', async () => {
		const body = JSON.stringify(envelope());
		const { run } = deliver(body, signed(body, 'whsec_manual'), {
			parameters: { registration: 'manual' },
			credentialSecret: 'whsec_manual',
			workflowId: 'wf-manual',
		});

		expect((await run).workflowData).toHaveLength(1);
	});

	it.each([
		['not JSON', 'event=interview.event.created'],
		['not an envelope', JSON.stringify({ hello: 'world' })],
		[
			'an envelope without data',
			JSON.stringify({ event: 'interview.event.created', event_id: 'e' }),
		],
	])('answers 400 to a body that is %s', async (_case, body) => {
		const { run, answered } = deliver(body, signed(body));

		expect(await run).toEqual({ noWebhookResponse: true });
		expect(answered.status).toBe(400);
	});

	it('answers 200 to a ping without a run', async () => {
		const body = JSON.stringify(envelope({ event: 'ping', data: { message: 'Webhook test' } }));
		const { run, answered } = deliver(body, signed(body));

		expect(await run).toEqual({ noWebhookResponse: true });
		expect(answered.status).toBe(200);
	});

	it('answers 200 to an event that is not selected', async () => {
		const body = JSON.stringify(envelope({ event: 'interview.event.updated' }));
		const { run, answered } = deliver(body, signed(body));

		expect(await run).toEqual({ noWebhookResponse: true });
		expect(answered.status).toBe(200);
	});

	it('starts one run per event id', async () => {
		const body = JSON.stringify(envelope({ event_id: 'evt_repeat' }));
		const first = deliver(body, signed(body), { workflowId: 'wf-repeat' });
		expect((await first.run).workflowData).toHaveLength(1);
		expect(first.staticData.recentEventIds).toHaveProperty('evt_repeat');

		const again = deliver(body, signed(body), {
			staticData: first.staticData,
			workflowId: 'wf-repeat',
		});
		expect(await again.run).toEqual({ noWebhookResponse: true });
		expect(again.answered.status).toBe(200);
		expect(again.answered.body).toEqual({ message: 'Duplicate event' });
	});

	it('runs each copy that read static data before the save', async () => {
		// Two copies at the same moment each get their own copy of the static data from n8n's
		// database, and the node keeps no memory of its own, so neither finds the other's id.
		const body = JSON.stringify(envelope({ event_id: 'evt_parallel' }));
		const fresh = () => ({
			subscriptions: { [PRODUCTION_URL]: { id: 'wh_1', secret: SECRET, events: [] } },
		});
		const first = deliver(body, signed(body), { staticData: fresh(), workflowId: 'wf-parallel' });
		const second = deliver(body, signed(body), { staticData: fresh(), workflowId: 'wf-parallel' });

		const results = await Promise.all([first.run, second.run]);
		expect(results.filter((result) => result.workflowData !== undefined)).toHaveLength(2);
		expect(first.staticData.recentEventIds).toHaveProperty('evt_parallel');
		expect(second.staticData.recentEventIds).toHaveProperty('evt_parallel');
	});

	it('keeps event ids apart per workflow', async () => {
		const body = JSON.stringify(envelope({ event_id: 'evt_shared' }));
		const first = deliver(body, signed(body), { workflowId: 'wf-one' });
		const other = deliver(body, signed(body), { workflowId: 'wf-other' });

		expect((await first.run).workflowData).toHaveLength(1);
		expect((await other.run).workflowData).toHaveLength(1);
	});
});
