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
		method: 'POST',
		pattern: /^\/_sandbox\/reset$/,
		handler: (_request, context) => {
			context.reset();
			return { status: 200, body: { data: { reset: true } } };
		},
	},
	{
		method: 'GET',
		pattern: /^\/_sandbox\/config$/,
		handler: (_request, { config }) => ({ status: 200, body: { data: { ...config } } }),
	},
	{
		// Body: any of `rateLimit` ({ limit, windowSeconds } or false), `provisionDelayMs`
		// and `durationRule` ('newest' or 'older'). Changing the rate limit resets its window.
		method: 'PUT',
		pattern: /^\/_sandbox\/config$/,
		handler: ({ body }, context) => {
			try {
				const config = context.updateConfig(/** @type {Record<string, unknown>} */ (body));
				return { status: 200, body: { data: config } };
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
