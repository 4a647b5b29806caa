import { NodeOperationError } from 'n8n-workflow';

import type { SchedulingMode } from '../../nodes/KulaInterview/schemas/fields';
import { buildCreateRequest } from '../../nodes/KulaInterview/schemas/validate';
import { interviewNode } from './fixtures';

const node = interviewNode;

const context = {
	workflowTimezone: 'Europe/Lisbon',
	now: () => Date.parse('2027-01-01T00:00:00Z'),
	inputStyle: 'parameters' as const,
};

const always = {
	application_id: '1001',
	organizer_id: 201,
	start_time: '2027-01-15T09:30:00',
	timezone: '',
};

const adHoc = {
	...always,
	kind: 'panel',
	location: 'zoom',
	duration_minutes: 45,
	interviewer_ids: '202, 203',
	host_id: '202',
	candidate_template_id: '401',
	interviewer_template_id: '402',
};

function build(mode: SchedulingMode, values: Record<string, unknown>, itemIndex = 0) {
	return buildCreateRequest(node, mode, values, context, itemIndex);
}

function failure(mode: SchedulingMode, values: Record<string, unknown>, itemIndex = 0) {
	try {
		build(mode, values, itemIndex);
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected validation to fail');
}

describe('interview plan mode', () => {
	it('sends only the required fields and the activity', () => {
		const request = build('interviewPlan', { ...always, stage_activity_id: '11021' });
		expect(request.applicationId).toBe(1001);
		expect(request.body).toEqual({
			organizer_id: 201,
			start_time: '2027-01-15T09:30:00Z',
			timezone: 'Europe/Lisbon',
			stage_activity_id: 11021,
		});
	});

	it('sends overrides only when set', () => {
		const request = build('interviewPlan', {
			...always,
			stage_activity_id: 11021,
			duration_minutes: 90,
			interviewer_ids: [206],
			kind: 'one_on_one',
			location: '',
			office_id: undefined,
		});
		expect(request.body).toMatchObject({
			duration_minutes: 90,
			interviewer_ids: [206],
			kind: 'one_on_one',
		});
		expect(request.body).not.toHaveProperty('location');
		expect(request.body).not.toHaveProperty('office_id');
	});

	it('ignores a scorecard template', () => {
		const request = build('interviewPlan', {
			...always,
			stage_activity_id: 11021,
			scorecard_template_id: 501,
		});
		expect(request.body).not.toHaveProperty('scorecard_template_id');
	});

	it('requires the stage activity', () => {
		const error = failure('interviewPlan', { ...always, stage_activity_id: '' });
		expect(error.message).toBe('Stage Activity is required [item 0]');
	});

	it('labels an override by its collection', () => {
		const error = failure('interviewPlan', {
			...always,
			stage_activity_id: 1,
			duration_minutes: 2,
		});
		expect(error.message).toContain('Duration (Minutes) (in Interview Plan Overrides)');
	});
});

describe('ad hoc mode', () => {
	it('builds the full body for zoom', () => {
		const request = build('adHoc', { ...adHoc, scorecard_template_id: '501', name: ' Design ' });
		expect(request.body).toEqual({
			organizer_id: 201,
			start_time: '2027-01-15T09:30:00Z',
			timezone: 'Europe/Lisbon',
			name: 'Design',
			kind: 'panel',
			location: 'zoom',
			duration_minutes: 45,
			interviewer_ids: [202, 203],
			candidate_template_id: 401,
			interviewer_template_id: 402,
			host_id: 202,
			scorecard_template_id: 501,
		});
	});

	it.each([
		['onsite', 'office_id', 'Office is required when Location is onsite'],
		['zoom', 'host_id', 'Conference Host is required when Location is zoom'],
		[
			'hackerrank',
			'hackerrank_template_id',
			'HackerRank Template ID is required when Location is hackerrank',
		],
	])('requires the %s field', (location, field, message) => {
		const values: Record<string, unknown> = { ...adHoc, location };
		delete values[field];
		expect(failure('adHoc', values).message).toBe(`${message} [item 0]`);
	});

	it('drops a location field that does not fit the location', () => {
		const request = build('adHoc', { ...adHoc, location: 'phone', office_id: 301 });
		expect(request.body).not.toHaveProperty('office_id');
		expect(request.body).not.toHaveProperty('host_id');
	});

	it('requires the host among the interviewers', () => {
		const error = failure('adHoc', { ...adHoc, host_id: 201 });
		expect(error.message).toBe(
			'Conference Host is user 201, who is not one of the interviewers [item 0]',
		);
		expect(error.description).toContain('Add the host to Interviewer Names or IDs');
	});

	it('needs exactly one interviewer for one_on_one', () => {
		const error = failure('adHoc', { ...adHoc, kind: 'one_on_one' });
		expect(error.message).toContain('a one_on_one interview has exactly one');
	});

	it.each([
		['', 'Interviewer Names or IDs is required'],
		['202, abc', 'Interviewer Names or IDs contains "abc", which is not a numeric Kula user ID'],
		['202, 202', 'Interviewer Names or IDs lists user 202 twice'],
		[
			Array.from({ length: 11 }, (_, n) => 300 + n),
			'Interviewer Names or IDs lists 11 interviewers, but Kula accepts 1 to 10',
		],
	])('checks interviewers %p', (interviewers, message) => {
		expect(failure('adHoc', { ...adHoc, interviewer_ids: interviewers }).message).toBe(
			`${message} [item 0]`,
		);
	});

	it.each([[4], [1441], [30.5], ['abc']])('rejects duration %p', (minutes) => {
		expect(failure('adHoc', { ...adHoc, duration_minutes: minutes }).message).toContain(
			'Duration (Minutes) must be a whole number of minutes from 5 to 1440',
		);
	});

	it('accepts an end time instead of a duration', () => {
		const request = build('adHoc', {
			...adHoc,
			duration_minutes: undefined,
			end_time: '2027-01-15T10:15:00',
		});
		expect(request.body.end_time).toBe('2027-01-15T10:15:00Z');
		expect(request.body).not.toHaveProperty('duration_minutes');
	});

	it('rejects an end time before the start', () => {
		const error = failure('adHoc', { ...adHoc, end_time: '2027-01-15T09:00:00' });
		expect(error.message).toContain('End Time (in Additional Fields) must be 5 to 1440 minutes');
	});

	it('rejects a name over 255 characters', () => {
		expect(failure('adHoc', { ...adHoc, name: 'x'.repeat(256) }).message).toContain(
			'Interview Name (in Additional Fields) is 256 characters long',
		);
	});

	it('rejects an unknown kind and location', () => {
		expect(failure('adHoc', { ...adHoc, kind: 'group' }).message).toContain(
			'Kind must be one of one_on_one, panel',
		);
		expect(failure('adHoc', { ...adHoc, location: 'skype' }).message).toContain(
			'Location must be one of',
		);
	});

	it('rejects an ID that is not a number', () => {
		const error = failure('adHoc', { ...adHoc, organizer_id: 'avery' }, 4);
		expect(error.message).toBe('Organizer must be a numeric Kula ID, but is "avery" [item 4]');
		expect(error.description).toContain('Enter a whole number such as 201');
	});

	it('lists every further problem in the description', () => {
		const error = failure('adHoc', { ...adHoc, organizer_id: '', timezone: 'Nowhere/City' });
		expect(error.message).toBe('Organizer is required [item 0]');
		expect(error.description).toContain('Also: Timezone must be an IANA time zone name');
	});
});

describe('start time and timezone', () => {
	it('uses the given timezone and the workflow timezone only for reading', () => {
		const request = build('adHoc', { ...adHoc, timezone: 'America/Chicago' });
		expect(request.body.timezone).toBe('America/Chicago');
		expect(request.body.start_time).toBe('2027-01-15T09:30:00Z');
	});

	it('rejects a start time off the boundary and names the fix', () => {
		const error = failure('adHoc', { ...adHoc, start_time: '2027-01-15T09:20:00' }, 2);
		expect(error.message).toBe(
			'Start Time must fall on a 15-minute boundary with zero seconds, but is 2027-01-15T09:20:00Z [item 2]',
		);
		expect(error.description).toContain(':00, :15, :30 or :45');
	});

	it('rejects a start time in the past', () => {
		expect(failure('adHoc', { ...adHoc, start_time: '2026-12-31T09:30:00Z' }).message).toContain(
			'Start Time must be in the future',
		);
	});

	it('rejects a UTC offset as timezone', () => {
		expect(failure('adHoc', { ...adHoc, timezone: '+01:00' }).message).toContain(
			'Timezone must be an IANA time zone name',
		);
	});

	it('sends the canonical zone spelling', () => {
		expect(build('adHoc', { ...adHoc, timezone: 'europe/lisbon' }).body.timezone).toBe(
			'Europe/Lisbon',
		);
	});

	it('rejects an end time with seconds', () => {
		expect(failure('adHoc', { ...adHoc, end_time: '2027-01-15T10:15:30' }).message).toContain(
			'End Time (in Additional Fields) must be a whole minute',
		);
	});

	it('counts an emoji as one character', () => {
		const name = `${'x'.repeat(254)}🎉`;
		expect(build('adHoc', { ...adHoc, name }).body.name).toBe(name);
	});

	it('rejects an unknown timezone', () => {
		expect(failure('adHoc', { ...adHoc, timezone: 'Mars/Base' }).message).toBe(
			'Timezone must be an IANA time zone name, but is "Mars/Base" [item 0]',
		);
	});
});

describe('external mode', () => {
	const external = {
		...always,
		kind: 'one_on_one',
		duration_minutes: 30,
		interviewer_ids: '203',
		external: {
			video_conferencing_url: 'https://meet.example.com/abc',
			source: 'Calendar Sync',
			event_id: 'evt-1',
		},
	};

	it('marks the event as managed elsewhere', () => {
		const request = build('external', external);
		expect(request.body).toEqual({
			organizer_id: 201,
			start_time: '2027-01-15T09:30:00Z',
			timezone: 'Europe/Lisbon',
			kind: 'one_on_one',
			duration_minutes: 30,
			interviewer_ids: [203],
			external: {
				managed: true,
				video_conferencing_url: 'https://meet.example.com/abc',
				source: 'Calendar Sync',
				event_id: 'evt-1',
			},
		});
	});

	it('leaves out blank external details', () => {
		const request = build('external', { ...external, external: { source: '', event_id: '' } });
		expect(request.body.external).toEqual({ managed: true });
	});

	it('needs no host for zoom', () => {
		expect(build('external', { ...external, location: 'zoom' }).body.location).toBe('zoom');
	});

	it('rejects a malformed URL', () => {
		const error = failure('external', {
			...external,
			external: { video_conferencing_url: 'meet dot example' },
		});
		expect(error.message).toBe(
			'Video Conferencing URL must be a web address starting with https:// or http://, but is "meet dot example" [item 0]',
		);
	});
});

describe('boolean fields', () => {
	it.each([
		['TRUE', true],
		[' false ', false],
		[true, true],
	])('reads %j as %s', (value, expected) => {
		const request = build('adHoc', { ...adHoc, ai_note_taker_enabled: value });
		expect(request.body.ai_note_taker_enabled).toBe(expected);
	});

	it('rejects a value that is not true or false', () => {
		expect(failure('adHoc', { ...adHoc, ai_note_taker_enabled: 'yes' }).message).toBe(
			'AI Note Taker (in Additional Fields) must be true or false, but is "yes" [item 0]',
		);
	});
});
