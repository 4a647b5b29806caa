// @ts-check
'use strict';

/**
 * Clients for a running n8n 2.41.1 on 127.0.0.1: the internal REST API (`/rest`, cookie
 * authentication) for owner setup and API keys, and the public API (`/api/v1`, `X-N8N-API-KEY`)
 * for workflows and executions.
 */

const crypto = require('node:crypto');

const REQUEST_TIMEOUT_MS = 30_000;
/** n8n's public API returns at most 250 items per page (`MAX_ITEMS_PER_PAGE` in @n8n/api-types). */
const MAX_PAGE_SIZE = 250;

/**
 * @typedef {object} OwnerAccount
 * @property {string} email
 * @property {string} firstName
 * @property {string} lastName
 * @property {string} password At least 8 characters with a digit and an upper-case letter.
 */

/** Owner account of the throwaway instances of the tests and benchmarks. */
const DEFAULT_OWNER = {
	email: 'ci@example.com',
	firstName: 'CI',
	lastName: 'Owner',
	password: 'CiPassw0rd!',
};

/**
 * @typedef {object} RestSession
 * @property {string} baseUrl
 * @property {string} cookie The `n8n-auth=...` pair to send as the Cookie header.
 * @property {string} browserId n8n binds the auth cookie to this `browser-id` header value and
 *   returns 401 for a request that sends the cookie with another value.
 */

/**
 * One stored execution as `GET /api/v1/executions` returns it. `data` is present only with
 * `includeData=true`.
 *
 * @typedef {object} PublicExecution
 * @property {string | number} id
 * @property {string} workflowId
 * @property {string} mode For example `webhook`, `trigger` or `manual`.
 * @property {string} status For example `success`, `error` or `running`.
 * @property {boolean} finished
 * @property {string} startedAt
 * @property {string | null} stoppedAt
 * @property {any} [data] The run data: `data.resultData.runData[nodeName][0].data.main[0]`.
 */

/**
 * @typedef {object} PublicWorkflow
 * @property {string} id
 * @property {string} name
 * @property {boolean} active
 * @property {string | null} [activeVersionId]
 * @property {any[]} nodes
 * @property {Record<string, any>} connections
 * @property {Record<string, any>} [staticData]
 */

/**
 * @typedef {object} PublicApi
 * @property {string} baseUrl
 * @property {(workflowId: string) => Promise<PublicWorkflow>} getWorkflow
 * @property {(workflowId: string) => Promise<PublicWorkflow>} activateWorkflow Publishes the
 *   workflow's current version. n8n 2.41.1 registers its triggers and webhooks after the call
 *   returns, through a publication outbox (`N8N_USE_WORKFLOW_PUBLICATION_SERVICE`, on by
 *   default), so callers poll for the effect.
 * @property {(workflowId: string) => Promise<PublicWorkflow>} deactivateWorkflow Unpublishes the
 *   workflow. Its triggers and webhooks are removed after the call returns, as for activation.
 * @property {(workflowId: string, options?: { includeData?: boolean, status?: string }) => Promise<PublicExecution[]>} listExecutions
 *   Returns every stored execution of the workflow, newest first, following the cursor.
 * @property {(workflow: NewWorkflow) => Promise<PublicWorkflow>} createWorkflow Creates an
 *   inactive workflow, to which n8n gives a new id.
 * @property {(credential: NewCredential) => Promise<{ id: string, name: string, type: string }>} createCredential
 *   Creates a credential; n8n encrypts `data` with the instance's key.
 * @property {(executionId: string | number, options?: { includeData?: boolean }) => Promise<PublicExecution>} getExecution
 *   Returns one stored execution.
 */

/**
 * The fields of a workflow that the tests send to `POST /api/v1/workflows`. A workflow file's
 * `id`, `active` and `pinData` are left out.
 *
 * @typedef {object} NewWorkflow
 * @property {string} name
 * @property {any[]} nodes
 * @property {Record<string, any>} connections
 * @property {Record<string, any>} [settings]
 */

/**
 * @typedef {object} NewCredential
 * @property {string} name
 * @property {string} type Credential type name, e.g. `kulaApi`.
 * @property {Record<string, unknown>} data Plain values of the credential's fields.
 */

/**
 * Sends one request and returns the parsed JSON body. Rejects with the method, path, status and
 * the start of the body when the status is not 2xx.
 *
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: unknown }} [options]
 * @returns {Promise<{ response: Response, json: any }>}
 */
async function requestJson(url, { method = 'GET', headers = {}, body } = {}) {
	/** @type {Record<string, string>} */
	const allHeaders = { accept: 'application/json', ...headers };
	if (body !== undefined) allHeaders['content-type'] = 'application/json';
	const response = await fetch(url, {
		method,
		headers: allHeaders,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
	});
	const text = await response.text();
	if (!response.ok) {
		const path = new URL(url).pathname;
		throw new Error(`n8n ${method} ${path} failed with ${response.status}: ${text.slice(0, 500)}`);
	}
	return { response, json: text === '' ? undefined : JSON.parse(text) };
}

/**
 * Waits until the internal REST API returns 200 for `GET /rest/settings`, which needs no
 * authentication. n8n 1.123.81 reports readiness before it registers its REST routes, which
 * return 404 for a few seconds; n8n 2.41.1 registers them first.
 *
 * @param {string} baseUrl
 * @param {number} [timeoutMs]
 */
async function waitForRestApi(baseUrl, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(`${baseUrl}/rest/settings`, {
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		await response.arrayBuffer();
		if (response.ok) return;
		if (Date.now() > deadline) {
			throw new Error(
				`n8n GET /rest/settings still returned ${response.status} after ${timeoutMs / 1000}s`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * Creates the owner account of a fresh instance with `POST /rest/owner/setup`, which needs no
 * authentication and sets the `n8n-auth` cookie itself, so no login follows. Waits for the REST
 * API first (see `waitForRestApi`). Fails with 400 when the instance already has an owner.
 *
 * @param {string} baseUrl For example `http://127.0.0.1:5688`.
 * @param {OwnerAccount} [owner]
 * @returns {Promise<RestSession>}
 */
async function setUpOwner(baseUrl, owner = DEFAULT_OWNER) {
	await waitForRestApi(baseUrl);
	const browserId = crypto.randomUUID();
	const { response } = await requestJson(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'browser-id': browserId },
		body: owner,
	});
	const authCookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!authCookie) {
		throw new Error('n8n POST /rest/owner/setup returned no n8n-auth cookie');
	}
	return { baseUrl, cookie: authCookie, browserId };
}

/**
 * Sends a cookie-authenticated request to the internal REST API and returns its `data` field.
 *
 * @param {RestSession} session
 * @param {string} path Starting with `/rest/`.
 * @param {{ method?: string, body?: unknown }} [options]
 */
async function restRequest(session, path, { method = 'GET', body } = {}) {
	const { json } = await requestJson(`${session.baseUrl}${path}`, {
		method,
		headers: { cookie: session.cookie, 'browser-id': session.browserId },
		body,
	});
	return json?.data;
}

/**
 * Returns the type descriptions that the editor loads from `/types/nodes.json` or
 * `/types/credentials.json`: one object per node type version or credential type, with its
 * `name`. n8n 2.41.1 serves these files to signed-in users only.
 *
 * @param {RestSession} session
 * @param {'nodes' | 'credentials'} kind
 * @returns {Promise<Array<{ name: string, displayName: string }>>}
 */
async function fetchTypeDescriptions(session, kind) {
	const { json } = await requestJson(`${session.baseUrl}/types/${kind}.json`, {
		headers: { cookie: session.cookie, 'browser-id': session.browserId },
	});
	return json;
}

/**
 * Creates a public API key that never expires, with every scope the session's user may grant
 * (`GET /rest/api-keys/scopes`), and returns the raw key. n8n shows the raw key only in this
 * response.
 *
 * @param {RestSession} session
 * @param {string} [label]
 * @returns {Promise<string>}
 */
async function createApiKey(session, label = 'e2e') {
	/** @type {string[]} */
	const scopes = await restRequest(session, '/rest/api-keys/scopes');
	const created = await restRequest(session, '/rest/api-keys', {
		method: 'POST',
		body: { label, scopes, expiresAt: null },
	});
	if (typeof created?.rawApiKey !== 'string') {
		throw new Error('n8n POST /rest/api-keys returned no rawApiKey');
	}
	return created.rawApiKey;
}

/**
 * Returns a public API client that sends `apiKey` with every request.
 *
 * @param {string} baseUrl
 * @param {string} apiKey
 * @returns {PublicApi}
 */
function publicApiClient(baseUrl, apiKey) {
	/**
	 * @param {string} path Below `/api/v1`.
	 * @param {string} [method]
	 * @param {unknown} [body] Sent as JSON.
	 */
	const call = async (path, method = 'GET', body = undefined) => {
		const { json } = await requestJson(`${baseUrl}/api/v1${path}`, {
			method,
			headers: { 'x-n8n-api-key': apiKey },
			body,
		});
		return json;
	};
	const workflowPath = (/** @type {string} */ workflowId) =>
		`/workflows/${encodeURIComponent(workflowId)}`;

	return {
		baseUrl,
		getWorkflow: (workflowId) => call(workflowPath(workflowId)),
		// n8n 2.41.1 marks /activate and /deactivate deprecated in favour of /publish and
		// /unpublish, and serves both pairs with the same handlers.
		activateWorkflow: (workflowId) => call(`${workflowPath(workflowId)}/activate`, 'POST'),
		deactivateWorkflow: (workflowId) => call(`${workflowPath(workflowId)}/deactivate`, 'POST'),
		createWorkflow: (workflow) => call('/workflows', 'POST', workflow),
		createCredential: (credential) => call('/credentials', 'POST', credential),
		async listExecutions(workflowId, { includeData = false, status } = {}) {
			/** @type {PublicExecution[]} */
			const executions = [];
			/** @type {string | null} */
			let cursor = null;
			do {
				const query = new URLSearchParams({ workflowId, limit: String(MAX_PAGE_SIZE) });
				if (includeData) query.set('includeData', 'true');
				if (status) query.set('status', status);
				if (cursor) query.set('cursor', cursor);
				/** @type {{ data: PublicExecution[], nextCursor: string | null }} */
				const page = await call(`/executions?${query}`);
				executions.push(...page.data);
				cursor = page.nextCursor;
			} while (cursor);
			return executions;
		},
		getExecution(executionId, { includeData = false } = {}) {
			const query = includeData ? '?includeData=true' : '';
			return call(`/executions/${encodeURIComponent(String(executionId))}${query}`);
		},
	};
}

/**
 * Sets up the owner of a fresh n8n instance, creates an API key with every scope and returns a
 * public API client that uses it.
 *
 * @param {string} baseUrl
 * @param {{ owner?: OwnerAccount, label?: string }} [options]
 * @returns {Promise<PublicApi>}
 */
async function connectPublicApi(baseUrl, { owner = DEFAULT_OWNER, label = 'e2e' } = {}) {
	const session = await setUpOwner(baseUrl, owner);
	const apiKey = await createApiKey(session, label);
	return publicApiClient(baseUrl, apiKey);
}

module.exports = {
	DEFAULT_OWNER,
	waitForRestApi,
	setUpOwner,
	restRequest,
	fetchTypeDescriptions,
	createApiKey,
	publicApiClient,
	connectPublicApi,
};
