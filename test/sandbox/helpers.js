// @ts-check
'use strict';

/** Helpers shared by the sandbox tests: start a sandbox, call it over HTTP, build bodies. */

const { startSandbox } = require('../../sandbox');
const { API_KEYS } = require('../../sandbox/seed');

/** @typedef {import('../../sandbox').Sandbox} Sandbox */
/** @typedef {import('../../sandbox').SandboxOptions} SandboxOptions */

/**
 * @typedef {object} ApiResponse
 * @property {number} status
 * @property {Headers} headers
 * @property {any} body parsed JSON
 */

/**
 * Starts a sandbox on a free loopback port with rate limiting off unless the test sets it.
 * @param {SandboxOptions} [options]
 */
function startTestSandbox(options = {}) {
	return startSandbox({ port: 0, rateLimit: false, provisionDelayMs: 50, ...options });
}

/**
 * Sends a request to the sandbox and parses the JSON response.
 * @param {Sandbox} sandbox
 * @param {string} path path with query string, e.g. `/v1/jobs?limit=1`
 * @param {{ method?: string, body?: unknown, rawBody?: string, key?: string | null, headers?: Record<string, string> }} [options]
 *   `key` defaults to the Application API key; null sends no Authorization header
 * @returns {Promise<ApiResponse>}
 */
async function callApi(sandbox, path, options = {}) {
	const key = options.key === undefined ? API_KEYS.application : options.key;
	/** @type {Record<string, string>} */
	const headers = { 'Content-Type': 'application/json', ...options.headers };
	if (key !== null) {
		headers.Authorization = `Bearer ${key}`;
	}
	const body =
		options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const response = await fetch(`${sandbox.url}${path}`, {
		method: options.method ?? (body === undefined ? 'GET' : 'POST'),
		headers,
		body,
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text ? JSON.parse(text) : null,
	};
}

/**
 * Returns an ISO start time `daysAhead` days from now on a 15-minute boundary, plus
 * `extraMinutes`.
 * @param {{ daysAhead?: number, extraMinutes?: number }} [options]
 */
function futureStartTime({ daysAhead = 2, extraMinutes = 0 } = {}) {
	const quarterHourMs = 15 * 60_000;
	const aligned = Math.ceil(Date.now() / quarterHourMs) * quarterHourMs;
	return new Date(aligned + daysAhead * 86_400_000 + extraMinutes * 60_000)
		.toISOString()
		.replace('.000Z', 'Z');
}

/**
 * Returns a valid ad-hoc zoom panel body for application 1001.
 * @param {Record<string, unknown>} [overrides]
 */
function adHocBody(overrides = {}) {
	return {
		organizer_id: 201,
		start_time: futureStartTime(),
		timezone: 'America/Los_Angeles',
		kind: 'panel',
		location: 'zoom',
		duration_minutes: 45,
		interviewer_ids: [202, 203],
		host_id: 202,
		candidate_template_id: 401,
		interviewer_template_id: 402,
		...overrides,
	};
}

/**
 * Returns a valid plan-driven body for application 1001 using the zoom activity 11021.
 * @param {Record<string, unknown>} [overrides]
 */
function planBody(overrides = {}) {
	return {
		organizer_id: 201,
		start_time: futureStartTime(),
		timezone: 'Europe/Lisbon',
		stage_activity_id: 11021,
		...overrides,
	};
}

/**
 * Returns a valid external-event body for application 1001.
 * @param {Record<string, unknown>} [overrides]
 */
function externalBody(overrides = {}) {
	return {
		organizer_id: 201,
		start_time: futureStartTime(),
		timezone: 'Europe/Berlin',
		kind: 'one_on_one',
		duration_minutes: 30,
		interviewer_ids: [203],
		external: {
			managed: true,
			video_conferencing_url: 'https://meet.example.com/abc-defg-hij',
			source: 'Acme Scheduler',
			event_id: 'evt-42',
		},
		...overrides,
	};
}

/**
 * Posts a create-interview request.
 * @param {Sandbox} sandbox
 * @param {unknown} body
 * @param {number} [applicationId]
 */
function createInterview(sandbox, body, applicationId = 1001) {
	return callApi(sandbox, `/v1/applications/${applicationId}/interviews`, { body });
}

/** @param {number} ms */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = {
	API_KEYS,
	startTestSandbox,
	callApi,
	futureStartTime,
	adHocBody,
	planBody,
	externalBody,
	createInterview,
	sleep,
};
