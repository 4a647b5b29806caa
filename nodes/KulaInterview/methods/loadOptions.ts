import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

/** Lists the IANA zones this runtime knows, after an entry for the workflow's own zone. */
export async function getTimezones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const workflowZone = this.getTimezone();
	const zones = Intl.supportedValuesOf('timeZone').map((zone) => ({ name: zone, value: zone }));
	return [{ name: `Workflow Timezone (${workflowZone})`, value: '' }, ...zones];
}
