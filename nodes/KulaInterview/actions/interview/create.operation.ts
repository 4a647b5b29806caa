import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS } from '../../../shared/rate-limit';
import { kulaApiRequest } from '../../../shared/transport';
import { isObject } from '../../../shared/types';
import type { InputStyle, SchedulingMode } from '../../schemas/fields';
import { createRequestBuilder } from '../../schemas/validate';
import type { RunContext } from '../run-context';
import { readItemFields } from './item-fields';

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
		// An expression may return the location with spaces, which the schema trims too.
		const location = String(context.getNodeParameter('location', i)).trim();
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

/** Reads the item's scheduling mode and Kula fields from the node's parameters. */
function readParameters(context: IExecuteFunctions, i: number) {
	const mode = context.getNodeParameter('schedulingMode', i) as SchedulingMode;
	const values: Fields = {
		application_id: readLocator(context, 'applicationId', i),
		organizer_id: readLocator(context, 'organizerId', i),
		start_time: context.getNodeParameter('startTime', i),
		timezone: context.getNodeParameter('timezone', i, ''),
		...readModeFields(context, mode, i),
		...renameFields(
			context.getNodeParameter('additionalFields', i, {}) as IDataObject,
			ADDITIONAL_FIELDS,
		),
	};
	return { mode, values };
}

function rejectRetryOnFail(context: IExecuteFunctions, i: number) {
	if (!context.getNode().retryOnFail) return;
	throw new NodeOperationError(
		context.getNode(),
		`Turn off Retry On Fail for this node [item ${i}]`,
		{
			itemIndex: i,
			description:
				"n8n's Retry On Fail runs the node again for every item, which books the interviews that already succeeded a second time. The node itself waits out Kula's rate limit (see Options, Max Rate Limit Wait).",
		},
	);
}

/** Creates one interview for one input item and returns Kula's interview object. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run: RunContext,
): Promise<IDataObject> {
	rejectRetryOnFail(this, i);
	const inputStyle: InputStyle =
		this.getNodeParameter('dataMode', i, 'defineBelow') === 'autoMapInputData'
			? 'item'
			: 'parameters';
	const options = this.getNodeParameter('options', i, {}) as { maxRateLimitWaitSeconds?: number };
	const { mode, values } =
		inputStyle === 'item'
			? readItemFields(this.getNode(), this.getInputData()[i].json, i)
			: readParameters(this, i);

	const buildRequest = run.once(`requests from ${inputStyle}`, () =>
		createRequestBuilder({ workflowTimezone: this.getTimezone(), now: Date.now, inputStyle }),
	);
	const { applicationId, body } = buildRequest(this.getNode(), mode, values, i);

	const response = await kulaApiRequest.call(
		this,
		{ method: 'POST', path: `/v1/applications/${applicationId}/interviews`, body },
		{
			action: 'create the interview',
			itemIndex: i,
			maxRateLimitWaitSeconds:
				options.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
			session: await run.session(),
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
