// @ts-check
'use strict';

const {
	adHocBody,
	callApi,
	createInterview,
	externalBody,
	futureStartTime,
	planBody,
	startTestSandbox,
} = require('./helpers');

/** @type {import('../../sandbox').Sandbox} */
let sandbox;

beforeAll(async () => {
	// A long delay keeps provisioning out of these tests; provisioning.test.js covers it.
	sandbox = await startTestSandbox({ provisionDelayMs: 60_000 });
});

beforeEach(() => {
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
});

describe('plan-driven create', () => {
	test('inherits the activity setup', async () => {
		const start = futureStartTime();
		const response = await createInterview(sandbox, planBody({ start_time: start }));

		expect(response.status).toBe(201);
		expect(response.body.meta.request_id).toMatch(/^req_/);
		expect(response.body.data).toMatchObject({
			id: 9001,
			application_id: 1001,
			job_id: 101,
			candidate_id: 5001,
			stage_id: 1102,
			stage_activity_id: 11021,
			organizer_id: 201,
			interviewer_ids: [202, 203],
			name: 'System Design Interview',
			kind: 'panel',
			location: 'zoom',
			host_id: 202,
			office_id: null,
			candidate_template_id: 401,
			interviewer_template_id: 402,
			scorecard_template_id: 502,
			start_time: start,
			duration_minutes: 60,
			timezone: 'Europe/Lisbon',
			meeting_status: 'not_started',
			video_conferencing_url: null,
			calendar_event_visibility: 'default',
			ai_note_taker_enabled: true,
			ai_scorecard_assist_enabled: true,
			external: null,
		});
		expect(Date.parse(response.body.data.end_time) - Date.parse(start)).toBe(60 * 60_000);
	});

	test('overrides win over the activity', async () => {
		const response = await createInterview(
			sandbox,
			planBody({
				stage_activity_id: 11022,
				office_id: 302,
				name: 'Onsite with the platform team',
				duration_minutes: 120,
				interviewer_ids: [206, 209],
				ai_note_taker_enabled: true,
				calendar_event_visibility: 'private',
			}),
		);

		expect(response.status).toBe(201);
		expect(response.body.data).toMatchObject({
			stage_id: 1102,
			location: 'onsite',
			office_id: 302,
			name: 'Onsite with the platform team',
			duration_minutes: 120,
			interviewer_ids: [206, 209],
			ai_note_taker_enabled: true,
			calendar_event_visibility: 'private',
		});
	});

	test('scorecard_template_id is ignored', async () => {
		const response = await createInterview(sandbox, planBody({ scorecard_template_id: 501 }));

		expect(response.status).toBe(201);
		expect(response.body.data.scorecard_template_id).toBe(502);
	});

	test('location override drops inherited host', async () => {
		const response = await createInterview(sandbox, planBody({ location: 'phone' }));

		expect(response.status).toBe(201);
		expect(response.body.data.location).toBe('phone');
		expect(response.body.data.host_id).toBeNull();
	});

	test('hackerrank activity inherits its template', async () => {
		const response = await createInterview(sandbox, planBody({ stage_activity_id: 11031 }));

		expect(response.status).toBe(201);
		expect(response.body.data).toMatchObject({
			stage_id: 1103,
			kind: 'one_on_one',
			location: 'hackerrank',
			hackerrank_template_id: 601,
			interviewer_ids: [206],
		});
	});

	test('end_time overrides inherited duration', async () => {
		const start = futureStartTime();
		const end = futureStartTime({ extraMinutes: 50 });
		const response = await createInterview(sandbox, planBody({ start_time: start, end_time: end }));

		expect(response.status).toBe(201);
		expect(response.body.data.duration_minutes).toBe(50);
		expect(response.body.data.end_time).toBe(end);
	});
});

describe('ad-hoc create', () => {
	test('uses the current stage and given setup', async () => {
		const response = await createInterview(sandbox, adHocBody({ scorecard_template_id: 501 }));

		expect(response.status).toBe(201);
		expect(response.body.data).toMatchObject({
			stage_id: 1101,
			stage_activity_id: null,
			name: 'Panel interview',
			kind: 'panel',
			location: 'zoom',
			host_id: 202,
			duration_minutes: 45,
			interviewer_ids: [202, 203],
			scorecard_template_id: 501,
			ai_note_taker_enabled: false,
			ai_scorecard_assist_enabled: false,
			external: null,
		});
	});

	test('one-on-one phone gets its default name', async () => {
		const response = await createInterview(
			sandbox,
			adHocBody({ kind: 'one_on_one', location: 'phone', interviewer_ids: [204], host_id: null }),
		);

		expect(response.status).toBe(201);
		expect(response.body.data.name).toBe('One-on-one interview');
		expect(response.body.data.host_id).toBeNull();
	});

	test('onsite with office, hackerrank with template', async () => {
		const onsite = await createInterview(
			sandbox,
			adHocBody({ location: 'onsite', office_id: 301, host_id: undefined }),
		);
		const hackerrank = await createInterview(
			sandbox,
			adHocBody({
				kind: 'one_on_one',
				location: 'hackerrank',
				interviewer_ids: [206],
				hackerrank_template_id: 602,
				host_id: undefined,
			}),
		);

		expect(onsite.status).toBe(201);
		expect(onsite.body.data.office_id).toBe(301);
		expect(hackerrank.status).toBe(201);
		expect(hackerrank.body.data.hackerrank_template_id).toBe(602);
	});

	test('offset start_time is stored in UTC', async () => {
		const utcStart = futureStartTime();
		const localMs = Date.parse(utcStart) + 2 * 3_600_000;
		const offsetStart = new Date(localMs).toISOString().replace('.000Z', '+02:00');
		const response = await createInterview(sandbox, adHocBody({ start_time: offsetStart }));

		expect(response.status).toBe(201);
		expect(response.body.data.start_time).toBe(utcStart);
	});

	test('end_time wins over duration_minutes', async () => {
		const start = futureStartTime();
		const response = await createInterview(
			sandbox,
			adHocBody({
				start_time: start,
				duration_minutes: 30,
				end_time: futureStartTime({ extraMinutes: 7 }),
			}),
		);

		expect(response.status).toBe(201);
		expect(response.body.data.duration_minutes).toBe(7);
	});

	test('newest rule allows 5 minutes', async () => {
		const response = await createInterview(sandbox, adHocBody({ duration_minutes: 5 }));

		expect(response.status).toBe(201);
	});

	test('IDs count up from 9001', async () => {
		const first = await createInterview(sandbox, adHocBody());
		const second = await createInterview(sandbox, adHocBody());

		expect(first.body.data.id).toBe(9001);
		expect(second.body.data.id).toBe(9002);
	});
});

describe('external create', () => {
	test('stores the record with its URL', async () => {
		const response = await createInterview(sandbox, externalBody());

		expect(response.status).toBe(201);
		expect(response.body.data).toMatchObject({
			stage_id: 1101,
			stage_activity_id: null,
			kind: 'one_on_one',
			location: null,
			candidate_template_id: null,
			interviewer_template_id: null,
			video_conferencing_url: 'https://meet.example.com/abc-defg-hij',
			external: {
				managed: true,
				video_conferencing_url: 'https://meet.example.com/abc-defg-hij',
				source: 'Acme Scheduler',
				event_id: 'evt-42',
			},
		});
	});

	test('organizer needs no calendar', async () => {
		const response = await createInterview(sandbox, externalBody({ organizer_id: 204 }));

		expect(response.status).toBe(201);
		expect(response.body.data.organizer_id).toBe(204);
	});

	test('zoom needs no host', async () => {
		const response = await createInterview(
			sandbox,
			externalBody({ location: 'zoom', kind: 'panel', interviewer_ids: [203, 206] }),
		);

		expect(response.status).toBe(201);
		expect(response.body.data.host_id).toBeNull();
	});

	test('works with a plan activity', async () => {
		const response = await createInterview(sandbox, planBody({ external: { managed: true } }));

		expect(response.status).toBe(201);
		expect(response.body.data).toMatchObject({
			stage_id: 1102,
			stage_activity_id: 11021,
			kind: 'panel',
			video_conferencing_url: null,
			external: { managed: true, video_conferencing_url: null, source: null, event_id: null },
		});
	});
});

describe('create request errors', () => {
	test('unknown application is 404', async () => {
		const response = await createInterview(sandbox, adHocBody(), 9999);

		expect(response.status).toBe(404);
		expect(response.body.error.code).toBe('ERR_NOT_FOUND');
	});

	test('malformed JSON is 400', async () => {
		const response = await callApi(sandbox, '/v1/applications/1001/interviews', {
			method: 'POST',
			rawBody: '{"organizer_id": 201,',
		});

		expect(response.status).toBe(400);
		expect(response.body.error.code).toBe('ERR_INVALID_JSON');
	});

	test('array body is 400', async () => {
		const response = await createInterview(sandbox, [adHocBody()]);

		expect(response.status).toBe(400);
		expect(response.body.error.code).toBe('ERR_INVALID_JSON');
	});

	test('oversized body is 413', async () => {
		const response = await callApi(sandbox, '/v1/applications/1001/interviews', {
			method: 'POST',
			rawBody: JSON.stringify(adHocBody({ name: 'x'.repeat(1024 * 1024) })),
		});

		expect(response.status).toBe(413);
		expect(response.body.error.code).toBe('ERR_PAYLOAD_TOO_LARGE');
		expect(sandbox.store.interviews.size).toBe(0);
	});

	test('failed create stores nothing', async () => {
		await createInterview(sandbox, adHocBody({ duration_minutes: 2 }));

		expect(sandbox.store.interviews.size).toBe(0);
	});
});

const past = new Date(Date.now() - 86_400_000);
past.setUTCMinutes(0, 0, 0);
const pastStart = past.toISOString().replace('.000Z', 'Z');
const start = futureStartTime();
const startDate = start.slice(0, 10);

/**
 * Every validation rule with a body that breaks it and a fragment of the expected message.
 * @type {Array<[string, Record<string, unknown>, string, number?]>}
 */
const VALIDATION_CASES = [
	// Field types and enums.
	['organizer_id type', adHocBody({ organizer_id: '201' }), 'organizer_id must be an integer'],
	[
		'interviewer_ids type',
		adHocBody({ interviewer_ids: [202, 'x'] }),
		'interviewer_ids must be an array of integers',
	],
	[
		'ai flag type',
		adHocBody({ ai_note_taker_enabled: 'yes' }),
		'ai_note_taker_enabled must be a boolean',
	],
	[
		'ai assist type',
		adHocBody({ ai_scorecard_assist_enabled: 1 }),
		'ai_scorecard_assist_enabled must be a boolean',
	],
	['external type', adHocBody({ external: 'yes' }), 'external must be an object'],
	['kind enum', adHocBody({ kind: 'group' }), 'kind must be one of one_on_one, panel'],
	['location enum', adHocBody({ location: 'skype' }), 'location must be one of'],
	[
		'visibility enum',
		adHocBody({ calendar_event_visibility: 'public' }),
		'calendar_event_visibility must be one of default, private',
	],

	// Always required.
	['organizer_id missing', adHocBody({ organizer_id: undefined }), 'organizer_id is required'],
	['start_time missing', planBody({ start_time: undefined }), 'start_time is required'],
	['timezone missing', externalBody({ timezone: undefined }), 'timezone is required'],

	// External object.
	[
		'external.managed false',
		externalBody({ external: { managed: false } }),
		'external.managed must be true',
	],
	[
		'external URL malformed',
		externalBody({ external: { managed: true, video_conferencing_url: 'not a url' } }),
		'external.video_conferencing_url must be a well-formed',
	],
	[
		'external URL scheme',
		externalBody({
			external: { managed: true, video_conferencing_url: 'ftp://files.example.com/x' },
		}),
		'external.video_conferencing_url must be a well-formed',
	],
	[
		'external.source type',
		externalBody({ external: { managed: true, source: 7 } }),
		'external.source must be a string',
	],
	[
		'external.event_id type',
		externalBody({ external: { managed: true, event_id: 42 } }),
		'external.event_id must be a string',
	],

	// Plan activity.
	[
		'activity of another job',
		planBody({ stage_activity_id: 12011 }),
		'stage_activity_id 12011 is not an activity in the interview plan of job 101',
	],
	[
		'unknown activity',
		planBody({ stage_activity_id: 99999 }),
		'stage_activity_id 99999 is not an activity',
	],

	// Ad-hoc required fields.
	['ad hoc kind', adHocBody({ kind: undefined }), 'kind is required for ad-hoc interviews'],
	[
		'ad hoc location',
		adHocBody({ location: undefined }),
		'location is required for ad-hoc interviews',
	],
	[
		'ad hoc duration',
		adHocBody({ duration_minutes: undefined }),
		'duration_minutes or end_time is required for ad-hoc interviews',
	],
	[
		'ad hoc interviewers',
		adHocBody({ interviewer_ids: undefined }),
		'interviewer_ids is required for ad-hoc interviews',
	],
	[
		'ad hoc candidate template',
		adHocBody({ candidate_template_id: undefined }),
		'candidate_template_id is required for ad-hoc interviews',
	],
	[
		'ad hoc interviewer template',
		adHocBody({ interviewer_template_id: undefined }),
		'interviewer_template_id is required for ad-hoc interviews',
	],

	// External required fields.
	['external kind', externalBody({ kind: undefined }), 'kind is required for external interviews'],
	[
		'external duration',
		externalBody({ duration_minutes: undefined }),
		'duration_minutes or end_time is required for external interviews',
	],
	[
		'external interviewers',
		externalBody({ interviewer_ids: undefined }),
		'interviewer_ids is required for external interviews',
	],
	[
		'external onsite office',
		externalBody({ location: 'onsite' }),
		'office_id is required when location is onsite',
	],

	// Location-specific fields.
	[
		'onsite office',
		adHocBody({ location: 'onsite', host_id: undefined }),
		'office_id is required when location is onsite',
	],
	['zoom host', adHocBody({ host_id: undefined }), 'host_id is required when location is zoom'],
	[
		'hackerrank template',
		adHocBody({ location: 'hackerrank', host_id: undefined }),
		'hackerrank_template_id is required when location is hackerrank',
	],
	[
		'plan override to zoom',
		planBody({ stage_activity_id: 11011, location: 'zoom' }),
		'host_id is required when location is zoom',
	],

	// start_time and timezone.
	[
		'start_time without offset',
		adHocBody({ start_time: `${startDate}T10:00:00` }),
		'start_time must be an ISO 8601 date-time with a UTC offset or Z',
	],
	[
		'start_time not a date',
		adHocBody({ start_time: 'next tuesday' }),
		'start_time must be an ISO 8601',
	],
	[
		'start_time impossible date',
		adHocBody({ start_time: '2031-02-30T10:00:00Z' }),
		'start_time must be an ISO 8601',
	],
	[
		'start_time off boundary',
		adHocBody({ start_time: `${startDate}T10:07:00Z` }),
		'start_time must fall on a 15-minute boundary (:00, :15, :30, :45) with zero seconds',
	],
	[
		'start_time with seconds',
		adHocBody({ start_time: `${startDate}T10:15:30Z` }),
		'start_time must fall on a 15-minute boundary',
	],
	[
		'start_time with fraction',
		adHocBody({ start_time: `${startDate}T10:15:00.500Z` }),
		'start_time must fall on a 15-minute boundary',
	],
	[
		'start_time in the past',
		adHocBody({ start_time: pastStart }),
		'start_time must be in the future',
	],
	[
		'timezone unknown',
		adHocBody({ timezone: 'Mars/Olympus_Mons' }),
		'timezone must be a valid IANA time zone name',
	],
	[
		'timezone as offset',
		adHocBody({ timezone: '+02:00' }),
		'timezone must be a valid IANA time zone name',
	],

	// Length.
	[
		'duration too short',
		adHocBody({ duration_minutes: 4 }),
		'duration_minutes must be between 5 and 1440, got 4',
	],
	[
		'duration too long',
		adHocBody({ duration_minutes: 1441 }),
		'duration_minutes must be between 5 and 1440, got 1441',
	],
	[
		'end_time malformed',
		adHocBody({ end_time: 'later' }),
		'end_time must be an ISO 8601 date-time',
	],
	[
		'end_time before start',
		adHocBody({ start_time: start, end_time: start }),
		'end_time must be after start_time',
	],
	[
		'end_time partial minute',
		adHocBody({
			start_time: start,
			end_time: futureStartTime({ extraMinutes: 10 }).replace(':00Z', ':30Z'),
		}),
		'end_time must be a whole number of minutes after start_time',
	],
	[
		'end_time too short',
		adHocBody({ start_time: start, end_time: futureStartTime({ extraMinutes: 3 }) }),
		'end_time must be between 5 and 1440 minutes after start_time',
	],
	[
		'end_time too long',
		adHocBody({ start_time: start, end_time: futureStartTime({ extraMinutes: 1445 }) }),
		'end_time must be between 5 and 1440 minutes after start_time',
	],

	// Name.
	['name too long', adHocBody({ name: 'x'.repeat(256) }), 'name must be at most 255 characters'],
	['name blank', adHocBody({ name: '   ' }), 'name must not be blank'],

	// Interviewers.
	[
		'no interviewers',
		adHocBody({ interviewer_ids: [] }),
		'interviewer_ids must contain between 1 and 10 user IDs, got 0',
	],
	[
		'eleven interviewers',
		adHocBody({
			location: 'phone',
			host_id: undefined,
			interviewer_ids: [201, 202, 203, 204, 206, 207, 208, 209, 210, 211, 212],
		}),
		'interviewer_ids must contain between 1 and 10 user IDs, got 11',
	],
	[
		'duplicate interviewers',
		adHocBody({ interviewer_ids: [202, 202] }),
		'interviewer_ids must not contain duplicates',
	],
	[
		'unknown interviewer',
		adHocBody({ interviewer_ids: [202, 999] }),
		'interviewer_ids contains 999, which is not a known user',
	],
	[
		'deactivated interviewer',
		adHocBody({ interviewer_ids: [202, 205] }),
		'interviewer_ids contains 205, which is a deactivated user',
	],
	[
		'one_on_one with two',
		adHocBody({ kind: 'one_on_one' }),
		'kind one_on_one requires exactly one interviewer in interviewer_ids, got 2',
	],
	[
		'plan one_on_one override',
		planBody({ kind: 'one_on_one' }),
		'kind one_on_one requires exactly one interviewer',
	],

	// Host, office, templates.
	[
		'host not a zoom host',
		adHocBody({ host_id: 203 }),
		'host_id 203 is not a Zoom conference host',
	],
	['host unknown', adHocBody({ host_id: 999 }), 'host_id 999 is not a Zoom conference host'],
	[
		'host not an interviewer',
		adHocBody({ host_id: 201 }),
		'host_id 201 must also be listed in interviewer_ids',
	],
	[
		'office unknown',
		adHocBody({ location: 'onsite', office_id: 399, host_id: undefined }),
		'office_id 399 is not a known office',
	],
	[
		'candidate template unknown',
		adHocBody({ candidate_template_id: 499 }),
		'candidate_template_id 499 is not a known email template',
	],
	[
		'interviewer template unknown',
		adHocBody({ interviewer_template_id: 498 }),
		'interviewer_template_id 498 is not a known email template',
	],
	[
		'scorecard template unknown',
		adHocBody({ scorecard_template_id: 599 }),
		'scorecard_template_id 599 is not a known scorecard template',
	],
	[
		'hackerrank template unknown',
		adHocBody({ location: 'hackerrank', hackerrank_template_id: 699, host_id: undefined }),
		'hackerrank_template_id 699 is not a known HackerRank template',
	],

	// Organizer.
	['organizer unknown', adHocBody({ organizer_id: 999 }), 'organizer_id 999 is not a known user'],
	[
		'organizer without calendar',
		adHocBody({ organizer_id: 204 }),
		'organizer_id 204 is not a valid organizer for job 101: the user has no connected Google or Microsoft calendar',
	],
	[
		'organizer without permission',
		adHocBody({ organizer_id: 203 }),
		'organizer_id 203 is not a valid organizer for job 101: the user lacks permission to manage candidates on the job',
	],
	[
		'organizer deactivated',
		adHocBody({ organizer_id: 205 }),
		'organizer_id 205 is not a valid organizer for job 101: the user is deactivated',
	],
	[
		'external organizer without permission',
		externalBody({ organizer_id: 203 }),
		'the user lacks permission to manage candidates on the job',
	],
	[
		'organizer of another job',
		adHocBody({ organizer_id: 202 }),
		'organizer_id 202 is not a valid organizer for job 102',
		1003,
	],

	// Application.
	['rejected application', adHocBody(), 'application 1004 is rejected', 1004],
];

describe('create validation rules', () => {
	// The default keeps the callback's length at 3, so jest does not treat the last parameter
	// as a `done` callback for the rows without an application ID.
	test.each(VALIDATION_CASES)('%s is 422', async (_name, body, message, applicationId = 1001) => {
		const response = await createInterview(sandbox, body, applicationId);

		expect(response.status).toBe(422);
		expect(response.body.error.code).toBe('ERR_VALIDATION_FAILED');
		expect(response.body.error.message).toContain(message);
	});

	test('older duration rule needs multiples of 15', async () => {
		const older = await startTestSandbox({ durationRule: 'older', provisionDelayMs: 60_000 });
		try {
			const twenty = await createInterview(older, adHocBody({ duration_minutes: 20 }));
			const five = await createInterview(older, adHocBody({ duration_minutes: 5 }));
			const fortyFive = await createInterview(older, adHocBody({ duration_minutes: 45 }));

			expect(twenty.status).toBe(422);
			expect(twenty.body.error.message).toContain(
				'duration_minutes must be a multiple of 15 between 15 and 1440',
			);
			expect(five.status).toBe(422);
			expect(fortyFive.status).toBe(201);
		} finally {
			await older.close();
		}
	});

	test('durationRule switches at runtime', async () => {
		const update = await callApi(sandbox, '/_sandbox/config', {
			key: null,
			method: 'PUT',
			body: { durationRule: 'older' },
		});
		const twenty = await createInterview(sandbox, adHocBody({ duration_minutes: 20 }));
		await callApi(sandbox, '/_sandbox/config', {
			key: null,
			method: 'PUT',
			body: { durationRule: 'newest' },
		});
		const twentyAgain = await createInterview(sandbox, adHocBody({ duration_minutes: 20 }));

		expect(update.body.data.durationRule).toBe('older');
		expect(twenty.status).toBe(422);
		expect(twentyAgain.status).toBe(201);
	});
});
