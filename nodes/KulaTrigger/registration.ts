import { randomBytes } from 'crypto';
import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { getBaseUrl, LOOPBACK_HOSTS } from '../shared/transport';
import {
	forgetSubscription,
	storedSubscription,
	storeSubscription,
	type StoredSubscription,
} from './static-data';
import {
	createSubscription,
	deleteSubscription,
	enableSubscription,
	listSubscriptions,
	sameEvents,
	updateSubscriptionEvents,
} from './subscriptions';

function isManual(context: IHookFunctions): boolean {
	return context.getNodeParameter('registration', 'automatic') === 'manual';
}

function selectedEvents(context: IHookFunctions): string[] {
	return context.getNodeParameter('events', []) as string[];
}

/**
 * Returns this node's webhook URL, or throws before any request when Kula could not reach it.
 * Kula delivers only to public HTTPS addresses; a loopback URL is accepted only while the
 * credential points at a sandbox on this machine too.
 */
async function reachableWebhookUrl(context: IHookFunctions): Promise<string> {
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		throw new NodeOperationError(context.getNode(), 'n8n gave this trigger no webhook URL');
	}
	const baseHost = new URL(await getBaseUrl.call(context)).hostname;
	if (LOOPBACK_HOSTS.test(baseHost)) return url;

	const { protocol, hostname } = new URL(url);
	if (protocol !== 'https:' || LOOPBACK_HOSTS.test(hostname)) {
		throw new NodeOperationError(context.getNode(), `Kula cannot deliver webhooks to ${url}`, {
			description:
				'Kula sends events only to a public HTTPS address. Set N8N_WEBHOOK_URL (WEBHOOK_URL in older n8n versions) to the HTTPS address through which the internet reaches this n8n (for example a reverse proxy or a tunnel), with the same value in every n8n process, then activate the workflow again.',
		});
	}
	return url;
}

function subscriptionName(context: IHookFunctions): string {
	const workflow = context.getWorkflow();
	return `n8n: ${workflow.name ?? `workflow ${workflow.id}`}`.slice(0, 255);
}

/**
 * Looks for a subscription that already delivers this node's events to this node's URL and
 * adopts it, re-enabling it when Kula disabled it. Nothing is ever deleted here.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (isManual(this)) return true;
	const url = await reachableWebhookUrl(this);
	const events = selectedEvents(this);
	const data = this.getWorkflowStaticData('node');
	const stored = storedSubscription(data, url);

	const atUrl = (await listSubscriptions.call(this)).filter(
		(subscription) => subscription.url === url,
	);
	const ours = stored ? atUrl.find((subscription) => subscription.id === stored.id) : undefined;
	const signingSecret =
		((await this.getCredentials('kulaApi')).webhookSigningSecret as string) ?? '';

	let adopted: StoredSubscription | undefined;
	let enabled: boolean | undefined;
	if (ours && stored) {
		if (!sameEvents(ours.events, events)) {
			await updateSubscriptionEvents.call(this, ours.id, events);
		}
		adopted = { ...stored, events };
		enabled = ours.enabled;
	} else {
		const match = atUrl.find((subscription) => sameEvents(subscription.events, events));
		if (match && signingSecret !== '') {
			adopted = { id: match.id, secret: signingSecret, events, createdByNode: false };
			enabled = match.enabled;
		} else if (match) {
			this.logger.warn(
				`Kula webhook subscription ${match.id} already delivers to ${url}, but its signing secret is unknown here, so a new subscription is created. Delete the old one in Kula (Settings, Webhooks).`,
			);
		}
	}

	if (!adopted) {
		if (stored) forgetSubscription(data, url);
		return false;
	}
	if (enabled === false) await enableSubscription.call(this, adopted.id);
	storeSubscription(data, url, adopted);
	return true;
}

/** Registers a subscription with a secret generated here, so verification never depends on Kula returning one. */
export async function create(this: IHookFunctions): Promise<boolean> {
	if (isManual(this)) return true;
	const url = await reachableWebhookUrl(this);
	const events = selectedEvents(this);
	const secret = randomBytes(32).toString('hex');

	const created = await createSubscription.call(this, {
		name: subscriptionName(this),
		url,
		events,
		secret,
	});
	storeSubscription(this.getWorkflowStaticData('node'), url, {
		id: created.id,
		secret,
		events,
		createdByNode: true,
	});
	return true;
}

/**
 * Deletes only the subscription this node created for its URL; a 404 counts as deleted. An
 * adopted webhook that someone made in Kula is forgotten but left in place.
 */
export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	if (isManual(this)) return true;
	const url = this.getNodeWebhookUrl('default');
	if (!url) return true;
	const data = this.getWorkflowStaticData('node');
	const stored = storedSubscription(data, url);
	if (!stored) return true;

	if (stored.createdByNode) await deleteSubscription.call(this, stored.id);
	else this.logger.info(`Kula webhook ${stored.id} was made in Kula, so it is left in place`);
	forgetSubscription(data, url);
	return true;
}
