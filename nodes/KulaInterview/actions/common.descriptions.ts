import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { CALENDAR_VISIBILITIES, KINDS, LOCATIONS } from '../schemas/fields';

/**
 * Builds a resource locator for one Kula record, picked from a searchable list by default or
 * entered by its numeric ID. Without a list method (no Kula endpoint lists the records) it is ID
 * only.
 */
export function kulaLocator(
	options: Pick<INodeProperties, 'displayName' | 'name' | 'description'> &
		Partial<Pick<INodeProperties, 'required' | 'displayOptions' | 'hint'>> & {
			example: string;
			searchListMethod?: string;
		},
): INodeProperties {
	const { example, searchListMethod, ...property } = options;
	const validation = [
		{
			type: 'regex' as const,
			properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Enter a numeric Kula ID' },
		},
	];
	if (!searchListMethod) {
		return {
			type: 'resourceLocator',
			default: { mode: 'id', value: '' },
			modes: [
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: `e.g. ${example}`,
					validation,
				},
			],
			...property,
		};
	}
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${example}`,
				validation,
			},
		],
		...property,
	};
}

/** Builds the interviewer picker: Kula's active users, or IDs given by an expression. */
export function interviewersParameter(
	extra: Partial<Pick<INodeProperties, 'required' | 'displayOptions'>> = {},
): INodeProperties {
	return {
		displayName: 'Interviewer Names or IDs',
		name: 'interviewerIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getInterviewers' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Kula users who interview the candidate, 1 to 10. A One on One interview has exactly one.',
		...extra,
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
