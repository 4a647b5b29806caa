// @ts-check
'use strict';

/**
 * Validation of `POST /v1/applications/:application_id/interviews` and the interview it
 * creates. Sources: D6 (developers.kula.ai "Create an interview") and the newest create_interview
 * schema of Kula's MCP server (kula-ai/kula-mcp-server src/tools/interviews.ts at commit 71dc70a0),
 * cited below as "MCP".
 *
 * The three modes of D6:
 * - plan-driven: `stage_activity_id` names an interview-plan activity, which supplies every
 *   omitted setting.
 * - ad hoc: no `stage_activity_id`, so the request carries the whole setup.
 * - external: `external.managed: true`, so another system owns the calendar event. It can be
 *   combined with `stage_activity_id` (ASSUMPTION: D6 treats the two as independent).
 *
 * Every failure is a 422 ERR_VALIDATION_FAILED whose message names the field and the rule.
 * The first failing rule wins, in the order of BODY_RULES and then DRAFT_RULES.
 */

const { validationFailed } = require('../errors');
const { describeOrganizerProblem } = require('./organizer');
const { parseOffsetDateTime, isValidTimeZone, toUtcIso } = require('./time');

/**
 * @typedef {import('../seed').InterviewKind} InterviewKind
 * @typedef {import('../seed').InterviewLocation} InterviewLocation
 * @typedef {import('../seed').Activity} Activity
 * @typedef {import('../seed').Stage} Stage
 * @typedef {import('../seed').Application} Application
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').InterviewFields} InterviewFields
 * @typedef {import('../store').ExternalEvent} ExternalEvent
 * @typedef {import('../config').DurationRuleName} DurationRuleName
 */

/** MCP: VALID_KINDS. The list filter also accepts `external`, but create does not. */
const KINDS = /** @type {const} */ (['one_on_one', 'panel']);

/** MCP: VALID_LOCATIONS. */
const LOCATIONS = /** @type {const} */ ([
	'onsite',
	'phone',
	'zoom',
	'google_meet',
	'microsoft_teams',
	'hackerrank',
]);

/** MCP: VALID_VISIBILITIES. */
const VISIBILITIES = /** @type {const} */ (['default', 'private']);

/**
 * Allowed interview lengths in minutes. The versions of Kula's MCP schema disagree:
 * - `newest` (interviews.ts at commit 71dc70a0): any whole number from 5 to 1440.
 * - `older` (interviews.ts at commit 0407b666, and the Glama mirror of the tool at
 *   glama.ai/mcp/servers/kula-ai/kula-mcp-server/tools/create_interview): a multiple of 15
 *   from 15 to 1440.
 * The sandbox option `durationRule` picks one, and the default is `newest`.
 * @type {Record<DurationRuleName, { min: number, max: number, step: number, text: string }>}
 */
const DURATION_RULES = {
	newest: { min: 5, max: 1440, step: 1, text: 'between 5 and 1440' },
	older: { min: 15, max: 1440, step: 15, text: 'a multiple of 15 between 15 and 1440' },
};

/** MCP: `interviewer_ids` has 1 to 10 entries. */
const MIN_INTERVIEWERS = 1;
const MAX_INTERVIEWERS = 10;

/** MCP: `name` is at most 255 characters. */
const MAX_NAME_LENGTH = 255;

/** MCP and its Glama mirror: `start_time` falls on a 15-minute boundary with zero seconds. */
const START_TIME_STEP_MS = 15 * 60_000;

/** D6: the field each location needs (office for onsite, host for zoom, template for hackerrank). */
const LOCATION_FIELDS = /** @type {const} */ ({
	onsite: 'office_id',
	zoom: 'host_id',
	hackerrank: 'hackerrank_template_id',
});

/** @typedef {'integer' | 'string' | 'boolean' | 'integerArray' | 'object'} FieldType */

/** @type {Record<FieldType, { test: (value: unknown) => boolean, expected: string }>} */
const TYPE_CHECKS = {
	integer: { test: (value) => Number.isSafeInteger(value), expected: 'an integer' },
	string: { test: (value) => typeof value === 'string', expected: 'a string' },
	boolean: { test: (value) => typeof value === 'boolean', expected: 'a boolean' },
	integerArray: {
		test: (value) => Array.isArray(value) && value.every((item) => Number.isSafeInteger(item)),
		expected: 'an array of integers',
	},
	object: {
		test: (value) => value !== null && typeof value === 'object' && !Array.isArray(value),
		expected: 'an object',
	},
};

/**
 * JSON type of every create field: MCP, except `external`, which comes from D6.
 * ASSUMPTION: fields not listed here are ignored, and a field sent as null counts as omitted.
 * @type {Record<string, FieldType>}
 */
const FIELD_TYPES = {
	organizer_id: 'integer',
	start_time: 'string',
	timezone: 'string',
	end_time: 'string',
	duration_minutes: 'integer',
	kind: 'string',
	location: 'string',
	interviewer_ids: 'integerArray',
	stage_activity_id: 'integer',
	office_id: 'integer',
	host_id: 'integer',
	hackerrank_template_id: 'integer',
	name: 'string',
	calendar_event_visibility: 'string',
	ai_note_taker_enabled: 'boolean',
	ai_scorecard_assist_enabled: 'boolean',
	candidate_template_id: 'integer',
	interviewer_template_id: 'integer',
	scorecard_template_id: 'integer',
	external: 'object',
};

/** @type {Record<string, readonly string[]>} */
const ENUM_FIELDS = { kind: KINDS, location: LOCATIONS, calendar_event_visibility: VISIBILITIES };

/** D6: required in every mode, because the plan sets the setup but not the time or organizer. */
const ALWAYS_REQUIRED = /** @type {const} */ (['organizer_id', 'start_time', 'timezone']);

/**
 * Settings an activity supplies when the request omits them: the D6 list, plus `host_id`.
 * ASSUMPTION: D6 does not list `host_id`, but a zoom activity needs a host to be schedulable.
 * The scorecard is inherited separately because the request cannot override it.
 */
const INHERITED_FIELDS = /** @type {const} */ ([
	'kind',
	'location',
	'duration_minutes',
	'interviewer_ids',
	'office_id',
	'host_id',
	'name',
	'hackerrank_template_id',
	'ai_note_taker_enabled',
	'ai_scorecard_assist_enabled',
	'candidate_template_id',
	'interviewer_template_id',
]);

/** @typedef {'plan' | 'adHoc' | 'external'} ModeName */

/**
 * Requirements of each mode, checked after inheritance. `end_time` also satisfies the
 * `duration_minutes` requirement (MCP).
 * @type {Record<ModeName, { label: string, required: readonly string[], locationFields: Partial<Record<InterviewLocation, string>>, organizerNeedsCalendar: boolean }>}
 */
const MODES = {
	// D6: the activity supplies the setup, and location-specific fields still apply to overrides.
	plan: {
		label: 'plan-driven interviews',
		required: [],
		locationFields: LOCATION_FIELDS,
		organizerNeedsCalendar: true,
	},
	// D6: ad-hoc interviews carry their whole setup, including both invite templates.
	adHoc: {
		label: 'ad-hoc interviews (without stage_activity_id)',
		required: [
			'kind',
			'location',
			'duration_minutes',
			'interviewer_ids',
			'candidate_template_id',
			'interviewer_template_id',
		],
		locationFields: LOCATION_FIELDS,
		organizerNeedsCalendar: true,
	},
	// D6: external events still send kind, duration and interviewers. Location and templates
	// are optional, zoom needs no Kula host, and the organizer needs no connected calendar.
	// ASSUMPTION: onsite and hackerrank keep their office and template requirement.
	external: {
		label: 'external interviews',
		required: ['kind', 'duration_minutes', 'interviewer_ids'],
		locationFields: { onsite: 'office_id', hackerrank: 'hackerrank_template_id' },
		organizerNeedsCalendar: false,
	},
};

/**
 * The request body after the type checks of BODY_RULES.
 * @typedef {object} CreateInterviewBody
 * @property {number} organizer_id
 * @property {string} start_time
 * @property {string} timezone
 * @property {string} [end_time]
 * @property {number} [duration_minutes]
 * @property {InterviewKind} [kind]
 * @property {InterviewLocation} [location]
 * @property {number[]} [interviewer_ids]
 * @property {number} [stage_activity_id]
 * @property {number} [office_id]
 * @property {number} [host_id]
 * @property {number} [hackerrank_template_id]
 * @property {string} [name]
 * @property {'default' | 'private'} [calendar_event_visibility]
 * @property {boolean} [ai_note_taker_enabled]
 * @property {boolean} [ai_scorecard_assist_enabled]
 * @property {number} [candidate_template_id]
 * @property {number} [interviewer_template_id]
 * @property {number} [scorecard_template_id]
 * @property {{ managed: true, video_conferencing_url?: string, source?: string, event_id?: string }} [external]
 */

/**
 * The interview's setup after inheritance from the activity.
 * @typedef {object} Settings
 * @property {InterviewKind} [kind]
 * @property {InterviewLocation} [location]
 * @property {number} [duration_minutes]
 * @property {number[]} [interviewer_ids]
 * @property {number} [office_id]
 * @property {number} [host_id]
 * @property {number} [hackerrank_template_id]
 * @property {string} [name]
 * @property {boolean} [ai_note_taker_enabled]
 * @property {boolean} [ai_scorecard_assist_enabled]
 * @property {number} [candidate_template_id]
 * @property {number} [interviewer_template_id]
 * @property {number} [scorecard_template_id]
 */

/**
 * @typedef {object} Draft
 * @property {ModeName} mode
 * @property {CreateInterviewBody} body
 * @property {{ activity: Activity, stage: Stage } | null} planEntry the activity named by
 *   `stage_activity_id`, if any
 * @property {Settings} settings
 */

/**
 * @typedef {object} CreateContext
 * @property {Store} store
 * @property {Application} application the application in the request path
 * @property {number} nowMs current time in epoch milliseconds
 * @property {DurationRuleName} durationRule
 */

/** @typedef {(body: Record<string, unknown>) => string | null} BodyRule */
/** @typedef {(draft: Draft, context: CreateContext) => string | null} DraftRule */

/**
 * Validates a create request and returns the fields of the new interview.
 * @param {unknown} rawBody parsed JSON body
 * @param {CreateContext} context
 * @returns {{ fields: InterviewFields, mode: ModeName }}
 * @throws {import('../errors').ApiError} 422 ERR_VALIDATION_FAILED naming the field and rule
 */
function validateCreateInterview(rawBody, context) {
	const applicationProblem = checkApplicationStatus(context.application);
	if (applicationProblem) {
		throw validationFailed(applicationProblem);
	}

	const record = withoutNulls(/** @type {Record<string, unknown>} */ (rawBody));
	for (const rule of BODY_RULES) {
		const problem = rule(record);
		if (problem) {
			throw validationFailed(problem);
		}
	}

	const draft = buildDraft(/** @type {CreateInterviewBody} */ (record), context);
	for (const rule of DRAFT_RULES) {
		const problem = rule(draft, context);
		if (problem) {
			throw validationFailed(problem);
		}
	}

	return { fields: buildInterviewFields(draft, context), mode: draft.mode };
}

/**
 * ASSUMPTION: interviews can be scheduled only on active applications. Kula documents no rule
 * for rejected, hired or duplicate applications.
 * @param {Application} application
 */
function checkApplicationStatus(application) {
	if (application.status === 'active') {
		return null;
	}
	return `application ${application.id} is ${application.status}, but interviews can only be scheduled on active applications`;
}

/**
 * @param {Record<string, unknown>} body
 * @returns {Record<string, unknown>}
 */
function withoutNulls(body) {
	return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
}

/** @type {BodyRule[]} */
const BODY_RULES = [
	// MCP: the JSON type of each field.
	(body) => {
		for (const [field, type] of Object.entries(FIELD_TYPES)) {
			if (body[field] !== undefined && !TYPE_CHECKS[type].test(body[field])) {
				return `${field} must be ${TYPE_CHECKS[type].expected}`;
			}
		}
		return null;
	},

	// MCP: kind, location and calendar_event_visibility are enums.
	(body) => {
		for (const [field, allowed] of Object.entries(ENUM_FIELDS)) {
			const value = body[field];
			if (typeof value === 'string' && !allowed.includes(value)) {
				return `${field} must be one of ${allowed.join(', ')}, got "${value}"`;
			}
		}
		return null;
	},

	// D6: organizer_id, start_time and timezone are required in every mode.
	(body) => {
		const missing = ALWAYS_REQUIRED.find((field) => body[field] === undefined);
		return missing ? `${missing} is required` : null;
	},

	// D6: the external object marks an event that another system owns.
	(body) => {
		const external = /** @type {Record<string, unknown> | undefined} */ (body.external);
		return external === undefined ? null : checkExternalObject(external);
	},
];

/**
 * Checks the `external` object of D6: `managed: true`, and optional `video_conferencing_url`,
 * `source` and `event_id`.
 * @param {Record<string, unknown>} external
 */
function checkExternalObject(external) {
	// ASSUMPTION: an external object without `managed: true` is an error, not a managed event.
	if (external.managed !== true) {
		return 'external.managed must be true. Send external only for events that another system owns';
	}
	const url = external.video_conferencing_url;
	// ASSUMPTION: D6 calls it "the meeting link", so only http and https URLs are accepted.
	if (url !== undefined && url !== null && !isHttpUrl(url)) {
		return 'external.video_conferencing_url must be a well-formed http or https URL';
	}
	// ASSUMPTION: source and event_id are strings. D6 describes them only as a label and an id.
	for (const field of ['source', 'event_id']) {
		const value = external[field];
		if (value !== undefined && value !== null && typeof value !== 'string') {
			return `external.${field} must be a string`;
		}
	}
	return null;
}

/** @param {unknown} value */
function isHttpUrl(value) {
	if (typeof value !== 'string') {
		return false;
	}
	try {
		const url = new URL(value);
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/**
 * Picks the mode, looks up the activity and applies inheritance.
 * @param {CreateInterviewBody} body
 * @param {CreateContext} context
 * @returns {Draft}
 */
function buildDraft(body, context) {
	const planEntry = body.stage_activity_id === undefined ? null : findActivity(body, context);
	/** @type {ModeName} */
	let mode = planEntry ? 'plan' : 'adHoc';
	if (body.external) {
		mode = 'external';
	}
	return { mode, body, planEntry, settings: mergeSettings(body, planEntry?.activity ?? null) };
}

/**
 * D6: the activity must belong to the interview plan of the application's job.
 * @param {CreateInterviewBody} body
 * @param {CreateContext} context
 */
function findActivity(body, context) {
	const activityId = /** @type {number} */ (body.stage_activity_id);
	const jobId = context.application.job_id;
	const entry = context.store.activities.get(activityId);
	if (!entry || entry.jobId !== jobId) {
		throw validationFailed(
			`stage_activity_id ${activityId} is not an activity in the interview plan of job ${jobId}`,
		);
	}
	return { activity: entry.activity, stage: entry.stage };
}

/**
 * Fills every omitted setting from the activity (D6). A location-specific field inherited
 * from the activity is dropped when the request overrides the location to one that does not
 * use it (ASSUMPTION). D6 ignores `scorecard_template_id` when an activity is given and uses
 * the activity's scorecard instead.
 * @param {CreateInterviewBody} body
 * @param {Activity | null} activity
 * @returns {Settings}
 */
function mergeSettings(body, activity) {
	/** @type {Record<string, unknown>} */
	const settings = {};
	const bodyFields = /** @type {Record<string, unknown>} */ (body);
	for (const field of INHERITED_FIELDS) {
		const inherited = activity ? activity[field] : null;
		settings[field] = bodyFields[field] ?? inherited ?? undefined;
	}

	if (activity) {
		for (const [location, field] of Object.entries(LOCATION_FIELDS)) {
			if (settings.location !== location && bodyFields[field] === undefined) {
				settings[field] = undefined;
			}
		}
		settings.scorecard_template_id = activity.scorecard_template_id ?? undefined;
	} else {
		settings.scorecard_template_id = body.scorecard_template_id;
	}
	return /** @type {Settings} */ (settings);
}

/** @type {DraftRule[]} */
const DRAFT_RULES = [
	// D6: the fields each mode needs. MCP: end_time can replace duration_minutes.
	({ mode, body, settings }) => {
		const present = /** @type {Record<string, unknown>} */ (settings);
		for (const field of MODES[mode].required) {
			const lengthGiven = field === 'duration_minutes' && body.end_time !== undefined;
			if (present[field] === undefined && !lengthGiven) {
				const name = field === 'duration_minutes' ? 'duration_minutes or end_time' : field;
				return `${name} is required for ${MODES[mode].label}`;
			}
		}
		return null;
	},

	// D6: office_id for onsite, host_id for zoom, hackerrank_template_id for hackerrank.
	({ mode, settings }) => {
		const location = settings.location;
		const field = location ? MODES[mode].locationFields[location] : undefined;
		const present = /** @type {Record<string, unknown>} */ (settings);
		if (field && present[field] === undefined) {
			return `${field} is required when location is ${location}`;
		}
		return null;
	},

	// MCP: start_time is ISO 8601, on a 15-minute boundary with zero seconds, in the future.
	({ body }, context) => {
		const start = parseOffsetDateTime(body.start_time);
		if (!start) {
			return `start_time must be an ISO 8601 date-time with a UTC offset or Z, e.g. 2030-01-15T09:30:00Z, got "${body.start_time}"`;
		}
		if (!start.hasZeroSeconds || start.epochMs % START_TIME_STEP_MS !== 0) {
			return 'start_time must fall on a 15-minute boundary (:00, :15, :30, :45) with zero seconds';
		}
		if (start.epochMs <= context.nowMs) {
			return 'start_time must be in the future';
		}
		return null;
	},

	// MCP: timezone is an IANA time zone name.
	({ body }) => {
		if (isValidTimeZone(body.timezone)) {
			return null;
		}
		return `timezone must be a valid IANA time zone name such as America/Los_Angeles, got "${body.timezone}"`;
	},

	// MCP: the length comes from end_time when sent, else from duration_minutes.
	checkLength,

	// MCP: name is at most 255 characters. ASSUMPTION: a blank name is rejected.
	({ settings }) => {
		if (settings.name === undefined) {
			return null;
		}
		if (settings.name.trim() === '') {
			return 'name must not be blank';
		}
		if (settings.name.length > MAX_NAME_LENGTH) {
			return `name must be at most ${MAX_NAME_LENGTH} characters, got ${settings.name.length}`;
		}
		return null;
	},

	checkInterviewers,

	// MCP: one_on_one requires exactly one interviewer.
	({ settings }) => {
		const count = settings.interviewer_ids?.length ?? 0;
		if (settings.kind === 'one_on_one' && count !== 1) {
			return `kind one_on_one requires exactly one interviewer in interviewer_ids, got ${count}`;
		}
		return null;
	},

	checkHost,

	// D6 and MCP: office_id comes from GET /v1/offices.
	({ settings }, { store }) => {
		const officeId = settings.office_id;
		if (officeId !== undefined && !store.offices.has(officeId)) {
			return `office_id ${officeId} is not a known office`;
		}
		return null;
	},

	checkTemplates,

	// MCP list_valid_organizers: a connected calendar and permission on the job. D6: external
	// events need no calendar.
	({ mode, body }, { store, application }) => {
		const organizer = store.users.get(body.organizer_id);
		if (!organizer) {
			return `organizer_id ${body.organizer_id} is not a known user`;
		}
		const problem = describeOrganizerProblem(organizer, application.job_id, {
			requireCalendar: MODES[mode].organizerNeedsCalendar,
		});
		if (problem) {
			return `organizer_id ${body.organizer_id} is not a valid organizer for job ${application.job_id}: ${problem}`;
		}
		return null;
	},
];

/**
 * MCP: `end_time` wins over `duration_minutes`, and the resulting length must fit the
 * duration rule (DURATION_RULES).
 * @type {DraftRule}
 */
function checkLength({ body, settings }, { durationRule }) {
	const rule = DURATION_RULES[durationRule];
	if (body.end_time !== undefined) {
		const minutes = minutesUntilEndTime(body);
		if (typeof minutes === 'string') {
			return minutes;
		}
		if (!fitsDurationRule(minutes, durationRule)) {
			return `end_time must be ${rule.text} minutes after start_time, got ${minutes}`;
		}
		return null;
	}
	const duration = settings.duration_minutes;
	if (duration !== undefined && !fitsDurationRule(duration, durationRule)) {
		return `duration_minutes must be ${rule.text}, got ${duration}`;
	}
	return null;
}

/**
 * Returns the minutes from start_time to end_time, or a message when end_time is unusable.
 * Call only after start_time has passed its rule.
 * @param {CreateInterviewBody} body
 * @returns {number | string}
 */
function minutesUntilEndTime(body) {
	const start = /** @type {import('./time').ParsedDateTime} */ (
		parseOffsetDateTime(body.start_time)
	);
	const end = parseOffsetDateTime(/** @type {string} */ (body.end_time));
	if (!end) {
		return `end_time must be an ISO 8601 date-time with a UTC offset or Z, got "${body.end_time}"`;
	}
	if (end.epochMs <= start.epochMs) {
		return 'end_time must be after start_time';
	}
	const minutes = (end.epochMs - start.epochMs) / 60_000;
	// ASSUMPTION: lengths are whole minutes, like duration_minutes.
	if (!Number.isInteger(minutes)) {
		return 'end_time must be a whole number of minutes after start_time';
	}
	return minutes;
}

/**
 * @param {number} minutes
 * @param {DurationRuleName} durationRule
 */
function fitsDurationRule(minutes, durationRule) {
	const rule = DURATION_RULES[durationRule];
	return minutes >= rule.min && minutes <= rule.max && minutes % rule.step === 0;
}

/**
 * MCP: 1 to 10 interviewers, each an existing active user (MCP list_users lists them).
 * ASSUMPTION: duplicates are rejected.
 * @type {DraftRule}
 */
function checkInterviewers({ settings }, { store }) {
	const ids = settings.interviewer_ids;
	if (ids === undefined) {
		return null;
	}
	if (ids.length < MIN_INTERVIEWERS || ids.length > MAX_INTERVIEWERS) {
		return `interviewer_ids must contain between ${MIN_INTERVIEWERS} and ${MAX_INTERVIEWERS} user IDs, got ${ids.length}`;
	}
	if (new Set(ids).size !== ids.length) {
		return 'interviewer_ids must not contain duplicates';
	}
	for (const id of ids) {
		const user = store.users.get(id);
		if (!user) {
			return `interviewer_ids contains ${id}, which is not a known user`;
		}
		if (user.status !== 'active') {
			return `interviewer_ids contains ${id}, which is a ${user.status} user, but interviewers must be active`;
		}
	}
	return null;
}

/**
 * MCP list_conference_hosts and create_interview: `host_id` is a Zoom conference host and,
 * for zoom interviews, one of the interviewers.
 * @type {DraftRule}
 */
function checkHost({ settings }, { store }) {
	const hostId = settings.host_id;
	if (hostId === undefined) {
		return null;
	}
	const host = store.users.get(hostId);
	if (!host || host.status !== 'active' || !host.access.conferenceProviders.includes('zoom')) {
		return `host_id ${hostId} is not a Zoom conference host. List hosts with GET /v1/interviews/conference_hosts?provider=zoom`;
	}
	if (settings.location === 'zoom' && !settings.interviewer_ids?.includes(hostId)) {
		return `host_id ${hostId} must also be listed in interviewer_ids`;
	}
	return null;
}

/**
 * D6 and MCP: template IDs come from GET /v1/email_templates and GET /v1/scorecard_templates.
 * HackerRank templates have no list endpoint, so the seed's known IDs stand in.
 * @type {DraftRule}
 */
function checkTemplates({ settings }, { store }) {
	/** @type {Array<[string, number | undefined, Map<number, unknown>, string]>} */
	const references = [
		[
			'candidate_template_id',
			settings.candidate_template_id,
			store.emailTemplates,
			'email template',
		],
		[
			'interviewer_template_id',
			settings.interviewer_template_id,
			store.emailTemplates,
			'email template',
		],
		[
			'scorecard_template_id',
			settings.scorecard_template_id,
			store.scorecardTemplates,
			'scorecard template',
		],
		[
			'hackerrank_template_id',
			settings.hackerrank_template_id,
			store.hackerrankTemplates,
			'HackerRank template',
		],
	];
	for (const [field, id, records, noun] of references) {
		if (id !== undefined && !records.has(id)) {
			return `${field} ${id} is not a known ${noun}`;
		}
	}
	return null;
}

/**
 * Builds the stored interview from a draft that passed every rule.
 * @param {Draft} draft
 * @param {CreateContext} context
 * @returns {InterviewFields}
 */
function buildInterviewFields(draft, context) {
	const { body, settings, planEntry, mode } = draft;
	const { application } = context;
	const startMs = /** @type {import('./time').ParsedDateTime} */ (
		parseOffsetDateTime(body.start_time)
	).epochMs;
	const minutes =
		body.end_time === undefined
			? /** @type {number} */ (settings.duration_minutes)
			: /** @type {number} */ (minutesUntilEndTime(body));
	const kind = /** @type {InterviewKind} */ (settings.kind);
	const external = mode === 'external' ? buildExternalEvent(body) : null;

	return {
		application_id: application.id,
		job_id: application.job_id,
		candidate_id: application.candidate_id,
		// D6: plan-driven interviews land on the activity's stage, ad-hoc ones on the current stage.
		stage_id: planEntry ? planEntry.stage.id : application.stage_id,
		stage_activity_id: planEntry ? planEntry.activity.id : null,
		organizer_id: body.organizer_id,
		interviewer_ids: [...(settings.interviewer_ids ?? [])],
		name: settings.name ?? defaultName(kind),
		kind,
		location: settings.location ?? null,
		office_id: settings.office_id ?? null,
		host_id: settings.host_id ?? null,
		hackerrank_template_id: settings.hackerrank_template_id ?? null,
		candidate_template_id: settings.candidate_template_id ?? null,
		interviewer_template_id: settings.interviewer_template_id ?? null,
		scorecard_template_id: settings.scorecard_template_id ?? null,
		start_time: toUtcIso(startMs),
		end_time: toUtcIso(startMs + minutes * 60_000),
		duration_minutes: minutes,
		timezone: body.timezone,
		meeting_status: 'not_started',
		// D6: Kula fills the conference URL later, and an external event keeps the URL it was sent.
		video_conferencing_url: external ? external.video_conferencing_url : null,
		calendar_event_visibility: body.calendar_event_visibility ?? 'default',
		ai_note_taker_enabled: settings.ai_note_taker_enabled ?? false,
		ai_scorecard_assist_enabled: settings.ai_scorecard_assist_enabled ?? false,
		external,
	};
}

/**
 * @param {CreateInterviewBody} body
 * @returns {ExternalEvent}
 */
function buildExternalEvent(body) {
	const external = body.external ?? { managed: true };
	return {
		managed: true,
		video_conferencing_url: external.video_conferencing_url ?? null,
		source: external.source ?? null,
		event_id: external.event_id ?? null,
	};
}

/**
 * ASSUMPTION: the name Kula gives an ad-hoc interview sent without one.
 * @param {InterviewKind} kind
 */
function defaultName(kind) {
	return kind === 'one_on_one' ? 'One-on-one interview' : 'Panel interview';
}

module.exports = {
	validateCreateInterview,
	DURATION_RULES,
	KINDS,
	LOCATIONS,
	VISIBILITIES,
	MAX_INTERVIEWERS,
	MAX_NAME_LENGTH,
};
