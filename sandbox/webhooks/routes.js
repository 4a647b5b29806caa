// @ts-check
'use strict';

/**
 * Webhook routes under /v1/webhooks. The paths follow Kula's MCP server
 * (kula-ai/kula-mcp-server src/tools/webhooks.ts) and the webhook guides D9, D12, D13 and D14
 * (developers.kula.ai "Webhook setup", "Retry policy", "Testing webhooks" and "Monitoring
 * webhooks"). Lists use the list envelope with `page` and `limit` (D4, developers.kula.ai
 * "Pagination"), except the delivery logs, which D14 documents as `{ logs, pagination }`.
 *
 * ASSUMPTION: every single-object response uses the `{ data, meta }` envelope. NOTE: the
 * test_webhook tool of Kula's MCP server reads `test_id` and `status` from the top level of
 * the test responses, so clients should read `body.data ?? body`.
 */

const { listEnvelope, readPaging, singleEnvelope } = require('../envelope');
const { notFound } = require('../errors');
const { readEnumParam } = require('../query');
const { EVENT_TYPES, sampleEnvelope } = require('./payloads');
const { newSigningSecret } = require('./signing');
const { createSubscription, toWebhook, updateSubscription } = require('./subscriptions');

/** @typedef {import('../server').Route} Route */
/** @typedef {import('../server').RouteRequest} RouteRequest */
/** @typedef {import('../server').RouteResult} RouteResult */
/** @typedef {import('../context').SandboxContext} SandboxContext */
/** @typedef {import('./delivery').Delivery} Delivery */

/** D14: the statuses of the delivery log filter. */
const DELIVERY_STATUSES = /** @type {const} */ (['pending', 'delivered', 'failed']);

/**
 * @param {string} id
 * @param {SandboxContext} context
 */
function findSubscription(id, context) {
	const subscription = context.store.webhooks.get(id);
	if (!subscription) {
		throw notFound(`Webhook ${id} not found`);
	}
	return subscription;
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function listWebhooks(request, context) {
	const paging = readPaging(request.query.get('page'), request.query.get('limit'));
	// ASSUMPTION: oldest first. Kula documents no order.
	const webhooks = [...context.store.webhooks.values()].map(toWebhook);
	return { status: 200, body: listEnvelope(webhooks, paging) };
}

/**
 * Creates a webhook. The secret appears in this response and in regenerate-secret, never
 * elsewhere. ASSUMPTION: Kula returns it here. Whether it does is not documented.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function createWebhook(request, context) {
	const subscription = createSubscription(asObject(request.body), {
		eventsField: context.webhookConfig.webhookEventsField,
		now: new Date(),
	});
	context.store.webhooks.set(subscription.id, subscription);
	context.log(`webhook ${subscription.id} created for ${subscription.url}`);
	return {
		status: 201,
		body: singleEnvelope({ ...toWebhook(subscription), secret: subscription.secret }),
	};
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function getWebhook(request, context) {
	const subscription = findSubscription(request.params.id, context);
	return { status: 200, body: singleEnvelope(toWebhook(subscription)) };
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function updateWebhook(request, context) {
	const subscription = findSubscription(request.params.id, context);
	updateSubscription(subscription, asObject(request.body), {
		eventsField: context.webhookConfig.webhookEventsField,
		now: new Date(),
	});
	return { status: 200, body: singleEnvelope(toWebhook(subscription)) };
}

/**
 * ASSUMPTION: 200 with `{ id, deleted: true }`. Kula documents no response. Pending
 * deliveries of the webhook fail, and its log stays readable in the store.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function deleteWebhook(request, context) {
	const subscription = findSubscription(request.params.id, context);
	context.store.webhooks.delete(subscription.id);
	context.deliverer.stopPending(subscription.id, `webhook ${subscription.id} was deleted`);
	context.log(`webhook ${subscription.id} deleted`);
	return { status: 200, body: singleEnvelope({ id: subscription.id, deleted: true }) };
}

/**
 * D12: `POST /v1/webhooks/{id}/enable` re-enables a disabled webhook. Enabling an active one
 * changes nothing but `updated_at`.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function enableWebhook(request, context) {
	const subscription = findSubscription(request.params.id, context);
	context.deliverer.enableSubscription(subscription);
	return { status: 200, body: singleEnvelope(toWebhook(subscription)) };
}

/**
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function disableWebhook(request, context) {
	const subscription = findSubscription(request.params.id, context);
	if (subscription.status === 'active') {
		context.deliverer.disableSubscription(subscription, 'disabled_via_api');
	}
	return { status: 200, body: singleEnvelope(toWebhook(subscription)) };
}

/**
 * MCP rotate_webhook_secret. Retries of pending deliveries are signed with the new secret.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function regenerateSecret(request, context) {
	const subscription = findSubscription(request.params.id, context);
	subscription.secret = newSigningSecret();
	subscription.updated_at = new Date().toISOString();
	return {
		status: 200,
		body: singleEnvelope({ ...toWebhook(subscription), secret: subscription.secret }),
	};
}

/**
 * D13 and MCP test_webhook: queues a `ping` and returns its test ID at once.
 * ASSUMPTION: 202, because the delivery happens after the response.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function testWebhook(request, context) {
	const subscription = findSubscription(request.params.id, context);
	const delivery = context.deliverer.sendTest(subscription);
	return {
		status: 202,
		body: singleEnvelope({ test_id: delivery.test_id, status: delivery.status }),
	};
}

/**
 * D13 and MCP test_webhook: the status of a test delivery, `pending` until its one attempt
 * ended, then `delivered` or `failed` with `response_code` and `response_time_ms`.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function getTestResult(request, context) {
	const subscription = findSubscription(request.params.id, context);
	const { testId } = request.params;
	const delivery = context.store.deliveries.find(
		(entry) => entry.webhook_id === subscription.id && entry.test_id === testId,
	);
	if (!delivery) {
		throw notFound(`Test ${testId} of webhook ${subscription.id} not found`);
	}
	return {
		status: 200,
		body: singleEnvelope({
			test_id: testId,
			webhook_id: subscription.id,
			status: delivery.status,
			response_code: delivery.response_code,
			response_time_ms: delivery.response_time_ms,
			error: delivery.error,
			created_at: delivery.created_at,
			completed_at: delivery.completed_at,
		}),
	};
}

/**
 * D14: delivery logs, filtered by `status` and `event`, newest first. The response is D14's
 * `{ logs, pagination: { page, total_pages } }` instead of the list envelope.
 * @param {RouteRequest} request
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function listLogs(request, context) {
	const subscription = findSubscription(request.params.id, context);
	const { query } = request;
	const { page, limit } = readPaging(query.get('page'), query.get('limit'));
	const status = readEnumParam(query, 'status', DELIVERY_STATUSES);
	const event = query.get('event');

	const logs = context.store.deliveries
		.filter(
			(delivery) =>
				delivery.webhook_id === subscription.id &&
				(status === undefined || delivery.status === status) &&
				(!event || delivery.event === event),
		)
		.reverse();
	const start = (page - 1) * limit;
	return {
		status: 200,
		body: {
			logs: structuredClone(logs.slice(start, start + limit)),
			pagination: { page, total_pages: Math.ceil(logs.length / limit) },
		},
	};
}

/**
 * Lists the subscribable event types (D9 and MCP list_webhook_events). ASSUMPTION: `limit`
 * defaults to 100, the maximum, so one page contains every event type, because the MCP tool
 * sends no paging parameters.
 * @param {RouteRequest} request
 * @returns {RouteResult}
 */
function listEventTypes(request) {
	const paging = readPaging(request.query.get('page'), request.query.get('limit') || '100');
	return { status: 200, body: listEnvelope(structuredClone([...EVENT_TYPES]), paging) };
}

/**
 * Returns a sample envelope for one event type (MCP get_webhook_sample_payload).
 * @param {RouteRequest} request
 * @returns {RouteResult}
 */
function getSample(request) {
	const { eventType } = request.params;
	const envelope = sampleEnvelope(eventType, new Date());
	if (envelope === null) {
		throw notFound(`Unknown event type ${eventType}. GET /v1/webhooks/events lists the valid ones`);
	}
	return { status: 200, body: singleEnvelope(envelope) };
}

/**
 * Returns the request body as a record. The server parses every POST and PATCH body into an
 * object before a handler runs.
 * @param {unknown} body
 * @returns {Record<string, unknown>}
 */
function asObject(body) {
	return /** @type {Record<string, unknown>} */ (body ?? {});
}

/**
 * The fixed paths `events` and `sample` come before the `:id` routes, which would match them.
 * @type {Route[]}
 */
const routes = [
	{ method: 'GET', pattern: /^\/v1\/webhooks\/events$/, handler: listEventTypes },
	{ method: 'GET', pattern: /^\/v1\/webhooks\/sample\/(?<eventType>[^/]+)$/, handler: getSample },
	{ method: 'GET', pattern: /^\/v1\/webhooks$/, handler: listWebhooks },
	{ method: 'POST', pattern: /^\/v1\/webhooks$/, handler: createWebhook },
	{ method: 'GET', pattern: /^\/v1\/webhooks\/(?<id>[^/]+)$/, handler: getWebhook },
	{ method: 'PATCH', pattern: /^\/v1\/webhooks\/(?<id>[^/]+)$/, handler: updateWebhook },
	{ method: 'DELETE', pattern: /^\/v1\/webhooks\/(?<id>[^/]+)$/, handler: deleteWebhook },
	{ method: 'POST', pattern: /^\/v1\/webhooks\/(?<id>[^/]+)\/enable$/, handler: enableWebhook },
	{ method: 'POST', pattern: /^\/v1\/webhooks\/(?<id>[^/]+)\/disable$/, handler: disableWebhook },
	{
		method: 'POST',
		pattern: /^\/v1\/webhooks\/(?<id>[^/]+)\/regenerate-secret$/,
		handler: regenerateSecret,
	},
	{ method: 'POST', pattern: /^\/v1\/webhooks\/(?<id>[^/]+)\/test$/, handler: testWebhook },
	{
		method: 'GET',
		pattern: /^\/v1\/webhooks\/(?<id>[^/]+)\/test\/(?<testId>[^/]+)$/,
		handler: getTestResult,
	},
	{ method: 'GET', pattern: /^\/v1\/webhooks\/(?<id>[^/]+)\/logs$/, handler: listLogs },
];

module.exports = { routes, DELIVERY_STATUSES };
