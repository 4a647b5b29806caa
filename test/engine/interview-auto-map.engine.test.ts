import type { IDataObject } from 'n8n-workflow';

import {
	AD_HOC_ZOOM,
	kulaNode,
	locator,
	NODE_NAME,
	START,
	useInterviewSandbox,
} from './helpers/interview-sandbox';
import { outputOf } from './helpers/run-workflow';

const autoMap = kulaNode({ dataMode: 'autoMapInputData' });

/** The fields every mode needs, as a spreadsheet row would hold them. */
const row = {
	application_id: '1001',
	organizer_id: '201',
	start_time: START,
	timezone: 'Europe/Lisbon',
};

const adHocRow = {
	...row,
	kind: 'panel',
	location: 'zoom',
	duration_minutes: '45',
	interviewer_ids: '202, 203',
	host_id: '202',
	candidate_template_id: '401',
	interviewer_template_id: '402',
};

/** The same ad hoc interview as parameters of a node that maps each field itself. */
const adHocParameters = {
	applicationId: locator('1001'),
	organizerId: locator('201'),
	startTime: START,
	timezone: 'Europe/Lisbon',
	...AD_HOC_ZOOM,
};

describe('Kula Interview taking Kula field names from the input', () => {
	const { run, createCalls, onlyError } = useInterviewSandbox();

	it('infers each scheduling mode from the item', async () => {
		const items = [
			{ json: { ...row, stage_activity_id: 11021, candidate_name: 'Ada' } },
			{ json: adHocRow },
			{
				json: {
					...row,
					organizer_id: 204,
					kind: 'one_on_one',
					duration_minutes: 30,
					interviewer_ids: [203],
					external: { source: 'Calendar Sync', event_id: 'evt-7', managed: 'TRUE' },
				},
			},
		];

		const result = await run(autoMap, items);

		expect(result.status).toBe('success');
		const output = outputOf(result, NODE_NAME);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const bodies = createCalls().map((request) => request.body as IDataObject);
		// Keys that are not Kula fields stay out of the request.
		expect(bodies[0]).toEqual({
			organizer_id: 201,
			start_time: START,
			timezone: 'Europe/Lisbon',
			stage_activity_id: 11021,
		});
		expect(bodies[1]).toMatchObject({ location: 'zoom', host_id: 202, duration_minutes: 45 });
		expect(bodies[1]).not.toHaveProperty('stage_activity_id');
		expect(bodies[2].external).toEqual({
			managed: true,
			source: 'Calendar Sync',
			event_id: 'evt-7',
		});
		expect(output[2].json.external).toMatchObject({ managed: true, event_id: 'evt-7' });
	});

	it('reads flat external columns from a spreadsheet row', async () => {
		const result = await run(autoMap, [
			{
				json: {
					...row,
					kind: 'one_on_one',
					duration_minutes: 30,
					interviewer_ids: '203',
					stage_activity_id: '',
					'external.video_conferencing_url': 'https://meet.example.com/abc',
					'external.event_id': 'evt-8',
				},
			},
		]);

		expect(result.status).toBe('success');
		expect((createCalls()[0].body as IDataObject).external).toEqual({
			managed: true,
			video_conferencing_url: 'https://meet.example.com/abc',
			event_id: 'evt-8',
		});
	});

	it('sends the same request as the node with each field mapped', async () => {
		await run(autoMap, [{ json: adHocRow }]);
		await run(kulaNode(adHocParameters));

		const [fromItem, fromParameters] = createCalls().map((request) => request.body);
		expect(fromItem).toEqual(fromParameters);
	});

	it.each([
		[
			'a missing field',
			{ ...adHocRow, host_id: '' },
			// An expression, because n8n itself stops a run whose required parameter is empty.
			{ ...adHocParameters, hostId: locator('={{ $json.none }}') },
			'Input field "host_id" is required when location is zoom [item 0]',
			'Conference Host is required when Location is zoom [item 0]',
		],
		[
			'a value Kula would reject',
			{ ...adHocRow, interviewer_ids: '202, 203, 202' },
			{ ...adHocParameters, interviewerIds: '202, 203, 202' },
			'Input field "interviewer_ids" lists user 202 twice [item 0]',
			'Interviewer Names or IDs lists user 202 twice [item 0]',
		],
		[
			'a start time off the quarter hour',
			{ ...adHocRow, start_time: START.replace(':00:00', ':10:00') },
			{ ...adHocParameters, startTime: START.replace(':00:00', ':10:00') },
			'Input field "start_time" must fall on a 15-minute boundary',
			'Start Time must fall on a 15-minute boundary',
		],
	])(
		'rejects %s with the same problem in both input styles',
		async (_case, item, parameters, fromItem, fromParameters) => {
			await run(autoMap, [{ json: item }]);
			const itemError = onlyError();
			jest.clearAllMocks();
			await run(kulaNode(parameters));
			const parameterError = onlyError();

			expect(itemError.message).toContain(fromItem);
			expect(parameterError.message).toContain(fromParameters);
			expect(itemError.description).toBe(
				String(parameterError.description)
					.replace('Set Conference Host', 'Set host_id')
					.replace('choose another Location', 'choose another location'),
			);
			expect(createCalls()).toHaveLength(0);
		},
	);

	it('rejects an item with both activity and external', async () => {
		const result = await run(
			kulaNode({ dataMode: 'autoMapInputData' }, { onError: 'continueRegularOutput' }),
			[
				{ json: { ...row, stage_activity_id: 11021, external: { event_id: 'evt-9' } } },
				{ json: { ...row, stage_activity_id: 11021 } },
			],
		);

		const output = outputOf(result, NODE_NAME);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json.error).toBe(
			'The input item has both stage_activity_id and external, so its scheduling mode is unclear [item 0]',
		);
		expect(output[1].json.application_id).toBe(1001);
		expect(createCalls()).toHaveLength(1);
	});
});
