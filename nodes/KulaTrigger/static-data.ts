import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/types';

/** The subscription this node registered for one webhook URL, with its signing secret. */
export interface StoredSubscription {
	id: string;
	secret: string;
	events: string[];
	/** False for a webhook someone made in Kula that the node adopted; those are never deleted. */
	createdByNode: boolean;
}

/**
 * Subscriptions are stored per webhook URL. The test URL (while the editor listens) and the
 * production URL (while the workflow is active) each get their own subscription, and static
 * data copied between the two must never make one delete the other's.
 */
export function storedSubscription(data: IDataObject, url: string): StoredSubscription | undefined {
	const all = isObject(data.subscriptions) ? data.subscriptions : {};
	const entry = all[url];
	if (!isObject(entry) || typeof entry.id !== 'string' || typeof entry.secret !== 'string') {
		return undefined;
	}
	const events = Array.isArray(entry.events) ? entry.events.map(String) : [];
	return {
		id: entry.id,
		secret: entry.secret,
		events,
		createdByNode: entry.createdByNode !== false,
	};
}

export function storeSubscription(
	data: IDataObject,
	url: string,
	subscription: StoredSubscription,
) {
	const all = isObject(data.subscriptions) ? data.subscriptions : {};
	data.subscriptions = { ...all, [url]: { ...subscription } };
}

export function forgetSubscription(data: IDataObject, url: string) {
	const all = isObject(data.subscriptions) ? { ...data.subscriptions } : {};
	delete all[url];
	if (Object.keys(all).length === 0) delete data.subscriptions;
	else data.subscriptions = all;
}
