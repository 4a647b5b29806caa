import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { CALENDAR_VISIBILITIES, KINDS, LOCATIONS } from '../schemas/fields';

/** A resource locator for one Kula record, entered by its numeric ID. */
export function idLocator(
	options: Pick<INodeProperties, 'displayName' | 'name' | 'description'> &
		Partial<Pick<INodeProperties, 'required' | 'displayOptions'>> & { example: string },
): INodeProperties {
	const { example, ...property } = options;
	return {
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${example}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Enter a numeric Kula ID' },
					},
				],
			},
		],
		...property,
	};
}

const KIND_OPTIONS: Record<(typeof KINDS)[number], INodePropertyOptions> = {
	one_on_one: {
		name: 'One on One',
		value: 'one_on_one',
		description: 'One interviewer meets the candidate',
	},
	panel: { name: 'Panel', value: 'panel', description: 'Several interviewers meet the candidate' },
};

const LOCATION_NAMES: Record<(typeof LOCATIONS)[number], string> = {
	google_meet: 'Google Meet',
	hackerrank: 'HackerRank',
	microsoft_teams: 'Microsoft Teams',
	onsite: 'Onsite',
	phone: 'Phone',
	zoom: 'Zoom',
};

export const kindOptions = KINDS.map((kind) => KIND_OPTIONS[kind]);

export const locationOptions: INodePropertyOptions[] = [...LOCATIONS]
	.sort((a, b) => LOCATION_NAMES[a].localeCompare(LOCATION_NAMES[b]))
	.map((location) => ({ name: LOCATION_NAMES[location], value: location }));

export const calendarVisibilityOptions: INodePropertyOptions[] = CALENDAR_VISIBILITIES.map(
	(visibility) => ({
		name: visibility === 'default' ? 'Default' : 'Private',
		value: visibility,
	}),
);

export const interviewerIdsDescription =
	'Kula user IDs of the interviewers, separated by commas (1 to 10). A One on One interview has exactly one.';
