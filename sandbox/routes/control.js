// @ts-check
'use strict';

/**
 * Control routes under `/_sandbox/`, for tests and demos. They are not part of Kula's API,
 * need no key and are not rate limited.
 */

const { ApiError } = require('../errors');

/** @typedef {import('../server').Route} Route */

/** @type {Route[]} */
const routes = [
	{
		// The request log of the /v1 API, oldest first.
		method: 'GET',
		pattern: /^\/_sandbox\/requests$/,
		handler: (_request, { store }) => ({
			status: 200,
			body: { data: structuredClone(store.requests) },
		}),
	},
	{
		// Every webhook delivery with its attempts, oldest first.
		method: 'GET',
		pattern: /^\/_sandbox\/deliveries$/,
		handler: (_request, { store }) => ({
			status: 200,
			body: { data: structuredClone(store.deliveries) },
		}),
	},
	{
		method: 'POST',
		pattern: /^\/_sandbox\/reset$/,
		handler: (_request, context) => {
			context.reset();
			return { status: 200, body: { data: { reset: true } } };
		},
	},
	{
		// The core settings under `data` and the webhook settings beside them under `webhooks`,
		// so that `data` keeps the shape it had before webhooks existed.
		method: 'GET',
		pattern: /^\/_sandbox\/config$/,
		handler: (_request, { config, webhookConfig }) => ({
			status: 200,
			body: { data: { ...config }, webhooks: { ...webhookConfig } },
		}),
	},
	{
		// Body: any of `rateLimit` ({ limit, windowSeconds } or false), `provisionDelayMs`,
		// `durationRule` ('newest' or 'older'), `webhookRetryScale`, `webhookTimeoutMs`,
		// `duplicateDeliveries` and `webhookEventsField`. Changing the rate limit resets its
		// window. The response has the shape of GET.
		method: 'PUT',
		pattern: /^\/_sandbox\/config$/,
		handler: ({ body }, context) => {
			try {
				const config = context.updateConfig(/** @type {Record<string, unknown>} */ (body));
				return { status: 200, body: { data: config, webhooks: { ...context.webhookConfig } } };
			} catch (error) {
				if (error instanceof TypeError) {
					throw new ApiError(400, 'ERR_INVALID_CONFIG', error.message);
				}
				throw error;
			}
		},
	},
];

module.exports = { routes };
