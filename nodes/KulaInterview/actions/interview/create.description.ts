import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS } from '../../../shared/rate-limit';
import { DURATION_MINUTES } from '../../schemas/fields';
import {
	calendarVisibilityOptions,
	interviewersParameter,
	kindOptions,
	kulaLocator,
	locationOptions,
} from '../common.descriptions';
import { ITEM_FIELDS } from './item-fields';

const forCreate = { resource: ['interview'], operation: ['create'] };
/** Parameters that hold Kula fields, shown only while the fields are set in the node. */
const forFields = { ...forCreate, dataMode: ['defineBelow'] };

function showFor(schedulingMode: string[], extra: IDisplayOptions['show'] = {}): IDisplayOptions {
	return { show: { ...forFields, schedulingMode, ...extra } };
}

const durationDescription = `Length of the interview in minutes, ${DURATION_MINUTES.min} to ${DURATION_MINUTES.max}`;

type LocatorOptions = Partial<Pick<INodeProperties, 'required' | 'displayOptions'>>;

const candidateTemplate = (extra: LocatorOptions = {}) =>
	kulaLocator({
		displayName: 'Candidate Invite Template',
		name: 'candidateTemplateId',
		example: '401',
		searchListMethod: 'searchCandidateTemplates',
		description: "Calendar-invite template for the candidate's invite",
		...extra,
	});

const interviewerTemplate = (extra: LocatorOptions = {}) =>
	kulaLocator({
		displayName: 'Interviewer Invite Template',
		name: 'interviewerTemplateId',
		example: '402',
		searchListMethod: 'searchInterviewerTemplates',
		description: "Calendar-invite template for the interviewers' invite",
		...extra,
	});

const office = (extra: LocatorOptions = {}) =>
	kulaLocator({
		displayName: 'Office',
		name: 'officeId',
		example: '301',
		searchListMethod: 'searchOffices',
		description: 'Kula office where the onsite interview takes place',
		...extra,
	});

const conferenceHost = (extra: LocatorOptions = {}) =>
	kulaLocator({
		displayName: 'Conference Host',
		name: 'hostId',
		example: '202',
		searchListMethod: 'searchConferenceHosts',
		description:
			'Kula user whose Zoom account hosts the meeting. They must be one of the interviewers.',
		...extra,
	});

const hackerRankTemplate = (extra: LocatorOptions = {}): INodeProperties => ({
	displayName: 'HackerRank Template ID',
	name: 'hackerrankTemplateId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 601',
	description: 'ID of the HackerRank test template',
	hint: 'Kula has no endpoint that lists HackerRank templates, so copy the ID from Kula',
	...extra,
});

const dataMode: INodeProperties[] = [
	{
		displayName: 'Input Data',
		name: 'dataMode',
		type: 'options',
		noDataExpression: true,
		default: 'defineBelow',
		options: [
			{
				name: 'Map Each Field Below',
				value: 'defineBelow',
				description: 'Set each field in this node, as a fixed value or an expression',
			},
			{
				name: 'Take Kula Fields From Input',
				value: 'autoMapInputData',
				description:
					"Read Kula's field names, such as application_id and start_time, from each input item. Faster for many items: no expression per field.",
			},
		],
		displayOptions: { show: forCreate },
	},
	{
		displayName: `Each item needs application_id, organizer_id and start_time under Kula's field names, plus what its scheduling mode needs. An item with stage_activity_id is scheduled from the interview plan; one with an external object, or columns such as external.event_id, is an external event; any other is ad hoc. A start_time without an offset is read in the workflow's timezone, not in the item's timezone field. Kula fields read: ${ITEM_FIELDS.join(', ')}, external. Other keys are ignored.`,
		name: 'autoMapNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...forCreate, dataMode: ['autoMapInputData'] } },
	},
];

const alwaysShown: INodeProperties[] = [
	kulaLocator({
		displayName: 'Job',
		name: 'jobId',
		example: '101',
		searchListMethod: 'searchJobs',
		description:
			'Narrows the Application list, and tells the Stage Activity and Organizer lists which job to use',
		hint: 'Only helps the lists; it is not sent to Kula',
		displayOptions: { show: forFields },
	}),
	kulaLocator({
		displayName: 'Application',
		name: 'applicationId',
		example: '1001',
		searchListMethod: 'searchApplications',
		required: true,
		description:
			"The candidate's application to the job (not the candidate ID). The interview is scheduled on it.",
		displayOptions: { show: forFields },
	}),
	kulaLocator({
		displayName: 'Organizer',
		name: 'organizerId',
		example: '201',
		searchListMethod: 'searchOrganizers',
		required: true,
		description:
			"Kula user who organizes the interview. Outside External mode they need a connected Google or Microsoft calendar and access to the application's job.",
		displayOptions: { show: forFields },
	}),
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"When the interview starts: on a 15-minute boundary (:00, :15, :30, :45) and in the future. A value without an offset is read in the workflow's timezone; it is sent to Kula in UTC.",
		displayOptions: { show: forFields },
	},
	{
		displayName: 'Timezone Name or ID',
		name: 'timezone',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimezones' },
		default: '',
		description:
			'IANA time zone that Kula shows the interview in. Leave it on Workflow Timezone to use the workflow\'s setting. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: forFields },
	},
	{
		displayName: 'Scheduling Mode',
		name: 'schedulingMode',
		type: 'options',
		noDataExpression: true,
		default: 'interviewPlan',
		options: [
			{
				name: 'Ad Hoc',
				value: 'adHoc',
				description: 'Configure the whole interview here; it goes on the current stage',
			},
			{
				name: 'External Calendar Event',
				value: 'external',
				description: 'Record an interview whose calendar event another system owns',
			},
			{
				name: 'From Interview Plan',
				value: 'interviewPlan',
				description: "Use an activity of the job's interview plan; its settings are inherited",
			},
		],
		displayOptions: { show: forFields },
	},
];

const interviewPlanFields: INodeProperties[] = [
	kulaLocator({
		displayName: 'Stage Activity',
		name: 'stageActivityId',
		example: '11021',
		searchListMethod: 'searchStageActivities',
		required: true,
		description:
			"Activity of the job's interview plan. Its kind, location, duration, interviewers, templates and scorecard are inherited, and the interview lands on its stage.",
		displayOptions: showFor(['interviewPlan']),
	}),
	{
		displayName: 'Interview Plan Overrides',
		name: 'interviewPlanOverrides',
		type: 'collection',
		placeholder: 'Override Field',
		default: {},
		description: 'Fields to send instead of the inherited ones. Only the fields you add are sent.',
		displayOptions: showFor(['interviewPlan']),
		options: [
			candidateTemplate(),
			conferenceHost(),
			{
				displayName: 'Duration (Minutes)',
				name: 'durationMinutes',
				type: 'number',
				typeOptions: { minValue: DURATION_MINUTES.min, maxValue: DURATION_MINUTES.max },
				default: 60,
				description: durationDescription,
			},
			hackerRankTemplate(),
			interviewerTemplate(),
			interviewersParameter(),
			{
				displayName: 'Kind',
				name: 'kind',
				type: 'options',
				options: kindOptions,
				default: 'panel',
			},
			{
				displayName: 'Location',
				name: 'location',
				type: 'options',
				options: locationOptions,
				default: 'zoom',
			},
			office(),
		],
	},
];

const adHocFields: INodeProperties[] = [
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		required: true,
		options: kindOptions,
		default: 'panel',
		displayOptions: showFor(['adHoc', 'external']),
	},
	{
		displayName: 'Location',
		name: 'location',
		type: 'options',
		required: true,
		options: locationOptions,
		default: 'zoom',
		description:
			'Where the interview happens. Onsite, Zoom and HackerRank each need one more field.',
		displayOptions: showFor(['adHoc']),
	},
	// Not marked required: when Location is an expression, n8n shows all three and would block
	// saving the workflow until each is filled. The node checks the one the location needs.
	office({ displayOptions: showFor(['adHoc'], { location: ['onsite'] }) }),
	conferenceHost({ displayOptions: showFor(['adHoc'], { location: ['zoom'] }) }),
	hackerRankTemplate({ displayOptions: showFor(['adHoc'], { location: ['hackerrank'] }) }),
	{
		displayName: 'Duration (Minutes)',
		name: 'durationMinutes',
		type: 'number',
		required: true,
		typeOptions: { minValue: DURATION_MINUTES.min, maxValue: DURATION_MINUTES.max },
		default: 60,
		description: durationDescription,
		displayOptions: showFor(['adHoc', 'external']),
	},
	interviewersParameter({ required: true, displayOptions: showFor(['adHoc', 'external']) }),
	candidateTemplate({ required: true, displayOptions: showFor(['adHoc']) }),
	interviewerTemplate({ required: true, displayOptions: showFor(['adHoc']) }),
];

const externalNotice: INodeProperties = {
	displayName:
		'Kula only records external events: it sends no calendar invites, creates no conference and sends no interview.event.created webhook for them, so a Kula Trigger will not fire.',
	name: 'externalNotice',
	type: 'notice',
	default: '',
	displayOptions: showFor(['external']),
};

const externalFields: INodeProperties[] = [
	{
		displayName: 'Video Conferencing URL',
		name: 'videoConferencingUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://zoom.us/j/123456789',
		description:
			"Meeting link the participants use. Kula's AI note taker can join Zoom, Google Meet and Microsoft Teams links only.",
		displayOptions: showFor(['external']),
	},
	{
		displayName: 'Source',
		name: 'externalSource',
		type: 'string',
		default: '',
		placeholder: 'e.g. Calendar Sync',
		description: 'Name of the system that owns the calendar event',
		displayOptions: showFor(['external']),
	},
	{
		displayName: 'External Event ID',
		name: 'externalEventId',
		type: 'string',
		default: '',
		placeholder: 'e.g. evt-2026-0042',
		description: "The owning system's ID of the calendar event",
		displayOptions: showFor(['external']),
	},
	{
		displayName: 'External Event Options',
		name: 'externalOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(['external']),
		options: [
			candidateTemplate(),
			hackerRankTemplate(),
			interviewerTemplate(),
			{
				displayName: 'Location',
				name: 'location',
				type: 'options',
				options: locationOptions,
				default: 'zoom',
				description: 'Where the interview happens. No conference host is needed for Zoom here.',
			},
			office(),
		],
	},
];

const additionalFields: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: forFields },
		options: [
			{
				displayName: 'AI Note Taker',
				name: 'aiNoteTakerEnabled',
				type: 'boolean',
				default: false,
				description: "Whether Kula's AI note taker joins the meeting",
			},
			{
				displayName: 'AI Scorecard Assist',
				name: 'aiScorecardAssistEnabled',
				type: 'boolean',
				default: false,
				description: "Whether Kula's AI helps the interviewers fill in the scorecard",
			},
			{
				displayName: 'Calendar Visibility',
				name: 'calendarEventVisibility',
				type: 'options',
				options: calendarVisibilityOptions,
				default: 'default',
				description: "Visibility of the calendar event in the attendees' calendars",
			},
			{
				displayName: 'End Time',
				name: 'endTime',
				type: 'dateTime',
				default: '',
				description:
					'When the interview ends, instead of a duration. Kula uses it when both are set. Read like Start Time.',
			},
			{
				displayName: 'Interview Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. System Design Interview',
				description: 'Title of the interview, at most 255 characters',
			},
			{
				...kulaLocator({
					displayName: 'Scorecard Template',
					name: 'scorecardTemplateId',
					example: '501',
					searchListMethod: 'searchScorecardTemplates',
					description:
						'Scorecard for the interviewers. Kula honours it for ad hoc interviews only.',
				}),
				displayOptions: { show: { '/schedulingMode': ['adHoc'] } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: forCreate },
		options: [
			{
				displayName: 'Max Rate Limit Wait (Seconds)',
				name: 'maxRateLimitWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
				description:
					"How long one item may wait in total for Kula's rate limit (1,000 requests per hour per account): for the budget to reset when Kula's last response reported none left, and as long as Kula asks after a 429. 0 fails the item rather than wait.",
			},
		],
	},
];

export const createDescription: INodeProperties[] = [
	...dataMode,
	...alwaysShown,
	// First, so the notice sits under Scheduling Mode rather than among the shared fields.
	externalNotice,
	...interviewPlanFields,
	...adHocFields,
	...externalFields,
	...additionalFields,
];
