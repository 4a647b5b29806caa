/**
 * Facts about Kula's create-interview fields that both the parameter UI and the validation use.
 * Sources: Kula's "Create an interview" page and the create_interview schema in Kula's MCP
 * server (kula-ai/kula-mcp-server, src/tools/interviews.ts).
 */

export const SCHEDULING_MODES = ['interviewPlan', 'adHoc', 'external'] as const;
export type SchedulingMode = (typeof SCHEDULING_MODES)[number];

export const KINDS = ['one_on_one', 'panel'] as const;

export const LOCATIONS = [
	'onsite',
	'phone',
	'zoom',
	'google_meet',
	'microsoft_teams',
	'hackerrank',
] as const;
export type Location = (typeof LOCATIONS)[number];

export const CALENDAR_VISIBILITIES = ['default', 'private'] as const;

/**
 * Interview length in minutes. The two sources disagree. The newest MCP schema (commit 71dc70a0)
 * accepts any whole number from 5 to 1440. The older MCP schema (commit 0407b666) and the
 * Glama mirror of its tool page ask for a multiple of 15 from 15 to 1440. We follow the newest
 * and let Kula reject what it rejects; change `step` to 15 and `min` to 15 for the older rule.
 */
export const DURATION_MINUTES = { min: 5, max: 1440, step: 1 } as const;

export const INTERVIEWERS = { min: 1, max: 10 } as const;

export const NAME_MAX_LENGTH = 255;

/** The location that requires each location-specific field, in ad hoc mode. */
export const LOCATION_FIELDS = {
	onsite: 'office_id',
	zoom: 'host_id',
	hackerrank: 'hackerrank_template_id',
} as const satisfies Partial<Record<Location, string>>;

/** Display names of the node parameters, keyed by the Kula field they fill. */
export const FIELD_LABELS: Record<string, string> = {
	application_id: 'Application',
	organizer_id: 'Organizer',
	start_time: 'Start Time',
	timezone: 'Timezone',
	stage_activity_id: 'Stage Activity',
	kind: 'Kind',
	location: 'Location',
	duration_minutes: 'Duration (Minutes)',
	interviewer_ids: 'Interviewer Names or IDs',
	office_id: 'Office',
	host_id: 'Conference Host',
	hackerrank_template_id: 'HackerRank Template ID',
	candidate_template_id: 'Candidate Invite Template',
	interviewer_template_id: 'Interviewer Invite Template',
	scorecard_template_id: 'Scorecard Template',
	name: 'Interview Name',
	end_time: 'End Time',
	calendar_event_visibility: 'Calendar Visibility',
	ai_note_taker_enabled: 'AI Note Taker',
	ai_scorecard_assist_enabled: 'AI Scorecard Assist',
	'external.video_conferencing_url': 'Video Conferencing URL',
	'external.source': 'Source',
	'external.event_id': 'External Event ID',
};

/** The collection that holds each optional field in each mode, so errors point at the right place. */
const COLLECTION_OF_FIELD: Record<SchedulingMode, Record<string, string>> = {
	interviewPlan: {
		kind: 'Interview Plan Overrides',
		location: 'Interview Plan Overrides',
		duration_minutes: 'Interview Plan Overrides',
		interviewer_ids: 'Interview Plan Overrides',
		office_id: 'Interview Plan Overrides',
		host_id: 'Interview Plan Overrides',
		hackerrank_template_id: 'Interview Plan Overrides',
		candidate_template_id: 'Interview Plan Overrides',
		interviewer_template_id: 'Interview Plan Overrides',
	},
	adHoc: { scorecard_template_id: 'Additional Fields' },
	external: {
		location: 'External Event Options',
		office_id: 'External Event Options',
		hackerrank_template_id: 'External Event Options',
		candidate_template_id: 'External Event Options',
		interviewer_template_id: 'External Event Options',
	},
};

const ADDITIONAL_FIELDS = [
	'name',
	'end_time',
	'calendar_event_visibility',
	'ai_note_taker_enabled',
	'ai_scorecard_assist_enabled',
];

/**
 * Source of the fields: the node's parameters, or Kula's field names in the input item (Input
 * Data set to take them from the input).
 */
export type InputStyle = 'parameters' | 'item';

/** Names a field as the user set it: "Conference Host" as a parameter, "host_id" in an item. */
export function fieldName(style: InputStyle, field: string): string {
	return style === 'item' ? field : (FIELD_LABELS[field] ?? field);
}

/**
 * Returns how the user finds a field: "Kind (in Interview Plan Overrides)" among the parameters,
 * 'Input field "kind"' in an item.
 */
export function fieldLabel(mode: SchedulingMode, field: string, style: InputStyle): string {
	if (style === 'item') return `Input field "${field}"`;
	const label = FIELD_LABELS[field] ?? field;
	const collection = ADDITIONAL_FIELDS.includes(field)
		? 'Additional Fields'
		: COLLECTION_OF_FIELD[mode][field];
	return collection ? `${label} (in ${collection})` : label;
}
