import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { kulaApiRequest } from '../../shared/transport';
import { isObject } from '../../shared/types';
import { LIST_PAGE_SIZE } from './listSearch';
import { personName } from './records';

/** Lists the IANA zones this runtime supports, after an entry for the workflow's own zone. */
export async function getTimezones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const workflowZone = this.getTimezone();
	const zones = Intl.supportedValuesOf('timeZone').map((zone) => ({ name: zone, value: zone }));
	return [{ name: `Workflow Timezone (${workflowZone})`, value: '' }, ...zones];
}

/**
 * Lists Kula's active users for the interviewer picker: the first page of 100 (one request).
 * Kula's user list is paged and n8n's multi-select loads once, so a larger account needs an
 * expression with the IDs for users past the first page.
 */
export async function getInterviewers(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const body = await kulaApiRequest.call(
		this,
		{ method: 'GET', path: '/v1/users', qs: { page: 1, limit: LIST_PAGE_SIZE } },
		{ action: 'load the users' },
	);
	const data = isObject(body) && Array.isArray(body.data) ? body.data : [];
	return data.filter(isObject).map((user) => ({ name: personName(user), value: Number(user.id) }));
}
