// @ts-check
'use strict';

/**
 * Interview routes: create (D6, developers.kula.ai "Create an interview"), get one, list, and list for one application. The list
 * filters, sort options and defaults follow Kula's MCP list_interviews tool
 * (src/tools/interviews.ts).
 */

const { listEnvelope, readPaging, singleEnvelope } = require('../envelope');
const { notFound } = require('../errors');
const { readEnumArrayParam, readEnumParam, readIntegerArrayParam } = require('../query');
const { KINDS, LOCATIONS, validateCreateInterview } = require('../rules/interview-create');

/** @typedef {import('../server').Route} Route */
/** @typedef {import('../server').RouteRequest} RouteRequest */
/** @typedef {import('../context').SandboxContext} SandboxContext */
/** @typedef {import('../store').Interview} Interview */

/** MCP list_interviews: VALID_STATUSES. */
const MEETING_STATUSES = /** @type {const} */ ([
	'not_started',
	'in_progress',
	'ended',
	'cancelled',
	'candidate_no_show',
]);

/** MCP list_interviews: `kind` also accepts `external`, which matches external events. */
const LIST_KINDS = /** @type {const} */ ([...KINDS, 'external']);

/** MCP list_interviews: sort_by defaults to created_at, sort_order to desc. */
const SORT_FIELDS = /** @type {const} */ (['created_at', 'updated_at', 'start_time']);
const SORT_ORDERS = /** @type {const} */ (['asc', 'desc']);

/**
 * Integer-ID filters of GET /v1/interviews, sent as repeated `name[]=id` (MCP list_interviews).
 * @type {Array<{ param: string, matches: (interview: Interview, ids: number[]) => boolean }>}
 */
const ID_FILTERS = [
	{ param: 'job_ids', matches: (interview, ids) => ids.includes(interview.job_id) },
	{ param: 'application_ids', matches: (interview, ids) => ids.includes(interview.application_id) },
	{ param: 'candidate_ids', matches: (interview, ids) => ids.includes(interview.candidate_id) },
	{ param: 'organizer_ids', matches: (interview, ids) => ids.includes(interview.organizer_id) },
	{
		param: 'interviewer_ids',
		matches: (interview, ids) => interview.interviewer_ids.some((id) => ids.includes(id)),
	},
];

/**
 * D6: creates an interview on an application.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function createInterview(request, context) {
	const application = findApplication(request.params.applicationId, context);
	const { fields, mode } = validateCreateInterview(request.body, {
		store: context.store,
		application,
		nowMs: Date.now(),
		durationRule: context.config.durationRule,
	});
	const interview = context.store.addInterview(fields, new Date());

	// D6: Kula provisions invites and the conference link asynchronously, but not for
	// external events.
	if (mode !== 'external') {
		context.provisioner.schedule(interview.id);
	}
	context.events.emit('interview.created', structuredClone(interview));

	return { status: 201, body: singleEnvelope(structuredClone(interview)) };
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function getInterview(request, context) {
	const interview = context.store.interviews.get(Number(request.params.id));
	if (!interview) {
		throw notFound(`Interview ${request.params.id} not found`);
	}
	return { status: 200, body: singleEnvelope(structuredClone(interview)) };
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function listInterviews(request, context) {
	const interviews = [...context.store.interviews.values()];
	return { status: 200, body: filterSortAndPage(interviews, request.query) };
}

/**
 * MCP list_application_interviews: the same list, scoped to the application in the path.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 */
function listApplicationInterviews(request, context) {
	const application = findApplication(request.params.applicationId, context);
	const interviews = [...context.store.interviews.values()].filter(
		(interview) => interview.application_id === application.id,
	);
	return { status: 200, body: filterSortAndPage(interviews, request.query) };
}

/**
 * @param {string} idText
 * @param {SandboxContext} context
 */
function findApplication(idText, context) {
	const application = context.store.applications.get(Number(idText));
	if (!application) {
		throw notFound(`Application ${idText} not found`);
	}
	return application;
}

/**
 * Applies the list filters, sorting and paging, and returns the list envelope.
 * @param {Interview[]} interviews
 * @param {URLSearchParams} query
 */
function filterSortAndPage(interviews, query) {
	const paging = readPaging(query.get('page'), query.get('limit'));
	let matching = interviews;

	for (const filter of ID_FILTERS) {
		const ids = readIntegerArrayParam(query, filter.param);
		if (ids) {
			matching = matching.filter((interview) => filter.matches(interview, ids));
		}
	}
	const statuses = readEnumArrayParam(query, 'meeting_status', MEETING_STATUSES);
	if (statuses) {
		matching = matching.filter((interview) => statuses.includes(interview.meeting_status));
	}
	const kinds = readEnumArrayParam(query, 'kind', LIST_KINDS);
	if (kinds) {
		matching = matching.filter((interview) => kinds.some((kind) => hasKind(interview, kind)));
	}
	const locations = readEnumArrayParam(query, 'location', LOCATIONS);
	if (locations) {
		matching = matching.filter(
			(interview) => interview.location !== null && locations.includes(interview.location),
		);
	}

	const sortBy = readEnumParam(query, 'sort_by', SORT_FIELDS) ?? 'created_at';
	const direction = (readEnumParam(query, 'sort_order', SORT_ORDERS) ?? 'desc') === 'asc' ? 1 : -1;
	const sorted = [...matching].sort(
		(left, right) =>
			direction * (Date.parse(left[sortBy]) - Date.parse(right[sortBy]) || left.id - right.id),
	);
	return listEnvelope(structuredClone(sorted), paging);
}

/**
 * @param {Interview} interview
 * @param {(typeof LIST_KINDS)[number]} kind
 */
function hasKind(interview, kind) {
	return kind === 'external' ? interview.external !== null : interview.kind === kind;
}

/** @type {Route[]} */
const routes = [
	{
		method: 'POST',
		pattern: /^\/v1\/applications\/(?<applicationId>\d+)\/interviews$/,
		handler: createInterview,
	},
	{
		method: 'GET',
		pattern: /^\/v1\/applications\/(?<applicationId>\d+)\/interviews$/,
		handler: listApplicationInterviews,
	},
	{ method: 'GET', pattern: /^\/v1\/interviews$/, handler: listInterviews },
	{ method: 'GET', pattern: /^\/v1\/interviews\/(?<id>\d+)$/, handler: getInterview },
];

module.exports = { routes };
