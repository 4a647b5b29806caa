import { NodeApiError, NodeOperationError, type IDataObject, type JsonObject } from 'n8n-workflow';

import { kulaErrorOf } from '../shared/errors';
import { kulaApiRequest, type KulaContext } from '../shared/transport';
import { isObject } from '../shared/types';

/**
 * The body field that carries the event list. Kula's sources disagree: its MCP server
 * (src/tools/webhooks.ts) sends `subscribed_events`, the webhook setup guide's curl example
 * sends `events`. The first is tried first; a 400 or 422 that names it switches to the second.
 */
export const EVENT_LIST_FIELDS = ['subscribed_events', 'events'] as const;

/** Pages of 100 read when listing subscriptions; Kula's list limit is 100. */
const LIST_PAGE_SIZE = 100;
const MAX_LIST_PAGES = 10;

/** A Kula webhook subscription as far as the trigger needs it. */
export interface Subscription {
	id: string;
	url: string | undefined;
	events: string[];
	/** Undefined when the response has no field that shows whether it is enabled. */
	enabled: boolean | undefined;
}

function stringList(value: unknown): string[] | undefined {
	return Array.isArray(value) && value.every((entry) => typeof entry === 'string')
		? (value as string[])
		: undefined;
}

/**
 * Reads a subscription defensively: Kula documents no webhook object, so the event list may
 * sit under either documented name and the enabled state under `active`, `enabled` or
 * `status`.
 */
export function readSubscription(raw: unknown): Subscription | undefined {
	if (!isObject(raw) || (typeof raw.id !== 'string' && typeof raw.id !== 'number'))
		return undefined;
	const events = stringList(raw.subscribed_events) ?? stringList(raw.events) ?? [];
	let enabled: boolean | undefined;
	if (typeof raw.active === 'boolean') enabled = raw.active;
	else if (typeof raw.enabled === 'boolean') enabled = raw.enabled;
	else if (typeof raw.status === 'string') {
		enabled = ['active', 'enabled'].includes(raw.status.toLowerCase());
	}
	return {
		id: String(raw.id),
		url: typeof raw.url === 'string' ? raw.url : undefined,
		events,
		enabled,
	};
}

function unwrap(body: unknown): unknown {
	return isObject(body) && 'data' in body ? body.data : body;
}

export function sameEvents(a: string[], b: string[]): boolean {
	const left = [...new Set(a)].sort();
	const right = [...new Set(b)].sort();
	return left.length === right.length && left.every((event, index) => event === right[index]);
}

export async function listSubscriptions(this: KulaContext): Promise<Subscription[]> {
	const found: Subscription[] = [];
	for (let page = 1; page <= MAX_LIST_PAGES; page++) {
		const body = await kulaApiRequest.call(
			this,
			{ method: 'GET', path: '/v1/webhooks', qs: { page, limit: LIST_PAGE_SIZE } },
			{ action: 'list webhook subscriptions' },
		);
		const entries = unwrap(body);
		if (!Array.isArray(entries)) break;
		for (const entry of entries) {
			const subscription = readSubscription(entry);
			if (subscription) found.push(subscription);
		}
		const meta = isObject(body) && isObject(body.meta) ? body.meta : {};
		const totalPages = typeof meta.total_pages === 'number' ? meta.total_pages : undefined;
		if (entries.length < LIST_PAGE_SIZE || (totalPages !== undefined && page >= totalPages)) break;
	}
	return found;
}

function namesField(error: unknown, field: string): boolean {
	const { httpCode, message, code } = kulaErrorOf(error);
	if (httpCode !== '400' && httpCode !== '422') return false;
	return `${message ?? ''} ${code ?? ''}`.includes(field);
}

/**
 * Sends a create or update whose body carries the event list, under the first field name
 * Kula accepts. A 4xx means Kula processed nothing, so sending again is safe.
 */
async function sendWithEventList(
	context: KulaContext,
	request: { method: 'POST' | 'PATCH'; path: string; body: IDataObject; events: string[] },
	action: string,
): Promise<unknown> {
	for (const [index, field] of EVENT_LIST_FIELDS.entries()) {
		try {
			return await kulaApiRequest.call(
				context,
				{
					method: request.method,
					path: request.path,
					body: { ...request.body, [field]: request.events },
				},
				{ action },
			);
		} catch (error) {
			const next = EVENT_LIST_FIELDS[index + 1];
			// Re-wrapping returns the NodeApiError that kulaApiRequest threw, unchanged.
			if (next === undefined || !namesField(error, field)) {
				throw new NodeApiError(context.getNode(), error as JsonObject);
			}
			context.logger.info(`Kula rejected the field ${field}; sending the event list as ${next}`);
		}
	}
	throw new NodeOperationError(context.getNode(), 'Kula rejected every known event list field');
}

export async function createSubscription(
	this: KulaContext,
	subscription: { name: string; url: string; events: string[]; secret: string },
): Promise<Subscription> {
	const body = await sendWithEventList(
		this,
		{
			method: 'POST',
			path: '/v1/webhooks',
			body: {
				name: subscription.name,
				url: subscription.url,
				secret: subscription.secret,
				description:
					'Created by the n8n Kula Trigger node; n8n deletes it when the workflow stops.',
			},
			events: subscription.events,
		},
		'create the webhook subscription',
	);
	const created = readSubscription(unwrap(body));
	if (!created) {
		throw new NodeOperationError(
			this.getNode(),
			'Kula answered the webhook creation without a subscription id',
			{
				description:
					'Check in Kula (Settings, Webhooks) whether the webhook exists, and delete it before you try again.',
			},
		);
	}
	return created;
}

export async function updateSubscriptionEvents(this: KulaContext, id: string, events: string[]) {
	await sendWithEventList(
		this,
		{ method: 'PATCH', path: `/v1/webhooks/${encodeURIComponent(id)}`, body: {}, events },
		'update the webhook subscription',
	);
}

export async function enableSubscription(this: KulaContext, id: string) {
	await kulaApiRequest.call(
		this,
		{ method: 'POST', path: `/v1/webhooks/${encodeURIComponent(id)}/enable` },
		{ action: 're-enable the webhook subscription' },
	);
}

/** Deletes a subscription; one that Kula no longer has counts as deleted. */
export async function deleteSubscription(
	this: KulaContext,
	id: string,
): Promise<'deleted' | 'gone'> {
	try {
		await kulaApiRequest.call(
			this,
			{ method: 'DELETE', path: `/v1/webhooks/${encodeURIComponent(id)}` },
			{ action: 'delete the webhook subscription' },
		);
		return 'deleted';
	} catch (error) {
		if (kulaErrorOf(error).httpCode !== '404') {
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
		this.logger.info(`Kula webhook subscription ${id} was already gone`);
		return 'gone';
	}
}
