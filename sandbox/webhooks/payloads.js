// @ts-check
'use strict';

/**
 * Webhook event types, delivery envelopes and sample payloads.
 *
 * Envelope (D11 and D15, developers.kula.ai "Webhook payloads" and "Kula webhook events and
 * payloads"): `{ event, event_id, created_at, account_id, data }`.
 */

const { randomBytes } = require('node:crypto');
const { SEED, SEED_DATA } = require('../seed');

/** @typedef {import('../store').Interview} Interview */

/**
 * @typedef {object} EventType
 * @property {string} event
 * @property {string} description
 */

/**
 * @typedef {object} Envelope
 * @property {string} event
 * @property {string} event_id
 * @property {string} created_at ISO 8601
 * @property {number} account_id
 * @property {unknown} data
 */

/**
 * Subscribable event types (D11, developers.kula.ai "Webhook payloads"). The stored copy of
 * D11 ends after interview.event.updated, so Kula may send interview events missing here.
 * ASSUMPTION: the descriptions, which paraphrase D11.
 * @type {readonly EventType[]}
 */
const EVENT_TYPES = Object.freeze([
	{
		event: 'interview.availability.computed',
		description: 'An interviewer availability search has finished',
	},
	{
		event: 'interview.event.created',
		description:
			'The calendar event of an interview was created, after provisioning. Not sent for external events',
	},
	{
		event: 'interview.event.updated',
		description: 'The calendar event of an interview changed',
	},
	...eventTypes('candidate', ['created', 'updated', 'deleted']),
	...eventTypes('application', [
		'created',
		'updated',
		'stage_changed',
		'rejected',
		'hired',
		'screened',
		'deleted',
	]),
	...eventTypes('job', ['created', 'updated']),
	...eventTypes('job_posting', ['published', 'updated']),
	...eventTypes('requisition', ['created', 'updated', 'opened', 'filled', 'closed']),
	...eventTypes('offer', ['created', 'updated', 'approved', 'deleted', 'accepted', 'declined']),
]);

/** Names of EVENT_TYPES, for validating subscriptions. */
const EVENT_NAMES = Object.freeze(EVENT_TYPES.map((type) => type.event));

/** D13 (developers.kula.ai "Testing webhooks"): test deliveries use this event type. */
const PING_EVENT = 'ping';

/**
 * @param {string} resource
 * @param {string[]} actions
 * @returns {EventType[]}
 */
function eventTypes(resource, actions) {
	const label = resource.charAt(0).toUpperCase() + resource.slice(1).replace('_', ' ');
	return actions.map((action) => ({
		event: `${resource}.${action}`,
		description: `${label} ${action.replace('_', ' ')}`,
	}));
}

/**
 * Returns a fresh event ID. D11 and D15 disagree on the format (`evt_abc123` and "uuid"), so
 * clients must treat it as an opaque string. The sandbox follows the `evt_` example.
 */
function newEventId() {
	return `evt_${randomBytes(12).toString('hex')}`;
}

/**
 * Builds a delivery envelope around `data` for the seeded account.
 * @param {string} event
 * @param {unknown} data
 * @param {Date} now
 * @returns {Envelope}
 */
function buildEnvelope(event, data, now) {
	return {
		event,
		event_id: newEventId(),
		created_at: now.toISOString(),
		account_id: SEED.accountId,
		data,
	};
}

/**
 * Builds the envelope of a test delivery (D13: `data: { message: "Webhook test" }`).
 * @param {Date} now
 */
function buildPingEnvelope(now) {
	return buildEnvelope(PING_EVENT, { message: 'Webhook test' }, now);
}

/**
 * Returns a sample envelope for a subscribable event type, or null for an unknown one.
 * ASSUMPTION: every `data` shape. Kula's per-event examples are not stored (D15), so interview
 * events carry the sandbox's interview object and the other events carry a seed record or a
 * minimal object with IDs.
 * @param {string} event
 * @param {Date} now
 * @returns {Envelope | null}
 */
function sampleEnvelope(event, now) {
	if (!EVENT_NAMES.includes(event)) {
		return null;
	}
	const envelope = buildEnvelope(event, sampleData(event), now);
	// A fixed ID shows that the sample was never delivered.
	envelope.event_id = 'evt_sample';
	return envelope;
}

/** @param {string} event */
function sampleData(event) {
	const resource = event.split('.')[0];
	const application = SEED_DATA.applications[0];
	switch (resource) {
		case 'interview':
			return event === 'interview.availability.computed' ? sampleAvailability() : sampleInterview();
		case 'candidate':
			return structuredClone(application.candidate);
		case 'application':
			return structuredClone(application);
		case 'job':
			return structuredClone(SEED_DATA.jobs[0]);
		default:
			return { id: 1, job_id: application.job_id };
	}
}

/**
 * ASSUMPTION: the result of an availability search in the shape of the polling endpoint's
 * response (D8, developers.kula.ai "Retrieve an interviewer availability result").
 */
function sampleAvailability() {
	return {
		poll_id: '0123456789abcdef01234567',
		status: 'succeeded',
		slots: [
			{
				start_time: '2025-01-13T15:00:00Z',
				end_time: '2025-01-13T15:45:00Z',
				interviewer_ids: [SEED.users.zoomInterviewer, SEED.users.interviewer],
			},
		],
	};
}

/**
 * A provisioned ad-hoc zoom panel on the first seeded application, in the shape the sandbox
 * returns from `GET /v1/interviews/:id`.
 * @returns {Interview}
 */
function sampleInterview() {
	const application = SEED_DATA.applications[0];
	return {
		id: SEED.firstInterviewId,
		application_id: application.id,
		job_id: application.job_id,
		candidate_id: application.candidate_id,
		stage_id: application.stage_id,
		stage_activity_id: null,
		organizer_id: SEED.users.organizer,
		interviewer_ids: [SEED.users.zoomInterviewer, SEED.users.interviewer],
		name: 'Technical Interview',
		kind: 'panel',
		location: 'zoom',
		office_id: null,
		host_id: SEED.users.zoomInterviewer,
		hackerrank_template_id: null,
		candidate_template_id: SEED.emailTemplates.candidateInvite,
		interviewer_template_id: SEED.emailTemplates.interviewerInvite,
		scorecard_template_id: SEED.scorecardTemplates.engineering,
		start_time: '2025-01-13T15:00:00Z',
		end_time: '2025-01-13T15:45:00Z',
		duration_minutes: 45,
		timezone: 'America/Los_Angeles',
		meeting_status: 'not_started',
		video_conferencing_url: 'https://zoom.us/j/12345678901',
		calendar_event_visibility: 'default',
		ai_note_taker_enabled: false,
		ai_scorecard_assist_enabled: false,
		external: null,
		created_at: '2025-01-06T09:30:00.000Z',
		updated_at: '2025-01-06T09:30:02.000Z',
	};
}

module.exports = {
	EVENT_TYPES,
	EVENT_NAMES,
	PING_EVENT,
	buildEnvelope,
	buildPingEnvelope,
	sampleEnvelope,
};
