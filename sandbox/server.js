// @ts-check
'use strict';

const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { authenticate, redactKeys } = require('./auth');
const { errorEnvelope } = require('./envelope');
const { ApiError, notFound } = require('./errors');
const { rateLimitHeaders, retryAfterSeconds } = require('./rate-limit');
const { SEED } = require('./seed');
const controlRoutes = require('./routes/control');
const interviewRoutes = require('./routes/interviews');
const lookupRoutes = require('./routes/lookups');
const webhookRoutes = require('./webhooks/routes');

/** @typedef {import('./context').SandboxContext} SandboxContext */

/**
 * @typedef {object} RouteRequest
 * @property {Record<string, string>} params named groups of the route pattern
 * @property {URLSearchParams} query
 * @property {unknown} body parsed JSON object for POST, PUT and PATCH, else undefined
 */

/**
 * @typedef {object} RouteResult
 * @property {number} status
 * @property {unknown} body serialized as JSON
 * @property {Record<string, string>} [headers]
 */

/**
 * @typedef {object} Route
 * @property {'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} method
 * @property {RegExp} pattern matched against the whole path, with named groups as params
 * @property {(request: RouteRequest, context: SandboxContext) => RouteResult} handler
 */

/** @type {Route[]} */
const API_ROUTES = [...interviewRoutes.routes, ...lookupRoutes.routes, ...webhookRoutes.routes];

/** Maximum request body size. ASSUMPTION: Kula documents none; 1 MiB fits any create call. */
const MAX_BODY_BYTES = 1024 * 1024;

const BODY_METHODS = ['POST', 'PUT', 'PATCH'];

/**
 * Creates the HTTP server of one sandbox instance. It does not listen yet.
 * @param {SandboxContext} context
 */
function createSandboxServer(context) {
	return http.createServer((request, response) => {
		handleRequest(request, response, context).catch((error) => {
			context.logError(`sandbox: failed to send a response: ${describeError(error)}`);
			response.destroy();
		});
	});
}

/**
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 * @param {SandboxContext} context
 */
async function handleRequest(request, response, context) {
	const startedAt = performance.now();
	const time = new Date().toISOString();
	const method = request.method ?? 'GET';
	// The base only completes the relative request target, and nothing connects to it.
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const path = url.pathname;
	const isControl = path === '/_sandbox' || path.startsWith('/_sandbox/');

	/** @type {RequestBody | undefined} */
	let body;
	/** @type {RouteResult} */
	let result;
	try {
		body = await readBody(request);
		const call = { method, path, query: url.searchParams, body };
		if (isControl) {
			result = dispatchControl(call, context);
		} else if (path === '/v1' || path.startsWith('/v1/')) {
			result = dispatchApi(call, request.headers.authorization, context);
		} else {
			throw notFound(`No route for ${method} ${path}. API paths start with /v1`);
		}
	} catch (error) {
		result = errorResult(error, context);
	}

	response.writeHead(result.status, {
		'Content-Type': 'application/json; charset=utf-8',
		...result.headers,
	});
	response.end(JSON.stringify(result.body));

	const durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
	context.log(redactKeys(`${method} ${path} ${result.status} ${durationMs}ms`));
	if (!isControl) {
		context.store.logRequest({
			time,
			method,
			path: redactKeys(path),
			query: redactKeys(url.search),
			status: result.status,
			error_code: readErrorCode(result.body),
			duration_ms: durationMs,
			authorization_present: request.headers.authorization !== undefined,
			...(BODY_METHODS.includes(method) ? { body: redactSecret(parseJsonOrNull(body)) } : {}),
		});
	}
}

/**
 * @typedef {object} Call
 * @property {string} method
 * @property {string} path
 * @property {URLSearchParams} query
 * @property {RequestBody} body
 */

/**
 * @typedef {object} RequestBody
 * @property {string} text the body as UTF-8 text, empty when it exceeded MAX_BODY_BYTES
 * @property {boolean} oversized whether the body exceeded MAX_BODY_BYTES
 */

/**
 * Runs a `/v1` request: authentication (D2, developers.kula.ai "Authentication"), the rate
 * limit (D5, developers.kula.ai "Rate limiting"), then the route. Every response, errors
 * included, carries the D5 rate-limit headers while the limit is on.
 * @param {Call} call
 * @param {string | undefined} authorization
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function dispatchApi(call, authorization, context) {
	// ASSUMPTION: a request rejected by authentication is not counted. Its headers show the
	// seeded account's window, the only account the sandbox has.
	let rateState = context.rateLimiter.peek(SEED.accountId);
	try {
		const { accountId } = authenticate(authorization);

		// D5: the limit is per account and counts every authenticated request, lookups included.
		rateState = context.rateLimiter.consume(accountId);
		if (rateState && !rateState.allowed) {
			const retryAfter = retryAfterSeconds(rateState, Date.now());
			throw new ApiError(
				429,
				'ERR_RATE_LIMIT_EXCEEDED',
				`Rate limit of ${rateState.limit} requests exceeded. Retry after ${retryAfter} seconds.`,
				{ meta: { retry_after: retryAfter }, headers: { 'Retry-After': String(retryAfter) } },
			);
		}

		const result = runRoute(API_ROUTES, call, context);
		return withHeaders(result, rateState ? rateLimitHeaders(rateState) : {});
	} catch (error) {
		const result = errorResult(error, context);
		return withHeaders(result, rateState ? rateLimitHeaders(rateState) : {});
	}
}

/**
 * Runs a `/_sandbox` control request. Control routes need no key and are not rate limited.
 * @param {Call} call
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function dispatchControl(call, context) {
	return runRoute(controlRoutes.routes, call, context);
}

/**
 * @param {Route[]} routes
 * @param {Call} call
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function runRoute(routes, call, context) {
	for (const route of routes) {
		const match = route.method === call.method ? route.pattern.exec(call.path) : null;
		if (match) {
			const body = BODY_METHODS.includes(call.method) ? parseJsonObject(call.body) : undefined;
			return route.handler({ params: { ...match.groups }, query: call.query, body }, context);
		}
	}
	// ASSUMPTION: an unknown path or a known path with another method is 404 ERR_NOT_FOUND.
	throw notFound(`No route for ${call.method} ${call.path}`);
}

/**
 * Parses a request body that must be a JSON object. An empty body counts as `{}`.
 * ASSUMPTION: 400 ERR_INVALID_JSON, because Kula documents no error for a malformed body, and
 * 413 ERR_PAYLOAD_TOO_LARGE for an oversized one.
 * @param {RequestBody} body
 * @returns {Record<string, unknown>}
 */
function parseJsonObject(body) {
	if (body.oversized) {
		throw new ApiError(
			413,
			'ERR_PAYLOAD_TOO_LARGE',
			`Request body exceeds the sandbox maximum of ${MAX_BODY_BYTES} bytes`,
		);
	}
	const rawBody = body.text;
	if (rawBody.trim() === '') {
		return {};
	}
	/** @type {unknown} */
	let value;
	try {
		value = JSON.parse(rawBody);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new ApiError(400, 'ERR_INVALID_JSON', `Request body is not valid JSON: ${reason}`);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new ApiError(400, 'ERR_INVALID_JSON', 'Request body must be a JSON object');
	}
	return /** @type {Record<string, unknown>} */ (value);
}

/** @param {RequestBody | undefined} body */
function parseJsonOrNull(body) {
	try {
		return body?.text ? JSON.parse(body.text) : null;
	} catch {
		return null;
	}
}

/**
 * Replaces a top-level `secret`, the signing secret a webhook create call may send, so that
 * the request log never stores it.
 * @param {unknown} value parsed request body
 */
function redactSecret(value) {
	if (value !== null && typeof value === 'object' && 'secret' in value) {
		return { ...value, secret: '[redacted]' };
	}
	return value;
}

/**
 * Reads the whole request body as UTF-8 text. An oversized body is drained and dropped, so the
 * route can reject it after authentication.
 * @param {http.IncomingMessage} request
 * @returns {Promise<RequestBody>}
 */
function readBody(request) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		request.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) {
				chunks.push(chunk);
			}
		});
		request.on('end', () => {
			const oversized = size > MAX_BODY_BYTES;
			resolve({ text: oversized ? '' : Buffer.concat(chunks).toString('utf8'), oversized });
		});
		request.on('error', reject);
	});
}

/**
 * Turns an ApiError into its envelope. Any other error is a sandbox bug, so it is logged and
 * returned as 500 ERR_INTERNAL.
 * @param {unknown} error
 * @param {SandboxContext} context
 * @returns {RouteResult}
 */
function errorResult(error, context) {
	if (error instanceof ApiError) {
		return {
			status: error.status,
			body: errorEnvelope(error.code, error.message, error.meta),
			headers: error.headers,
		};
	}
	context.logError(`sandbox: internal error: ${describeError(error)}`);
	return {
		status: 500,
		body: errorEnvelope('ERR_INTERNAL', 'Internal sandbox error. See the sandbox log'),
	};
}

/**
 * @param {RouteResult} result
 * @param {Record<string, string>} headers
 * @returns {RouteResult}
 */
function withHeaders(result, headers) {
	return { ...result, headers: { ...headers, ...result.headers } };
}

/** @param {unknown} body */
function readErrorCode(body) {
	const error = /** @type {{ error?: { code?: unknown } } | null} */ (body)?.error;
	return typeof error?.code === 'string' ? error.code : null;
}

/** @param {unknown} error */
function describeError(error) {
	return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

module.exports = { createSandboxServer, MAX_BODY_BYTES };
