import { NodeOperationError } from 'n8n-workflow';

import { readItemFields } from '../../nodes/KulaInterview/actions/interview/item-fields';
import { interviewNode } from './fixtures';

const row = { application_id: 1001, organizer_id: 201, start_time: '2027-01-15T09:30:00Z' };

const read = (json: Record<string, unknown>) =>
	readItemFields(interviewNode, json as Parameters<typeof readItemFields>[1], 4);

describe('readItemFields', () => {
	it('treats an item without an activity or external fields as ad hoc', () => {
		expect(read({ ...row, kind: 'panel', stage_activity_id: '  ' })).toEqual({
			mode: 'adHoc',
			values: { ...row, kind: 'panel', stage_activity_id: '  ' },
		});
	});

	it('treats an item with a stage_activity_id as from the interview plan', () => {
		expect(read({ ...row, stage_activity_id: 11021 }).mode).toBe('interviewPlan');
	});

	it('keeps only Kula field names', () => {
		const { values } = read({ ...row, candidate_name: 'Ada', row_number: 7, Kind: 'panel' });
		expect(values).toEqual(row);
	});

	it.each([
		['an external object', { external: { event_id: 'e1', managed: true } }, { event_id: 'e1' }],
		[
			'flat external columns',
			{ 'external.source': 'Sync', 'external.event_id': '' },
			{ source: 'Sync' },
		],
		['external set to true', { external: 'TRUE' }, {}],
		['a flat external.managed of TRUE', { 'external.managed': 'TRUE' }, {}],
	])('reads %s as an external event', (_case, fields, external) => {
		expect(read({ ...row, ...fields })).toEqual({
			mode: 'external',
			values: { ...row, external },
		});
	});

	it.each([
		['external false', { external: false }],
		['external an empty cell', { external: '' }],
		['external.managed false', { external: { managed: false } }],
		['a flat external.managed of FALSE', { 'external.managed': 'FALSE' }],
	])('reads %s as not external', (_case, fields) => {
		expect(read({ ...row, ...fields }).mode).toBe('adHoc');
	});

	it.each([
		['an object', { external: { managed: false, event_id: 'e1' } }],
		['flat columns', { 'external.managed': 'false', 'external.source': 'Sync' }],
	])('rejects external.managed false beside details in %s', (_case, fields) => {
		expect(() => read({ ...row, ...fields })).toThrow(
			'Input field "external.managed" is false, but the item has external event fields [item 4]',
		);
	});

	it('rejects an item with both activity and external', () => {
		expect(() => read({ ...row, stage_activity_id: 11021, external: {} })).toThrow(
			NodeOperationError,
		);
		expect(() => read({ ...row, stage_activity_id: 11021, external: {} })).toThrow(
			'The input item has both stage_activity_id and external, so its scheduling mode is unclear [item 4]',
		);
	});
});
