// @ts-check
'use strict';

/**
 * The seeded Kula organisation: one account with users, jobs, interview plans, applications,
 * offices and templates. Every name is invented. Other code refers to these IDs, so keep them.
 *
 * ASSUMPTION: record shapes. Kula documents no response shapes for these lookups, so field
 * names follow the filters and parameters of Kula's MCP server (kula-ai/kula-mcp-server,
 * src/tools/*.ts), e.g. jobs are searched "by title" and users by "name and email".
 */

/** The two sandbox API keys. Only the Application API key gets through authentication. */
const API_KEYS = Object.freeze({
	application: 'kula_sandbox_application_key',
	jobBoards: 'kula_sandbox_job_boards_key',
});

/** IDs of the seeded records, grouped by resource. */
const SEED = deepFreeze({
	accountId: 7001,
	users: {
		organizer: 201,
		zoomInterviewer: 202,
		interviewer: 203,
		noCalendar: 204,
		deactivated: 205,
		extraInterviewers: [206, 207, 208, 209, 210],
	},
	jobs: { backend: 101, designer: 102, closed: 103 },
	stages: {
		recruiterScreen: 1101,
		technicalInterview: 1102,
		codingExercise: 1103,
		portfolio: 1201,
	},
	activities: {
		recruiterCall: 11011,
		technicalZoom: 11021,
		onsiteVisit: 11022,
		hackerrankExercise: 11031,
		portfolioMeet: 12011,
	},
	applications: { backend: 1001, backendSecond: 1002, designer: 1003, rejected: 1004 },
	candidates: { backend: 5001, backendSecond: 5002, designer: 5003, rejected: 5004 },
	offices: { lisbon: 301, toronto: 302 },
	emailTemplates: { candidateInvite: 401, interviewerInvite: 402, rejection: 403 },
	scorecardTemplates: { general: 501, engineering: 502 },
	hackerrankTemplates: { backend: 601, algorithms: 602 },
	firstInterviewId: 9001,
});

/** Timestamp of every seeded record. */
const SEEDED_AT = '2025-01-06T09:00:00Z';

/**
 * @typedef {'one_on_one' | 'panel'} InterviewKind
 * @typedef {'onsite' | 'phone' | 'zoom' | 'google_meet' | 'microsoft_teams' | 'hackerrank'} InterviewLocation
 */

/**
 * @typedef {object} PublicUser
 * @property {number} id
 * @property {string} first_name
 * @property {string} last_name
 * @property {string} email
 * @property {string} job_title
 * @property {'active' | 'pending' | 'deactivated' | 'imported'} status
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * Facts about a user that the API exposes only through valid_organizers and conference_hosts.
 * @typedef {object} UserAccess
 * @property {'google' | 'microsoft' | null} calendar connected calendar provider, if any
 * @property {number[]} manageableJobIds jobs on which the user may manage candidates
 * @property {Array<'zoom'>} conferenceProviders providers on which the user can host
 */

/** @typedef {PublicUser & { access: UserAccess }} SeedUser */

/**
 * @typedef {object} Job
 * @property {number} id
 * @property {string} title
 * @property {'draft' | 'pending_approval' | 'rejected' | 'scheduled' | 'published' | 'closed' | 'archived'} status
 * @property {number[]} office_ids
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * An interview-plan activity. Its `id` is the `stage_activity_id` of the create call.
 * @typedef {object} Activity
 * @property {number} id
 * @property {string} name
 * @property {InterviewKind} kind
 * @property {InterviewLocation} location
 * @property {number} duration_minutes
 * @property {number[]} interviewer_ids
 * @property {number | null} office_id
 * @property {number | null} host_id
 * @property {number | null} hackerrank_template_id
 * @property {number} candidate_template_id
 * @property {number} interviewer_template_id
 * @property {number | null} scorecard_template_id
 * @property {boolean} ai_note_taker_enabled
 * @property {boolean} ai_scorecard_assist_enabled
 */

/**
 * @typedef {object} Stage
 * @property {number} id
 * @property {string} name
 * @property {number} position
 * @property {Activity[]} activities
 */

/**
 * @typedef {object} InterviewPlan
 * @property {number} job_id
 * @property {Stage[]} stages
 */

/**
 * @typedef {object} Candidate
 * @property {number} id
 * @property {string} first_name
 * @property {string} last_name
 * @property {string} email
 */

/**
 * @typedef {object} Application
 * @property {number} id
 * @property {number} candidate_id
 * @property {number} job_id
 * @property {number} stage_id the application's current stage
 * @property {'active' | 'hired' | 'rejected' | 'duplicate'} status
 * @property {Candidate} candidate
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * @typedef {object} Office
 * @property {number} id
 * @property {string} name
 * @property {string} city
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * @typedef {object} EmailTemplate
 * @property {number} id
 * @property {string} name
 * @property {'email' | 'calendar_invite'} channel
 * @property {string} category one of the categories accepted by `categories[]`
 * @property {string} subject
 * @property {number} owner_id
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * @typedef {object} ScorecardTemplate
 * @property {number} id
 * @property {string} name
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * @typedef {object} HackerrankTemplate
 * @property {number} id
 * @property {string} name
 */

/**
 * @typedef {object} SeedData
 * @property {SeedUser[]} users
 * @property {Job[]} jobs
 * @property {InterviewPlan[]} interviewPlans
 * @property {Candidate[]} candidates
 * @property {Application[]} applications
 * @property {Office[]} offices
 * @property {EmailTemplate[]} emailTemplates
 * @property {ScorecardTemplate[]} scorecardTemplates
 * @property {HackerrankTemplate[]} hackerrankTemplates
 */

/**
 * @param {number} id
 * @param {string} firstName
 * @param {string} lastName
 * @param {string} jobTitle
 * @param {UserAccess} access
 * @param {PublicUser['status']} [status]
 * @returns {SeedUser}
 */
function user(id, firstName, lastName, jobTitle, access, status = 'active') {
	return {
		id,
		first_name: firstName,
		last_name: lastName,
		email: `${firstName}.${lastName}@example.com`.toLowerCase(),
		job_title: jobTitle,
		status,
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
		access,
	};
}

/** @type {SeedUser[]} */
const USERS = [
	// The organizer: connected Google calendar, manages jobs 101 and 102, Zoom host.
	user(201, 'Orla', 'Fenwick', 'Recruiting Lead', {
		calendar: 'google',
		manageableJobIds: [101, 102],
		conferenceProviders: ['zoom'],
	}),
	user(202, 'Tomasz', 'Brandt', 'Staff Engineer', {
		calendar: 'google',
		manageableJobIds: [101],
		conferenceProviders: ['zoom'],
	}),
	// Connected calendar but no permission on any job, so never a valid organizer.
	user(203, 'Imani', 'Okafor', 'Backend Engineer', {
		calendar: 'microsoft',
		manageableJobIds: [],
		conferenceProviders: [],
	}),
	// Permission on job 101 but no connected calendar: an organizer only for external events.
	user(204, 'Rafael', 'Quintero', 'Engineering Manager', {
		calendar: null,
		manageableJobIds: [101],
		conferenceProviders: [],
	}),
	user(
		205,
		'Dana',
		'Whitlock',
		'Former Recruiter',
		{ calendar: 'google', manageableJobIds: [101, 102], conferenceProviders: ['zoom'] },
		'deactivated',
	),
	user(206, 'Kenji', 'Moriyama', 'Senior Engineer', {
		calendar: 'google',
		manageableJobIds: [],
		conferenceProviders: [],
	}),
	user(207, 'Lucia', 'Ferraro', 'Design Director', {
		calendar: 'microsoft',
		manageableJobIds: [102],
		conferenceProviders: [],
	}),
	user(208, 'Samir', 'Haddad', 'Product Designer', {
		calendar: null,
		manageableJobIds: [],
		conferenceProviders: [],
	}),
	user(209, 'Greta', 'Lindholm', 'Platform Engineer', {
		calendar: 'google',
		manageableJobIds: [],
		conferenceProviders: [],
	}),
	user(210, 'Noah', 'Achterberg', 'Data Engineer', {
		calendar: 'google',
		manageableJobIds: [],
		conferenceProviders: [],
	}),
];

/** @type {Job[]} */
const JOBS = [
	{
		id: 101,
		title: 'Senior Backend Engineer',
		status: 'published',
		office_ids: [301],
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
	},
	{
		id: 102,
		title: 'Product Designer',
		status: 'published',
		office_ids: [302],
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
	},
	{
		id: 103,
		title: 'Support Specialist',
		status: 'closed',
		office_ids: [301],
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
	},
];

/** Default invite and scorecard setup shared by the seeded activities. */
const ACTIVITY_DEFAULTS = {
	office_id: null,
	host_id: null,
	hackerrank_template_id: null,
	candidate_template_id: 401,
	interviewer_template_id: 402,
	scorecard_template_id: 501,
	ai_note_taker_enabled: false,
	ai_scorecard_assist_enabled: false,
};

/** @type {InterviewPlan[]} */
const INTERVIEW_PLANS = [
	{
		job_id: 101,
		stages: [
			{
				id: 1101,
				name: 'Recruiter Screen',
				position: 1,
				activities: [
					{
						...ACTIVITY_DEFAULTS,
						id: 11011,
						name: 'Recruiter Call',
						kind: 'one_on_one',
						location: 'phone',
						duration_minutes: 30,
						interviewer_ids: [203],
					},
				],
			},
			{
				id: 1102,
				name: 'Technical Interview',
				position: 2,
				activities: [
					{
						...ACTIVITY_DEFAULTS,
						id: 11021,
						name: 'System Design Interview',
						kind: 'panel',
						location: 'zoom',
						duration_minutes: 60,
						interviewer_ids: [202, 203],
						host_id: 202,
						scorecard_template_id: 502,
						ai_note_taker_enabled: true,
						ai_scorecard_assist_enabled: true,
					},
					{
						...ACTIVITY_DEFAULTS,
						id: 11022,
						name: 'Onsite Visit',
						kind: 'panel',
						location: 'onsite',
						duration_minutes: 90,
						interviewer_ids: [202, 203, 206],
						office_id: 301,
						scorecard_template_id: 502,
					},
				],
			},
			{
				id: 1103,
				name: 'Coding Exercise',
				position: 3,
				activities: [
					{
						...ACTIVITY_DEFAULTS,
						id: 11031,
						name: 'HackerRank Coding Exercise',
						kind: 'one_on_one',
						location: 'hackerrank',
						duration_minutes: 60,
						interviewer_ids: [206],
						hackerrank_template_id: 601,
					},
				],
			},
		],
	},
	{
		job_id: 102,
		stages: [
			{
				id: 1201,
				name: 'Portfolio Review',
				position: 1,
				activities: [
					{
						...ACTIVITY_DEFAULTS,
						id: 12011,
						name: 'Portfolio Walkthrough',
						kind: 'panel',
						location: 'google_meet',
						duration_minutes: 45,
						interviewer_ids: [207, 208],
					},
				],
			},
		],
	},
	{ job_id: 103, stages: [] },
];

/** @type {Candidate[]} */
const CANDIDATES = [
	{ id: 5001, first_name: 'Marisol', last_name: 'Venn', email: 'marisol.venn@example.org' },
	{ id: 5002, first_name: 'Theo', last_name: 'Ashgrove', email: 'theo.ashgrove@example.org' },
	{ id: 5003, first_name: 'Ines', last_name: 'Calloway', email: 'ines.calloway@example.org' },
	{ id: 5004, first_name: 'Bram', last_name: 'Oyelaran', email: 'bram.oyelaran@example.org' },
];

/**
 * @param {number} id
 * @param {number} candidateId
 * @param {number} jobId
 * @param {number} stageId
 * @param {Application['status']} status
 * @returns {Application}
 */
function application(id, candidateId, jobId, stageId, status) {
	const candidate = CANDIDATES.find((entry) => entry.id === candidateId);
	if (!candidate) {
		throw new Error(`Seed error: candidate ${candidateId} is missing`);
	}
	return {
		id,
		candidate_id: candidateId,
		job_id: jobId,
		stage_id: stageId,
		status,
		candidate,
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
	};
}

/** @type {Application[]} */
const APPLICATIONS = [
	application(1001, 5001, 101, 1101, 'active'),
	application(1002, 5002, 101, 1101, 'active'),
	application(1003, 5003, 102, 1201, 'active'),
	application(1004, 5004, 101, 1101, 'rejected'),
];

/** @type {Office[]} */
const OFFICES = [
	{ id: 301, name: 'Lisbon Studio', city: 'Lisbon', created_at: SEEDED_AT, updated_at: SEEDED_AT },
	{
		id: 302,
		name: 'Toronto Office',
		city: 'Toronto',
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
	},
];

/** @type {EmailTemplate[]} */
const EMAIL_TEMPLATES = [
	{
		id: 401,
		name: 'Candidate interview invite',
		channel: 'calendar_invite',
		category: 'interview_coordination',
		subject: 'Your interview for {{job_title}}',
		owner_id: 201,
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
	},
	{
		id: 402,
		name: 'Interviewer briefing invite',
		channel: 'calendar_invite',
		category: 'interviewer_coordination',
		subject: 'Interview with {{candidate_name}}',
		owner_id: 201,
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
	},
	{
		id: 403,
		name: 'Rejection after interview',
		channel: 'email',
		category: 'rejection',
		subject: 'Your application for {{job_title}}',
		owner_id: 201,
		created_at: SEEDED_AT,
		updated_at: SEEDED_AT,
	},
];

/** @type {ScorecardTemplate[]} */
const SCORECARD_TEMPLATES = [
	{ id: 501, name: 'General Interview Scorecard', created_at: SEEDED_AT, updated_at: SEEDED_AT },
	{ id: 502, name: 'Engineering Panel Scorecard', created_at: SEEDED_AT, updated_at: SEEDED_AT },
];

/**
 * ASSUMPTION: Kula has no list endpoint for HackerRank templates, so the sandbox accepts these
 * two IDs as the account's known templates.
 * @type {HackerrankTemplate[]}
 */
const HACKERRANK_TEMPLATES = [
	{ id: 601, name: 'Backend Coding Challenge' },
	{ id: 602, name: 'Algorithms Warm-up' },
];

/** @type {SeedData} */
const SEED_DATA = deepFreeze({
	users: USERS,
	jobs: JOBS,
	interviewPlans: INTERVIEW_PLANS,
	candidates: CANDIDATES,
	applications: APPLICATIONS,
	offices: OFFICES,
	emailTemplates: EMAIL_TEMPLATES,
	scorecardTemplates: SCORECARD_TEMPLATES,
	hackerrankTemplates: HACKERRANK_TEMPLATES,
});

/**
 * Freezes an object and everything reachable from it, so no request can change the seed.
 * @template T
 * @param {T} value
 * @returns {T}
 */
function deepFreeze(value) {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) {
			deepFreeze(child);
		}
	}
	return value;
}

module.exports = { API_KEYS, SEED, SEED_DATA };
