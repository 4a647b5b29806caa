import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { startTimeProblem, toKulaTimestamp } from '../time';
import {
	CALENDAR_VISIBILITIES,
	DURATION_MINUTES,
	fieldName,
	KINDS,
	LOCATION_FIELDS,
	LOCATIONS,
	type SchedulingMode,
} from './fields';
import {
	addIssue,
	booleanFlag,
	dateTime,
	durationMinutes,
	freeText,
	interviewerIds,
	interviewName,
	kulaId,
	oneOf,
	optional,
	timezone,
	webUrl,
	type SchemaContext,
} from './values';

/** The path parameter and JSON body of one create call. */
export interface CreateInterviewRequest {
	applicationId: number;
	body: IDataObject;
}

/** Fields every mode accepts: the always-required four and the documented optional ones. */
function commonShape(context: SchemaContext) {
	return {
		application_id: kulaId('1001'),
		organizer_id: kulaId('201'),
		start_time: dateTime(context),
		timezone: timezone(context),
		name: optional(interviewName),
		end_time: optional(dateTime(context)),
		calendar_event_visibility: optional(oneOf(CALENDAR_VISIBILITIES)),
		ai_note_taker_enabled: optional(booleanFlag),
		ai_scorecard_assist_enabled: optional(booleanFlag),
	};
}

interface Parsed {
	start_time: DateTime;
	end_time?: DateTime;
	duration_minutes?: number;
	kind?: string;
	location?: string;
	interviewer_ids?: number[];
	host_id?: number;
}

/**
 * Keeps only the values that parsed: zod still runs object refinements after a field failed,
 * and hands over a failure marker in that field's place.
 */
function parsedOnly(value: Parsed): Partial<Parsed> {
	return {
		start_time: DateTime.isDateTime(value.start_time) ? value.start_time : undefined,
		end_time: DateTime.isDateTime(value.end_time) ? value.end_time : undefined,
		kind: typeof value.kind === 'string' ? value.kind : undefined,
		interviewer_ids: Array.isArray(value.interviewer_ids) ? value.interviewer_ids : undefined,
		host_id: typeof value.host_id === 'number' ? value.host_id : undefined,
	};
}

/** Rules that tie several fields together and apply in every mode where the fields are set. */
function checkCommonRules(raw: Parsed, ctx: z.RefinementCtx, context: SchemaContext) {
	const value = parsedOnly(raw);
	if (value.start_time) {
		const startProblem = startTimeProblem(value.start_time, context.now());
		if (startProblem) addIssue(ctx, startProblem.problem, startProblem.fix, ['start_time']);
	}

	if (value.end_time && (value.end_time.second !== 0 || value.end_time.millisecond !== 0)) {
		addIssue(
			ctx,
			'must be a whole minute with zero seconds',
			'Round the end time to the minute, e.g. 10:15:00.',
			['end_time'],
		);
	}

	if (value.start_time && value.end_time) {
		const minutes = value.end_time.diff(value.start_time, 'minutes').minutes;
		const { min, max } = DURATION_MINUTES;
		if (minutes < min || minutes > max) {
			addIssue(
				ctx,
				`must be ${min} to ${max} minutes after the start time, but is ${Math.round(minutes)} minutes after it`,
				'Move the end time, or leave it empty and set the duration instead.',
				['end_time'],
			);
		}
	}

	if (value.kind === 'one_on_one' && value.interviewer_ids && value.interviewer_ids.length !== 1) {
		addIssue(
			ctx,
			`lists ${value.interviewer_ids.length} interviewers, but a one_on_one interview has exactly one`,
			`List one interviewer, or set ${fieldName(context.inputStyle, 'kind')} to panel.`,
			['interviewer_ids'],
		);
	}

	if (
		value.host_id !== undefined &&
		value.interviewer_ids &&
		!value.interviewer_ids.includes(value.host_id)
	) {
		addIssue(
			ctx,
			`is user ${value.host_id}, who is not one of the interviewers`,
			`Kula needs the Zoom host among the interviewers. Add the host to ${fieldName(context.inputStyle, 'interviewer_ids')}, or pick another host.`,
			['host_id'],
		);
	}
}

function requireDuration(value: Parsed, ctx: z.RefinementCtx, context: SchemaContext) {
	if (value.duration_minutes === undefined && value.end_time === undefined) {
		addIssue(
			ctx,
			'is required',
			`Enter the length in minutes, e.g. 45, or set ${fieldName(context.inputStyle, 'end_time')}.`,
			['duration_minutes'],
		);
	}
}

/** Builds the JSON body: Kula's field names, dates in UTC, blank fields left out. */
function toRequest(value: Record<string, unknown>): CreateInterviewRequest {
	const body: IDataObject = {};
	for (const [field, fieldValue] of Object.entries(value)) {
		if (field === 'application_id' || fieldValue === undefined) continue;
		body[field] = DateTime.isDateTime(fieldValue)
			? toKulaTimestamp(fieldValue)
			: (fieldValue as IDataObject[string]);
	}
	return { applicationId: value.application_id as number, body };
}

function interviewPlanSchema(context: SchemaContext) {
	return z
		.object({
			...commonShape(context),
			stage_activity_id: kulaId('11021'),
			// Everything below is inherited from the activity unless given, so each one is optional.
			kind: optional(oneOf(KINDS)),
			location: optional(oneOf(LOCATIONS)),
			duration_minutes: optional(durationMinutes),
			interviewer_ids: optional(interviewerIds),
			office_id: optional(kulaId('301')),
			host_id: optional(kulaId('202')),
			hackerrank_template_id: optional(kulaId('601')),
			candidate_template_id: optional(kulaId('401')),
			interviewer_template_id: optional(kulaId('402')),
		})
		.superRefine((value, ctx) => checkCommonRules(value, ctx, context))
		.transform(toRequest);
}

function adHocSchema(context: SchemaContext) {
	return z
		.object({
			...commonShape(context),
			kind: oneOf(KINDS),
			location: oneOf(LOCATIONS),
			duration_minutes: optional(durationMinutes),
			interviewer_ids: interviewerIds,
			candidate_template_id: kulaId('401'),
			interviewer_template_id: kulaId('402'),
			office_id: optional(kulaId('301')),
			host_id: optional(kulaId('202')),
			hackerrank_template_id: optional(kulaId('601')),
			// Kula honours a scorecard template only for ad hoc interviews.
			scorecard_template_id: optional(kulaId('501')),
		})
		.superRefine((value, ctx) => {
			checkCommonRules(value, ctx, context);
			requireDuration(value, ctx, context);
			const fields: Record<string, unknown> = value;
			const location = fieldName(context.inputStyle, 'location');
			for (const [place, field] of Object.entries(LOCATION_FIELDS)) {
				if (value.location === place && fields[field] === undefined) {
					addIssue(
						ctx,
						`is required when ${location} is ${place}`,
						`Set ${fieldName(context.inputStyle, field)}, or choose another ${location}.`,
						[field],
					);
				}
			}
		})
		.transform((value) => {
			// A location-specific ID that does not fit the chosen location is not sent.
			const relevant: Record<string, unknown> = { ...value };
			for (const [location, field] of Object.entries(LOCATION_FIELDS)) {
				if (relevant.location !== location) relevant[field] = undefined;
			}
			return toRequest(relevant);
		});
}

function externalSchema(context: SchemaContext) {
	return z
		.object({
			...commonShape(context),
			kind: oneOf(KINDS),
			duration_minutes: optional(durationMinutes),
			interviewer_ids: interviewerIds,
			// Kula sends no invites for external events, so location and templates are optional.
			location: optional(oneOf(LOCATIONS)),
			office_id: optional(kulaId('301')),
			hackerrank_template_id: optional(kulaId('601')),
			candidate_template_id: optional(kulaId('401')),
			interviewer_template_id: optional(kulaId('402')),
			external: z
				.object({
					video_conferencing_url: optional(webUrl),
					source: optional(freeText),
					event_id: optional(freeText),
				})
				.default({}),
		})
		.superRefine((value, ctx) => {
			checkCommonRules(value, ctx, context);
			requireDuration(value, ctx, context);
		})
		.transform(({ external, ...rest }) => {
			const request = toRequest(rest);
			request.body.external = { managed: true, ...withoutUndefined(external) };
			return request;
		});
}

function withoutUndefined(value: Record<string, unknown>): IDataObject {
	return Object.fromEntries(
		Object.entries(value).filter(([, fieldValue]) => fieldValue !== undefined),
	) as IDataObject;
}

/** Returns the schema of a scheduling mode, which turns an item's values into a create request. */
export function interviewSchema(mode: SchedulingMode, context: SchemaContext) {
	if (mode === 'interviewPlan') return interviewPlanSchema(context);
	if (mode === 'adHoc') return adHocSchema(context);
	return externalSchema(context);
}
