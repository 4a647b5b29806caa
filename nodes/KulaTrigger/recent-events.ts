import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/types';

/**
 * Kula retries a delivery for about 24 hours, so an event id is remembered for 25 hours. The
 * cap keeps static data small when events arrive in bulk.
 */
const EVENT_MEMORY_MS = 25 * 60 * 60 * 1000;
const MAX_REMEMBERED_EVENTS = 2000;

/**
 * Event ids per trigger (workflow and node) in this process. Static data is read from the
 * database once per request, so two copies of an event that arrive together both miss it. This
 * map is checked and updated without an await in between, which closes that gap in one process.
 */
const seenInProcess = new Map<string, Record<string, number>>();

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
 * Records an event id for a trigger and returns false when it was seen before, in this process
 * or in the workflow's static data. A repeat still starts a run when it reaches another n8n
 * process (queue mode with several webhook processors) before the first copy's static data
 * was saved, or after a restart that lost a save.
 */
export function claimEvent(
	staticData: IDataObject,
	triggerKey: string,
	eventId: string,
	nowMs: number,
): boolean {
	const inProcess = withinWindow(seenInProcess.get(triggerKey), nowMs);
	const stored = withinWindow(staticData.recentEventIds, nowMs);
	const seen = inProcess[eventId] !== undefined || stored[eventId] !== undefined;

	if (!seen) {
		inProcess[eventId] = nowMs;
		stored[eventId] = nowMs;
	}
	seenInProcess.set(triggerKey, newest(inProcess));
	staticData.recentEventIds = newest(stored);
	return !seen;
}
