import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Interview events from Kula's webhook payloads guide. The stored copy of Kula's event list
 * stops after interview.event.updated, so later interview events may exist that are not here.
 */
export const INTERVIEW_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Interview Availability Computed',
		value: 'interview.availability.computed',
		description: 'An interviewer-availability search has finished',
	},
	{
		name: 'Interview Event Created',
		value: 'interview.event.created',
		description:
			'The calendar event of an interview exists, conference URL included. Not sent for external calendar events.',
	},
	{
		name: 'Interview Event Updated',
		value: 'interview.event.updated',
		description: 'The calendar event changed: time, location, host, interviewers or AI settings',
	},
];

export const DEFAULT_EVENT = 'interview.event.created';

/** Kula's test deliveries use this event type; they never start a run. */
export const PING_EVENT = 'ping';
