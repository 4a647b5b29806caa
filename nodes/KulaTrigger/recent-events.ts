import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/types';

/**
 * Kula calls its retries "about 24 h", but its delays (1 min to 16 h, each after the previous
 * attempt) add up to 26 h 36 min, so an event id is remembered for 27 hours. The cap keeps
 * static data small when events arrive in bulk.
 */
const EVENT_MEMORY_MS = 27 * 60 * 60 * 1000;
const MAX_REMEMBERED_EVENTS = 2000;

/** Returns the event ids seen within the memory window, dropping older ones. */
function withinWindow(seen: unknown, nowMs: number): Record<string, number> {
	const recentIds: Record<string, number> = {};
	for (const [id, at] of Object.entries(isObject(seen) ? seen : {})) {
		if (typeof at === 'number' && nowMs - at < EVENT_MEMORY_MS) recentIds[id] = at;
	}
	return recentIds;
}

function newest(seen: Record<string, number>): Record<string, number> {
	const entries = Object.entries(seen).sort(([, a], [, b]) => b - a);
	return Object.fromEntries(entries.slice(0, MAX_REMEMBERED_EVENTS));
}

/**
 * Records an event id in the workflow's static data and returns false when it is there already.
 * The static data is the only memory: nothing stays in the n8n process between deliveries,
 * because in queue mode each delivery may reach another webhook processor.
 *
 * n8n loads the static data from its database when a delivery arrives and saves it just after
 * the node has sent its response, with no lock in between. A copy that arrives after that save is
 * skipped, in any n8n process. A copy that arrives before it, at the same moment as the first or
 * sent as soon as the first 200 came back, starts a run as well.
 */
export function claimEvent(staticData: IDataObject, eventId: string, nowMs: number): boolean {
	const stored = withinWindow(staticData.recentEventIds, nowMs);
	const seen = stored[eventId] !== undefined;
	if (!seen) stored[eventId] = nowMs;
	staticData.recentEventIds = newest(stored);
	return !seen;
}
