// @ts-check
'use strict';

/**
 * Lookup routes that feed the node's dropdowns: jobs, interview plans, applications, users,
 * offices, templates, valid organizers and conference hosts. Parameters follow Kula's MCP
 * tools (src/tools/{jobs,applications,users,organization,templates,interviews}.ts). Every list
 * uses the list envelope with `page` and `limit` (D1 and D4, developers.kula.ai "Overview" and
 * "Pagination"). `query` is a case-insensitive substring search wherever an MCP tool documents
 * `query`.
 *
 * The sandbox returns seed records in ID order and ignores `sort_by` and `sort_order` here.
 */

const { listEnvelope, readPaging, singleEnvelope } = require('../envelope');
const { invalidParameter, notFound, validationFailed } = require('../errors');
const {
	readEnumArrayParam,
	readEnumParam,
	readIntegerArrayParam,
	readIntegerParam,
	matchesSearch,
} = require('../query');
const { describeOrganizerProblem } = require('../rules/organizer');
const { toPublicUser } = require('../store');

/** @typedef {import('../server').Route} Route */
/** @typedef {import('../server').RouteRequest} RouteRequest */
/** @typedef {import('../server').RouteResult} RouteResult */
/** @typedef {import('../context').SandboxContext} SandboxContext */
/** @typedef {import('../seed').SeedUser} SeedUser */

/** MCP jobs.ts: job statuses. */
const JOB_STATUSES = /** @type {const} */ ([
	'draft',
	'pending_approval',
	'rejected',
	'scheduled',
	'published',
	'closed',
	'archived',
]);

/** MCP applications.ts: application statuses. */
const APPLICATION_STATUSES = /** @type {const} */ (['active', 'hired', 'rejected', 'duplicate']);

/** MCP users.ts: user statuses. `GET /v1/users` defaults to active users. */
const USER_STATUSES = /** @type {const} */ (['active', 'pending', 'deactivated', 'imported']);

/** MCP templates.ts: email template channels and categories. */
const EMAIL_CHANNELS = /** @type {const} */ (['email', 'calendar_invite']);
const EMAIL_CATEGORIES = /** @type {const} */ ([
	'adhoc',
	'interview_coordination',
	'interviewer_coordination',
	'email_activity',
	'application_submission',
	'assessment',
	'rejection',
	'offer',
	'self_schedule_invite',
	'availability',
	'survey',
]);

/** MCP list_conference_hosts: `provider` is required and `zoom` is its only value. */
const CONFERENCE_PROVIDERS = /** @type {const} */ (['zoom']);

/**
 * @template T
 * @param {T[]} items
 * @param {URLSearchParams} query
 * @returns {RouteResult}
 */
function pagedList(items, query) {
	return {
		status: 200,
		body: listEnvelope(items, readPaging(query.get('page'), query.get('limit'))),
	};
}

/**
 * @template T
 * @param {Map<number, T>} records
 * @param {string} idText
 * @param {string} noun used in the 404 message
 * @returns {RouteResult}
 */
function singleRecord(records, idText, noun) {
	const record = records.get(Number(idText));
	if (record === undefined) {
		throw notFound(`${noun} ${idText} not found`);
	}
	return { status: 200, body: singleEnvelope(record) };
}

/** @param {SeedUser} user */
function userSearchTexts(user) {
	return [`${user.first_name} ${user.last_name}`, user.email];
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function listJobs({ query }, { store }) {
	const statuses = readEnumArrayParam(query, 'status', JOB_STATUSES);
	const jobs = [...store.jobs.values()].filter((job) => !statuses || statuses.includes(job.status));
	return pagedList(jobs, query);
}

/**
 * MCP search_jobs: `POST /v1/jobs/search` with `{ query, status, page, limit }` in the body,
 * matching `query` against the job title.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function searchJobs({ body }, { store }) {
	const { query, status, page, limit } = /** @type {Record<string, unknown>} */ (body);
	if (query !== undefined && typeof query !== 'string') {
		throw validationFailed('query must be a string');
	}
	if (status !== undefined && !isArrayOf(status, JOB_STATUSES)) {
		throw validationFailed(`status must be an array of ${JOB_STATUSES.join(', ')}`);
	}
	for (const [name, value] of Object.entries({ page, limit })) {
		if (value !== undefined && !Number.isSafeInteger(value)) {
			throw validationFailed(`${name} must be an integer`);
		}
	}
	const jobs = [...store.jobs.values()].filter(
		(job) => matchesSearch(query ?? null, [job.title]) && (!status || status.includes(job.status)),
	);
	const paging = readPaging(optionalText(page), optionalText(limit));
	return { status: 200, body: listEnvelope(jobs, paging) };
}

/**
 * @template {string} T
 * @param {unknown} value
 * @param {readonly T[]} allowed
 * @returns {value is T[]}
 */
function isArrayOf(value, allowed) {
	return Array.isArray(value) && value.every((item) => allowed.includes(item));
}

/** @param {unknown} value */
function optionalText(value) {
	return value === undefined ? undefined : String(value);
}

/**
 * MCP get_interview_plan: the job's stages with their activities. Each activity's `id` is a
 * `stage_activity_id` for the create call (D6, developers.kula.ai "Create an interview").
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function getInterviewPlan({ params }, { store }) {
	const plan = store.interviewPlans.get(Number(params.id));
	if (!plan) {
		throw notFound(`Job ${params.id} not found`);
	}
	return { status: 200, body: singleEnvelope(plan) };
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function listApplications({ query }, { store }) {
	const jobId = readIntegerParam(query, 'job_id');
	const statuses = readEnumArrayParam(query, 'status', APPLICATION_STATUSES);
	const stageIds = readIntegerArrayParam(query, 'stage_ids');
	const applications = [...store.applications.values()].filter(
		(application) =>
			(jobId === undefined || application.job_id === jobId) &&
			(!statuses || statuses.includes(application.status)) &&
			(!stageIds || stageIds.includes(application.stage_id)),
	);
	return pagedList(applications, query);
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function listUsers({ query }, { store }) {
	const statuses = readEnumArrayParam(query, 'status', USER_STATUSES) ?? ['active'];
	const search = query.get('query');
	const users = [...store.users.values()]
		.filter(
			(user) => statuses.includes(user.status) && matchesSearch(search, userSearchTexts(user)),
		)
		.map(toPublicUser);
	return pagedList(users, query);
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function getUser({ params }, { store }) {
	const user = store.users.get(Number(params.id));
	if (!user) {
		throw notFound(`User ${params.id} not found`);
	}
	return { status: 200, body: singleEnvelope(toPublicUser(user)) };
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function listEmailTemplates({ query }, { store }) {
	const channel = readEnumParam(query, 'channel', EMAIL_CHANNELS);
	const categories = readEnumArrayParam(query, 'categories', EMAIL_CATEGORIES);
	const search = query.get('query');
	const templates = [...store.emailTemplates.values()].filter(
		(template) =>
			(channel === undefined || template.channel === channel) &&
			(!categories || categories.some((category) => category === template.category)) &&
			matchesSearch(search, [template.name]),
	);
	return pagedList(templates, query);
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function listScorecardTemplates({ query }, { store }) {
	const search = query.get('query');
	const templates = [...store.scorecardTemplates.values()].filter((template) =>
		matchesSearch(search, [template.name]),
	);
	return pagedList(templates, query);
}

/**
 * MCP list_valid_organizers: users with a connected calendar and permission to manage
 * candidates on the job. `job_id` is required.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function listValidOrganizers({ query }, { store }) {
	const jobId = readIntegerParam(query, 'job_id');
	if (jobId === undefined) {
		throw invalidParameter('job_id is required, e.g. /v1/interviews/valid_organizers?job_id=101');
	}
	if (!store.jobs.has(jobId)) {
		throw notFound(`Job ${jobId} not found`);
	}
	const search = query.get('query');
	const organizers = [...store.users.values()]
		.filter(
			(user) =>
				describeOrganizerProblem(user, jobId, { requireCalendar: true }) === null &&
				matchesSearch(search, userSearchTexts(user)),
		)
		.map(toPublicUser);
	return pagedList(organizers, query);
}

/**
 * MCP list_conference_hosts: users who can host a meeting on the provider.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function listConferenceHosts({ query }, { store }) {
	const provider = readEnumParam(query, 'provider', CONFERENCE_PROVIDERS);
	if (provider === undefined) {
		throw invalidParameter(
			'provider is required, e.g. /v1/interviews/conference_hosts?provider=zoom',
		);
	}
	const search = query.get('query');
	const hosts = [...store.users.values()]
		.filter(
			(user) =>
				user.status === 'active' &&
				user.access.conferenceProviders.includes(provider) &&
				matchesSearch(search, userSearchTexts(user)),
		)
		.map(toPublicUser);
	return pagedList(hosts, query);
}

/** @type {Route[]} */
const routes = [
	{ method: 'GET', pattern: /^\/v1\/jobs$/, handler: listJobs },
	{ method: 'POST', pattern: /^\/v1\/jobs\/search$/, handler: searchJobs },
	{
		method: 'GET',
		pattern: /^\/v1\/jobs\/(?<id>\d+)$/,
		handler: ({ params }, { store }) => singleRecord(store.jobs, params.id, 'Job'),
	},
	{ method: 'GET', pattern: /^\/v1\/jobs\/(?<id>\d+)\/interview_plan$/, handler: getInterviewPlan },
	{ method: 'GET', pattern: /^\/v1\/applications$/, handler: listApplications },
	{
		method: 'GET',
		pattern: /^\/v1\/applications\/(?<id>\d+)$/,
		handler: ({ params }, { store }) => singleRecord(store.applications, params.id, 'Application'),
	},
	{ method: 'GET', pattern: /^\/v1\/users$/, handler: listUsers },
	{ method: 'GET', pattern: /^\/v1\/users\/(?<id>\d+)$/, handler: getUser },
	{
		method: 'GET',
		pattern: /^\/v1\/offices$/,
		handler: ({ query }, { store }) => pagedList([...store.offices.values()], query),
	},
	{ method: 'GET', pattern: /^\/v1\/email_templates$/, handler: listEmailTemplates },
	{
		method: 'GET',
		pattern: /^\/v1\/email_templates\/(?<id>\d+)$/,
		handler: ({ params }, { store }) =>
			singleRecord(store.emailTemplates, params.id, 'Email template'),
	},
	{ method: 'GET', pattern: /^\/v1\/scorecard_templates$/, handler: listScorecardTemplates },
	{
		method: 'GET',
		pattern: /^\/v1\/scorecard_templates\/(?<id>\d+)$/,
		handler: ({ params }, { store }) =>
			singleRecord(store.scorecardTemplates, params.id, 'Scorecard template'),
	},
	{ method: 'GET', pattern: /^\/v1\/interviews\/valid_organizers$/, handler: listValidOrganizers },
	{ method: 'GET', pattern: /^\/v1\/interviews\/conference_hosts$/, handler: listConferenceHosts },
];

module.exports = { routes };
