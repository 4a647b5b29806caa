import type {
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeListSearchResult,
} from 'n8n-workflow';

import { KulaApi } from '../../credentials/KulaApi.credentials';
import { KulaInterview } from '../../nodes/KulaInterview/KulaInterview.node';
import { startSandbox } from '../../sandbox';
import { API_KEYS } from '../../sandbox/seed';
import { TestCredentialsHelper } from './helpers/credentials-helper';
import { loadOptionsContext } from './helpers/load-options';
import { nodeTypesFrom } from './helpers/run-workflow';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type ListMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

const kulaInterview = new KulaInterview();
const nodeTypes = nodeTypesFrom({ 'n8n-nodes-kula.kulaInterview': kulaInterview });
const listSearch = kulaInterview.methods.listSearch as Record<string, ListMethod>;
const locator = (value: string) => ({ __rl: true, mode: 'list', value });

describe('Kula Interview lists against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', rateLimit: false });
	});

	afterAll(async () => {
		await sandbox.close();
	});

	beforeEach(() => sandbox.reset());

	function context(parameters: IDataObject = {}): ILoadOptionsFunctions {
		const node: INode = {
			id: 'b1f6a8f0-0000-4000-8000-000000000002',
			name: 'Kula Interview',
			type: 'n8n-nodes-kula.kulaInterview',
			typeVersion: 1,
			position: [0, 0],
			credentials: { kulaApi: { id: 'kula-sandbox', name: 'Kula sandbox' } },
			parameters: { resource: 'interview', operation: 'create', ...parameters },
		};
		const credentialsHelper = new TestCredentialsHelper([new KulaApi()], {
			kulaApi: { apiKey: API_KEYS.application, baseUrl: sandbox.url },
		});
		return loadOptionsContext({ node, nodeTypes, credentialsHelper, parameterPath: 'parameters' });
	}

	async function list(method: string, parameters: IDataObject = {}, filter?: string) {
		const result = await listSearch[method].call(context(parameters), filter);
		return {
			values: result.results.map((item) => String(item.value)),
			names: result.results.map((item) => item.name),
			requests: sandbox.store.requests.map((request) => `${request.method} ${request.path}`),
			queries: sandbox.store.requests.map((request) =>
				Object.fromEntries(new URLSearchParams(request.query)),
			),
		};
	}

	it('lists jobs with one request', async () => {
		const { values, names, requests } = await list('searchJobs');

		expect(values).toEqual(['101', '102', '103']);
		expect(names[0]).toBe('Senior Backend Engineer');
		expect(requests).toEqual(['GET /v1/jobs']);
	});

	it('searches jobs through Kula', async () => {
		const { values, requests } = await list('searchJobs', {}, 'designer');

		expect(values).toEqual(['102']);
		expect(requests).toEqual(['POST /v1/jobs/search']);
	});

	it('searches applications by candidate name', async () => {
		const { values, names, requests, queries } = await list('searchApplications', {}, 'theo');

		expect(values).toEqual(['1002']);
		expect(names).toEqual(['Theo Ashgrove (application 1002, job 101)']);
		expect(requests).toEqual(['GET /v1/applications']);
		expect(queries[0]).toMatchObject({ limit: '100', page: '1' });
	});

	it('narrows applications to the job', async () => {
		const { values } = await list('searchApplications', { jobId: locator('102') });

		expect(values).toEqual(['1003']);
	});

	it('names plan activities with their stage', async () => {
		const { values, names, requests } = await list('searchStageActivities', {
			applicationId: locator('1001'),
		});

		expect(values).toEqual(['11011', '11021', '11022', '11031']);
		expect(names[1]).toMatch(/^Technical Interview › /);
		expect(requests).toEqual(['GET /v1/applications/1001', 'GET /v1/jobs/101/interview_plan']);
	});

	it('reads the plan with one request given a job', async () => {
		const { requests } = await list('searchStageActivities', { jobId: locator('101') });

		expect(requests).toEqual(['GET /v1/jobs/101/interview_plan']);
	});

	it('hints instead of failing without a job', async () => {
		const { values, names, requests } = await list('searchStageActivities', {
			applicationId: locator('={{ $json.applicationId }}'),
		});

		expect(values).toEqual(['']);
		expect(names).toEqual(['Pick an Application or a Job first to list its interview plan']);
		expect(requests).toEqual([]);
	});

	it("lists the job's valid organizers", async () => {
		const { values, requests, queries } = await list('searchOrganizers', {
			applicationId: locator('1001'),
		});

		expect(values).toEqual(['201', '202']);
		expect(requests).toEqual(['GET /v1/applications/1001', 'GET /v1/interviews/valid_organizers']);
		expect(queries[1]).toMatchObject({ job_id: '101', limit: '100' });
	});

	it('searches organizers through Kula', async () => {
		const { queries } = await list('searchOrganizers', { jobId: locator('101') }, 'avery');

		expect(queries[0]).toMatchObject({ job_id: '101', query: 'avery' });
	});

	it('lists zoom hosts, offices and scorecards', async () => {
		expect((await list('searchConferenceHosts')).values).toEqual(['201', '202']);
		expect((await list('searchOffices')).values).toEqual(['301', '302']);
		expect((await list('searchScorecardTemplates')).values).toEqual(['501', '502']);
	});

	it('lists invite templates by category', async () => {
		const candidate = await list('searchCandidateTemplates');
		expect(candidate.values).toEqual(['401']);
		expect(candidate.queries[0]).toMatchObject({
			channel: 'calendar_invite',
			'categories[]': 'interview_coordination',
		});

		sandbox.reset();
		expect((await list('searchInterviewerTemplates')).values).toEqual(['402']);
	});

	it('lists active users as interviewers', async () => {
		const options = await kulaInterview.methods.loadOptions.getInterviewers.call(context());

		expect(options.map((option) => option.value)).toEqual([
			201, 202, 203, 204, 206, 207, 208, 209, 210,
		]);
		expect(sandbox.store.requests.map((request) => request.path)).toEqual(['/v1/users']);
	});

	it('sends the key on every lookup', async () => {
		await list('searchOrganizers', { applicationId: locator('1001') });

		for (const request of sandbox.store.requests) expect(request.authorization_present).toBe(true);
	});
});
