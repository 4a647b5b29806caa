import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { receiveDelivery } from './delivery';
import { DEFAULT_EVENT, INTERVIEW_EVENTS } from './events';
import { checkExists, create, deleteWebhook } from './registration';

export class KulaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kula Trigger',
		name: 'kulaTrigger',
		icon: { light: 'file:../../icons/kula.svg', dark: 'file:../../icons/kula.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when Kula sends an interview event',
		defaults: { name: 'Kula Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kulaApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Kula needs a 2xx within 10 seconds, so the response goes out before the run finishes.
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: INTERVIEW_EVENTS,
				default: [DEFAULT_EVENT],
				description: 'The Kula events that start the workflow',
			},
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description:
							'Creates the Kula webhook when the workflow starts listening and deletes it afterwards',
					},
					{
						name: 'Manual',
						value: 'manual',
						description: 'You create the webhook in Kula yourself; n8n calls no Kula API',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					"In Kula, open Settings → Webhooks → Create Webhook, paste this node's Production URL, pick the same events, and copy the signing secret into the Webhook Signing Secret field of the Kula API credential. Deliveries without a valid signature are rejected.",
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'Resource With Event Fields',
						value: 'data',
						description:
							'The interview (or other resource) with event, event_id, event_created_at and account_id',
					},
					{
						name: 'Whole Envelope and Headers',
						value: 'envelope',
						description: "Kula's delivery as sent, with the request headers",
					},
				],
				default: 'data',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
