// @ts-check
'use strict';

const { SEED, SEED_DATA } = require('./seed');

/**
 * @typedef {import('./seed').InterviewKind} InterviewKind
 * @typedef {import('./seed').InterviewLocation} InterviewLocation
 * @typedef {import('./seed').SeedUser} SeedUser
 * @typedef {import('./seed').Activity} Activity
 * @typedef {import('./seed').Stage} Stage
 * @typedef {import('./seed').Job} Job
 * @typedef {import('./seed').Application} Application
 */

/**
 * The `external` object of an interview whose calendar event another system owns (D6,
 * developers.kula.ai "Create an interview").
 * @typedef {object} ExternalEvent
 * @property {true} managed
 * @property {string | null} video_conferencing_url
 * @property {string | null} source
 * @property {string | null} event_id
 */

/**
 * Everything of an interview that the create call decides. The store adds `id` and the
 * timestamps.
 * @typedef {object} InterviewFields
 * @property {number} application_id
 * @property {number} job_id
 * @property {number} candidate_id
 * @property {number} stage_id
 * @property {number | null} stage_activity_id null for ad-hoc interviews
 * @property {number} organizer_id
 * @property {number[]} interviewer_ids
 * @property {string} name
 * @property {InterviewKind | null} kind
 * @property {InterviewLocation | null} location null only for external events sent without one
 * @property {number | null} office_id
 * @property {number | null} host_id
 * @property {number | null} hackerrank_template_id
 * @property {number | null} candidate_template_id
 * @property {number | null} interviewer_template_id
 * @property {number | null} scorecard_template_id
 * @property {string} start_time UTC, ISO 8601 with `Z`
 * @property {string} end_time UTC, ISO 8601 with `Z`
 * @property {number} duration_minutes
 * @property {string} timezone IANA time zone name
 * @property {'not_started' | 'in_progress' | 'ended' | 'cancelled' | 'candidate_no_show'} meeting_status
 * @property {string | null} video_conferencing_url
 * @property {'default' | 'private'} calendar_event_visibility
 * @property {boolean} ai_note_taker_enabled
 * @property {boolean} ai_scorecard_assist_enabled
 * @property {ExternalEvent | null} external
 */

/**
 * An interview as the API returns it. ASSUMPTION: the field names. Kula documents no
 * interview object, so these combine the create parameters, the immutable fields of the update
 * call (D7, developers.kula.ai "Update an interview") and the filters of the list_interviews
 * tool in Kula's MCP server (kula-ai/kula-mcp-server src/tools/interviews.ts).
 * @typedef {InterviewFields & { id: number, created_at: string, updated_at: string }} Interview
 */

/**
 * One entry of the request log. It records whether an Authorization header was present,
 * never its value.
 * @typedef {object} RequestLogEntry
 * @property {number} id
 * @property {string} time ISO 8601 time the request arrived
 * @property {string} method
 * @property {string} path path without the query string
 * @property {string} query query string including `?`, or an empty string
 * @property {number} status
 * @property {string | null} error_code `error.code` of an error response
 * @property {number} duration_ms
 * @property {boolean} authorization_present
 * @property {unknown} [body] parsed JSON body of a POST, PUT or PATCH, or null when unparseable
 */

/** Maximum number of request log entries kept; older entries are dropped first. */
const MAX_REQUEST_LOG_ENTRIES = 5000;

/** Maximum number of webhook deliveries kept; older deliveries are dropped first. */
const MAX_DELIVERY_LOG_ENTRIES = 5000;

/**
 * In-memory state: read-only lookups built from the seed, plus the interviews created, the
 * request log, the webhook subscriptions and the delivery log, which `reset()` clears.
 */
class Store {
	constructor() {
		/** @type {Map<number, SeedUser>} */
		this.users = byId(SEED_DATA.users);
		/** @type {Map<number, Job>} */
		this.jobs = byId(SEED_DATA.jobs);
		/** @type {Map<number, Application>} */
		this.applications = byId(SEED_DATA.applications);
		this.candidates = byId(SEED_DATA.candidates);
		this.offices = byId(SEED_DATA.offices);
		this.emailTemplates = byId(SEED_DATA.emailTemplates);
		this.scorecardTemplates = byId(SEED_DATA.scorecardTemplates);
		this.hackerrankTemplates = byId(SEED_DATA.hackerrankTemplates);
		this.interviewPlans = new Map(SEED_DATA.interviewPlans.map((plan) => [plan.job_id, plan]));

		/** @type {Map<number, { activity: Activity, stage: Stage, jobId: number }>} */
		this.activities = new Map();
		for (const plan of SEED_DATA.interviewPlans) {
			for (const stage of plan.stages) {
				for (const activity of stage.activities) {
					this.activities.set(activity.id, { activity, stage, jobId: plan.job_id });
				}
			}
		}

		/** @type {Map<number, Interview>} */
		this.interviews = new Map();
		/** @type {RequestLogEntry[]} */
		this.requests = [];
		/** @type {Map<string, import('./webhooks/subscriptions').WebhookSubscription>} */
		this.webhooks = new Map();
		/** @type {import('./webhooks/delivery').Delivery[]} every webhook delivery, oldest first */
		this.deliveries = [];
		this.nextInterviewId = SEED.firstInterviewId;
		this.nextRequestId = 1;
	}

	/**
	 * Clears created interviews, the request log, webhooks and deliveries, and restarts the ID
	 * counters.
	 */
	reset() {
		this.interviews.clear();
		this.requests.length = 0;
		this.webhooks.clear();
		this.deliveries.length = 0;
		this.nextInterviewId = SEED.firstInterviewId;
		this.nextRequestId = 1;
	}

	/**
	 * Stores a new interview and returns it with its ID and timestamps.
	 * @param {InterviewFields} fields
	 * @param {Date} now
	 * @returns {Interview}
	 */
	addInterview(fields, now) {
		const timestamp = now.toISOString();
		/** @type {Interview} */
		const interview = {
			id: this.nextInterviewId,
			...fields,
			created_at: timestamp,
			updated_at: timestamp,
		};
		this.nextInterviewId += 1;
		this.interviews.set(interview.id, interview);
		return interview;
	}

	/**
	 * Appends a request log entry, dropping the oldest one past MAX_REQUEST_LOG_ENTRIES.
	 * @param {Omit<RequestLogEntry, 'id'>} entry
	 */
	logRequest(entry) {
		this.requests.push({ id: this.nextRequestId, ...entry });
		this.nextRequestId += 1;
		if (this.requests.length > MAX_REQUEST_LOG_ENTRIES) {
			this.requests.shift();
		}
	}

	/**
	 * Appends a webhook delivery, dropping the oldest one past MAX_DELIVERY_LOG_ENTRIES.
	 * @param {import('./webhooks/delivery').Delivery} delivery
	 */
	addDelivery(delivery) {
		this.deliveries.push(delivery);
		if (this.deliveries.length > MAX_DELIVERY_LOG_ENTRIES) {
			this.deliveries.shift();
		}
	}
}

/**
 * @template {{ id: number }} T
 * @param {readonly T[]} records
 * @returns {Map<number, T>}
 */
function byId(records) {
	return new Map(records.map((record) => [record.id, record]));
}

/**
 * Returns a user without the internal `access` facts.
 * @param {SeedUser} user
 * @returns {import('./seed').PublicUser}
 */
function toPublicUser(user) {
	const { access: _access, ...publicUser } = user;
	return publicUser;
}

module.exports = { Store, toPublicUser, MAX_REQUEST_LOG_ENTRIES, MAX_DELIVERY_LOG_ENTRIES };
