import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS } from '../../../shared/rate-limit';
import { kulaApiRequest } from '../../../shared/transport';
import { isObject } from '../../../shared/types';
import type { SchedulingMode } from '../../schemas/fields';
import { buildCreateRequest } from '../../schemas/validate';

type Fields = Record<string, unknown>;

export { createDescription as description } from './create.description';

/** Returns a resource locator's value; a locator inside a collection comes back whole. */
function locatorValue(value: unknown): unknown {
	return isObject(value) && value.__rl === true ? value.value : value;
}

/** Renames a collection's parameters to Kula's field names, keeping only those present. */
function renameFields(collection: IDataObject, names: Record<string, string>): Fields {
	const renamed: Fields = {};
	for (const [parameter, field] of Object.entries(names)) {
		if (collection[parameter] !== undefined) renamed[field] = locatorValue(collection[parameter]);
	}
	return renamed;
}

const OVERRIDE_FIELDS = {
	kind: 'kind',
	location: 'location',
	durationMinutes: 'duration_minutes',
	interviewerIds: 'interviewer_ids',
	officeId: 'office_id',
	hostId: 'host_id',
	hackerrankTemplateId: 'hackerrank_template_id',
	candidateTemplateId: 'candidate_template_id',
	interviewerTemplateId: 'interviewer_template_id',
};

const ADDITIONAL_FIELDS = {
	name: 'name',
	endTime: 'end_time',
	calendarEventVisibility: 'calendar_event_visibility',
	aiNoteTakerEnabled: 'ai_note_taker_enabled',
	aiScorecardAssistEnabled: 'ai_scorecard_assist_enabled',
	scorecardTemplateId: 'scorecard_template_id',
};

function readLocator(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return context.getNodeParameter(name, itemIndex, '', { extractValue: true });
}

/** Reads the parameters that the item's scheduling mode shows, under Kula's field names. */
function readModeFields(context: IExecuteFunctions, mode: SchedulingMode, i: number): Fields {
	if (mode === 'interviewPlan') {
		return {
			stage_activity_id: readLocator(context, 'stageActivityId', i),
			...renameFields(
				context.getNodeParameter('interviewPlanOverrides', i, {}) as IDataObject,
				OVERRIDE_FIELDS,
			),
		};
	}

	const shared = {
		kind: context.getNodeParameter('kind', i),
		duration_minutes: context.getNodeParameter('durationMinutes', i),
		interviewer_ids: context.getNodeParameter('interviewerIds', i),
	};

	if (mode === 'adHoc') {
		const location = context.getNodeParameter('location', i) as string;
		const byLocation: Fields = {};
		if (location === 'onsite') byLocation.office_id = readLocator(context, 'officeId', i);
		if (location === 'zoom') byLocation.host_id = readLocator(context, 'hostId', i);
		if (location === 'hackerrank') {
			byLocation.hackerrank_template_id = context.getNodeParameter('hackerrankTemplateId', i);
		}
		return {
			...shared,
			location,
			...byLocation,
			candidate_template_id: readLocator(context, 'candidateTemplateId', i),
			interviewer_template_id: readLocator(context, 'interviewerTemplateId', i),
		};
	}

	return {
		...shared,
		...renameFields(context.getNodeParameter('externalOptions', i, {}) as IDataObject, {
			location: 'location',
			officeId: 'office_id',
			hackerrankTemplateId: 'hackerrank_template_id',
			candidateTemplateId: 'candidate_template_id',
			interviewerTemplateId: 'interviewer_template_id',
		}),
		external: {
			video_conferencing_url: context.getNodeParameter('videoConferencingUrl', i, ''),
			source: context.getNodeParameter('externalSource', i, ''),
			event_id: context.getNodeParameter('externalEventId', i, ''),
		},
	};
}

/** Creates one interview for one input item and returns Kula's interview object. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	if (this.getNode().retryOnFail) {
		throw new NodeOperationError(
			this.getNode(),
			`Turn off Retry On Fail for this node [item ${i}]`,
			{
				itemIndex: i,
				description:
					"n8n's Retry On Fail runs the node again for every item, which books the interviews that already succeeded a second time. The node itself waits out Kula's rate limit (see Options, Max Rate Limit Wait).",
			},
		);
	}
	const mode = this.getNodeParameter('schedulingMode', i) as SchedulingMode;
	const options = this.getNodeParameter('options', i, {}) as { maxRateLimitWaitSeconds?: number };
	const values: Fields = {
		application_id: readLocator(this, 'applicationId', i),
		organizer_id: readLocator(this, 'organizerId', i),
		start_time: this.getNodeParameter('startTime', i),
		timezone: this.getNodeParameter('timezone', i, ''),
		...readModeFields(this, mode, i),
		...renameFields(
			this.getNodeParameter('additionalFields', i, {}) as IDataObject,
			ADDITIONAL_FIELDS,
		),
	};

	const { applicationId, body } = buildCreateRequest(
		this.getNode(),
		mode,
		values,
		{ workflowTimezone: this.getTimezone(), nowMs: Date.now() },
		i,
	);

	const response = await kulaApiRequest.call(
		this,
		{ method: 'POST', path: `/v1/applications/${applicationId}/interviews`, body },
		{
			action: 'create the interview',
			itemIndex: i,
			maxRateLimitWaitSeconds:
				options.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
		},
	);

	// Kula documents the `{ data }` envelope for lists; a bare interview object is accepted too.
	if (isObject(response) && isObject(response.data)) return response.data;
	if (isObject(response) && response.id !== undefined && response.data === undefined)
		return response;
	throw new NodeOperationError(
		this.getNode(),
		`Kula's response contains no interview [item ${i}]`,
		{
			itemIndex: i,
			description:
				'The create call succeeded but the response holds no interview object. Check in Kula whether the interview exists before you run this item again, so it is not booked twice.',
		},
	);
}
