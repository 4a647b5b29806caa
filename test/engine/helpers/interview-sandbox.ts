import { DateTime } from 'luxon';
import { ErrorReporter } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { KulaApi } from '../../../credentials/KulaApi.credentials';
import { KulaInterview } from '../../../nodes/KulaInterview/KulaInterview.node';
import { startSandbox } from '../../../sandbox';
import { API_KEYS } from '../../../sandbox/seed';
import { TestCredentialsHelper } from './credentials-helper';
import { nodeTypesFrom, runNode } from './run-workflow';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export const NODE_NAME = 'Kula Interview';
const nodeTypes = nodeTypesFrom({ 'n8n-nodes-kula.kulaInterview': new KulaInterview() });

/** A start time two days ahead on the hour, in UTC, so every run is in the future. */
export const START = DateTime.utc()
	.plus({ days: 2 })
	.startOf('hour')
	.toISO({ suppressMilliseconds: true });

export const locator = (value: string) => ({ __rl: true, mode: 'id', value });

/** The parameters of an ad hoc Zoom interview, beside the four fields every mode needs. */
export const AD_HOC_ZOOM = {
	schedulingMode: 'adHoc',
	kind: 'panel',
	location: 'zoom',
	durationMinutes: 45,
	interviewerIds: '202, 203',
	hostId: locator('202'),
	candidateTemplateId: locator('401'),
	interviewerTemplateId: locator('402'),
};

/** Returns a Kula Interview node that creates an interview, with the given parameters on top. */
export function kulaNode(parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return {
		id: 'b1f6a8f0-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: 'n8n-nodes-kula.kulaInterview',
		typeVersion: 1,
		position: [0, 0],
		credentials: { kulaApi: { id: 'kula-sandbox', name: 'Kula sandbox' } },
		parameters: { resource: 'interview', operation: 'create', ...parameters },
		...extra,
	};
}

/**
 * Starts one sandbox for a test file and resets it before each test. The engine reports every
 * node error to the console through ErrorReporter; a spy keeps the output quiet and hands the
 * tests the real error instance.
 */
export function useInterviewSandbox() {
	let sandbox: Sandbox;
	let reportSpy: jest.SpyInstance;

	beforeAll(async () => {
		sandbox = await startSandbox({
			port: 0,
			host: '127.0.0.1',
			provisionDelayMs: 50,
			rateLimit: false,
		});
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.setRateLimit(false);
		reportSpy = jest.spyOn(ErrorReporter.prototype, 'error').mockImplementation(() => {});
	});
	afterEach(() => reportSpy.mockRestore());

	const credentials = (apiKey: string = API_KEYS.application) =>
		new TestCredentialsHelper([new KulaApi()], { kulaApi: { apiKey, baseUrl: sandbox.url } });

	return {
		sandbox: () => sandbox,
		credentials,
		run: async (node: INode, items: INodeExecutionData[] = [{ json: {} }], apiKey?: string) =>
			await runNode({ node, nodeTypes, items, credentialsHelper: credentials(apiKey) }),
		runCancelledAfter: async (node: INode, items: INodeExecutionData[], cancelAfterMs: number) =>
			await runNode({ node, nodeTypes, items, credentialsHelper: credentials(), cancelAfterMs }),
		runWithSettings: async (
			node: INode,
			items: INodeExecutionData[],
			settings: Parameters<typeof runNode>[0]['settings'],
		) => await runNode({ node, nodeTypes, items, credentialsHelper: credentials(), settings }),
		createCalls: () =>
			sandbox.store.requests.filter(
				(request) => request.method === 'POST' && /\/interviews$/.test(request.path),
			),
		onlyError: (): Error & IDataObject => {
			expect(reportSpy).toHaveBeenCalledTimes(1);
			return reportSpy.mock.calls[0][0] as Error & IDataObject;
		},
	};
}
