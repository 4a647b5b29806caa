import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { kulaApiRequest } from '../../shared/transport';
import { isObject } from '../../shared/types';
import {
	applicationJobId,
	applicationName,
	jobName,
	namedRecord,
	personName,
	planActivities,
	recordId,
} from './records';

/** Kula's largest page; each list loads one page per scroll, so one request each. */
export const LIST_PAGE_SIZE = 100;

function unwrap(body: unknown): unknown {
	return isObject(body) && 'data' in body ? body.data : body;
}

function matches(filter: string | undefined, ...texts: string[]): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return texts.some((value) => value.toLowerCase().includes(needle));
}

function hint(message: string): INodeListSearchResult {
	return { results: [{ name: message, value: '' }] };
}

function pageNumber(paginationToken: string | undefined): number {
	return Number(paginationToken) > 0 ? Number(paginationToken) : 1;
}

/** Reads the records of a list response and the token of the next page, if there is one. */
function readPage(
	body: unknown,
	page: number,
): { entries: IDataObject[]; nextToken: string | undefined } {
	const data = unwrap(body);
	const entries = Array.isArray(data) ? data.filter(isObject) : [];
	const meta = isObject(body) && isObject(body.meta) ? body.meta : {};
	const totalPages = typeof meta.total_pages === 'number' ? meta.total_pages : undefined;
	const hasMore = totalPages === undefined ? entries.length === LIST_PAGE_SIZE : page < totalPages;
	return { entries, nextToken: hasMore ? String(page + 1) : undefined };
}

/**
 * Loads one page of a Kula list. `path` may carry array parameters such as `categories[]=...`,
 * which Kula expects repeated with brackets. The page and the limit go in the query string.
 */
async function loadPage(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	paginationToken: string | undefined,
) {
	const page = pageNumber(paginationToken);
	const body = await kulaApiRequest.call(
		context,
		{ method: 'GET', path, qs: { ...qs, page, limit: LIST_PAGE_SIZE } },
		{ action: 'load the list' },
	);
	return readPage(body, page);
}

async function searchable(
	context: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	toItem: (record: IDataObject) => INodeListSearchItems,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = filter ? { query: filter } : {};
	const { entries, nextToken } = await loadPage(context, path, qs, paginationToken);
	return { results: entries.map(toItem), paginationToken: nextToken };
}

/** Filters one page on our side, for lists where Kula documents no search parameter. */
async function filtered(
	context: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	toItem: (record: IDataObject) => INodeListSearchItems,
): Promise<INodeListSearchResult> {
	const { entries, nextToken } = await loadPage(context, path, {}, paginationToken);
	const results = entries
		.map(toItem)
		.filter((item) => matches(filter, item.name, String(item.value)));
	return { results, paginationToken: nextToken };
}

function currentId(context: ILoadOptionsFunctions, name: string): string | undefined {
	const value = context.getCurrentNodeParameter(name, { extractValue: true });
	if (typeof value === 'number') return String(value);
	// An expression is not resolved while the editor loads a list, so it counts as missing.
	const idText = typeof value === 'string' ? value.trim() : '';
	return /^\d+$/.test(idText) ? idText : undefined;
}

/**
 * Returns the job whose plan and organizers the lists show: the Job parameter when set
 * (no request), otherwise the chosen application's job (one request).
 */
async function jobForLists(context: ILoadOptionsFunctions): Promise<string | undefined> {
	const jobId = currentId(context, 'jobId');
	if (jobId) return jobId;
	const applicationId = currentId(context, 'applicationId');
	if (!applicationId) return undefined;
	const body = await kulaApiRequest.call(
		context,
		{ method: 'GET', path: `/v1/applications/${applicationId}` },
		{ action: "load the application's job" },
	);
	const application = unwrap(body);
	return isObject(application) ? applicationJobId(application) : undefined;
}

const NEEDS_JOB = 'Pick an Application or a Job first';

const person = (record: IDataObject): INodeListSearchItems => ({
	name: personName(record),
	value: recordId(record),
});

const named =
	(noun: string) =>
	(record: IDataObject): INodeListSearchItems => ({
		name: namedRecord(record, noun),
		value: recordId(record),
	});

export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toItem = (record: IDataObject) => ({ name: jobName(record), value: recordId(record) });
	if (!filter) return await searchable(this, '/v1/jobs', undefined, paginationToken, toItem);
	// Kula searches jobs by title through POST /v1/jobs/search, as its MCP server does.
	const page = pageNumber(paginationToken);
	const body = await kulaApiRequest.call(
		this,
		{
			method: 'POST',
			path: '/v1/jobs/search',
			body: { query: filter, page, limit: LIST_PAGE_SIZE },
		},
		{ action: 'search jobs' },
	);
	const { entries, nextToken } = readPage(body, page);
	return { results: entries.map(toItem), paginationToken: nextToken };
}

/**
 * Lists active applications, narrowed to the Job parameter when it is set. Kula's application
 * list has no text search, so the filter applies to the loaded page.
 */
export async function searchApplications(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const jobId = currentId(this, 'jobId');
	const path = `/v1/applications?status[]=active${jobId ? `&job_id=${jobId}` : ''}`;
	return await filtered(this, path, filter, paginationToken, (record) => ({
		name: applicationName(record),
		value: recordId(record),
	}));
}

/** Lists the activities of the job's interview plan, each named "Stage › Activity". */
export async function searchStageActivities(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const jobId = await jobForLists(this);
	if (!jobId) return hint(`${NEEDS_JOB} to list its interview plan`);
	const body = await kulaApiRequest.call(
		this,
		{ method: 'GET', path: `/v1/jobs/${jobId}/interview_plan` },
		{ action: 'load the interview plan' },
	);
	const results = planActivities(unwrap(body))
		.filter((activity) => matches(filter, activity.name, activity.id))
		.map((activity) => ({ name: activity.name, value: activity.id }));
	return { results };
}

/** Lists the users Kula accepts as organizer for the job. */
export async function searchOrganizers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const jobId = await jobForLists(this);
	if (!jobId) return hint(`${NEEDS_JOB} to list its valid organizers`);
	return await searchable(
		this,
		`/v1/interviews/valid_organizers?job_id=${jobId}`,
		filter,
		paginationToken,
		person,
	);
}

export async function searchOffices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await filtered(this, '/v1/offices', filter, paginationToken, named('Office'));
}

/** Lists the users who can host a Zoom meeting, the only provider Kula documents. */
export async function searchConferenceHosts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const path = '/v1/interviews/conference_hosts?provider=zoom';
	return await searchable(this, path, filter, paginationToken, person);
}

/**
 * Lists calendar-invite templates for the candidate. Kula documents only that these are
 * calendar-invite templates, so the category is an assumption based on Kula's category names.
 */
export async function searchCandidateTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const path = '/v1/email_templates?channel=calendar_invite&categories[]=interview_coordination';
	return await searchable(this, path, filter, paginationToken, named('Template'));
}

/** Lists calendar-invite templates for the interviewers, with the same assumed category rule. */
export async function searchInterviewerTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const path = '/v1/email_templates?channel=calendar_invite&categories[]=interviewer_coordination';
	return await searchable(this, path, filter, paginationToken, named('Template'));
}

export async function searchScorecardTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchable(
		this,
		'/v1/scorecard_templates',
		filter,
		paginationToken,
		named('Scorecard'),
	);
}
