import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { envelopeToItem, parseEnvelope } from './envelope';
import { PING_EVENT } from './events';
import { verifySignature } from './signature';
import { claimEvent } from './recent-events';
import { storedSubscription } from './static-data';

/** Sends the HTTP response to Kula directly, so n8n sends none of its own. */
function respond(
	context: IWebhookFunctions,
	status: number,
	message: string,
): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message }).end();
	return { noWebhookResponse: true };
}

/** Returns the secret of the subscription that delivers to this URL, or the credential's for manual setups. */
async function signingSecret(context: IWebhookFunctions): Promise<string | undefined> {
	const url = context.getNodeWebhookUrl('default');
	const manual = context.getNodeParameter('registration', 'automatic') === 'manual';
	if (!manual && url) {
		const stored = storedSubscription(context.getWorkflowStaticData('node'), url);
		if (stored) return stored.secret;
	}
	const credentials = await context.getCredentials('kulaApi');
	const secret = credentials.webhookSigningSecret;
	return typeof secret === 'string' && secret !== '' ? secret : undefined;
}

function rawBodyOf(context: IWebhookFunctions): Buffer | undefined {
	const rawBody = (context.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(rawBody)) return rawBody;
	return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : undefined;
}

/**
 * Handles one delivery: signature, then envelope, then event filter, then duplicates. Only a
 * signed, well-formed, selected and new event starts a run, and every delivery gets its HTTP
 * response from here.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const secret = await signingSecret(this);
	// NOTE: one benchmark delivery sent within a second of activation got this 401, because n8n
	// had not saved the new secret yet. Kula does not retry a 4xx, so such a delivery is lost.
	if (!secret) {
		this.logger.warn('Kula Trigger rejected a delivery: no signing secret is known for this URL');
		return respond(this, 401, 'Unknown signing secret');
	}

	const rawBody = rawBodyOf(this);
	if (!rawBody) return respond(this, 400, 'Empty body');

	const check = verifySignature({
		rawBody,
		header: this.getHeaderData()['x-kula-signature'] as string | undefined,
		secret,
		nowSeconds: Math.floor(Date.now() / 1000),
	});
	if (!check.valid) {
		this.logger.warn(`Kula Trigger rejected a delivery: ${check.reason}`);
		return respond(this, 401, 'Invalid signature');
	}

	const parsed = parseEnvelope(rawBody);
	if (!parsed.ok) {
		this.logger.warn(`Kula Trigger rejected a delivery: ${parsed.reason}`);
		return respond(this, 400, 'Not a Kula event');
	}
	const { envelope } = parsed;

	if (envelope.event === PING_EVENT) return respond(this, 200, 'Ping received');

	const events = this.getNodeParameter('events', []) as string[];
	if (!events.includes(envelope.event)) return respond(this, 200, 'Event not selected');

	if (!claimEvent(this.getWorkflowStaticData('node'), envelope.event_id, Date.now())) {
		this.logger.info(`Kula Trigger skipped event ${envelope.event_id}: it was delivered before`);
		return respond(this, 200, 'Duplicate event');
	}

	const output = this.getNodeParameter('output', 'data') as string;
	const json: IDataObject =
		output === 'envelope'
			? { ...(envelope as IDataObject), headers: this.getHeaderData() as IDataObject }
			: envelopeToItem(envelope);

	// Responding here makes n8n save the static data, which now contains this event id, as soon
	// as webhook() returns and before it starts the run. n8n 2.41.1 clears its change flag when
	// the run starts (WorkflowRunner wraps the same static data in a new Workflow), so a save
	// after that point would skip the write. The save lands just after this 200, so a copy sent
	// the moment the 200 arrives can still miss the id (see claimEvent).
	respond(this, 200, 'Event received');
	return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(json)] };
}
