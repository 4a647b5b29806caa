import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as createInterview from './actions/interview/create.operation';
import { route } from './actions/router';
import * as listSearch from './methods/listSearch';
import { getInterviewers, getTimezones } from './methods/loadOptions';

// Programmatic rather than declarative: the body's shape depends on the scheduling mode, and
// every item is validated across fields (15-minute start, host among interviewers) before a
// request, with one paired output item per input item, errors included.
export class KulaInterview implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kula Interview',
		name: 'kulaInterview',
		icon: { light: 'file:../../icons/kula.svg', dark: 'file:../../icons/kula.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Schedule interviews in Kula',
		defaults: { name: 'Kula Interview' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kulaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Interview', value: 'interview' }],
				default: 'interview',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['interview'] } },
				options: [
					{
						name: 'Create',
						value: 'create',
						description: 'Schedule an interview on an application',
						action: 'Create an interview',
					},
				],
				default: 'create',
			},
			...createInterview.description,
		],
	};

	methods = {
		loadOptions: { getInterviewers, getTimezones },
		listSearch: {
			searchApplications: listSearch.searchApplications,
			searchCandidateTemplates: listSearch.searchCandidateTemplates,
			searchConferenceHosts: listSearch.searchConferenceHosts,
			searchInterviewerTemplates: listSearch.searchInterviewerTemplates,
			searchJobs: listSearch.searchJobs,
			searchOffices: listSearch.searchOffices,
			searchOrganizers: listSearch.searchOrganizers,
			searchScorecardTemplates: listSearch.searchScorecardTemplates,
			searchStageActivities: listSearch.searchStageActivities,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
