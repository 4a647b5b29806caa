// @ts-check
'use strict';

/**
 * One measured run of a variant and its checks. A run resets the sandbox and sends the requests,
 * through an n8n workflow's webhook or the plain loop in a child process. It then reads the
 * measured node's own time and output from n8n's stored execution, and the interviews and
 * responses from the sandbox. `assertRunComplete` rejects a run that did not
 * create exactly one interview per row, so no figure comes from a run that failed.
 */

const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');

const { API_KEYS } = require('../../sandbox/seed');
const { MAX_REQUEST_LOG_ENTRIES } = require('../../sandbox/store');
const { runChild } = require('./child');
const { postJson } = require('./http');
const { MEASURED_NODE, webhookPath } = require('./workflows');

/** How long a webhook call may take; a rate-limited or 10,000-item run takes minutes at most. */
const WEBHOOK_TIMEOUT_MS = 30 * 60_000;
/** How long n8n may take to store an execution after the webhook has responded. */
const EXECUTION_WAIT_MS = 60_000;
/** How long a POST is repeated while n8n returns 404 because it is still registering webhooks. */
const REGISTRATION_WAIT_MS = 30_000;
/** GET requests the plain loop sends before its timed loop, to open and warm its connection. */
const PLAIN_LOOP_WARMUP_REQUESTS = 20;
const POLL_INTERVAL_MS = 100;

/**
 * @typedef {import('./workflows').N8nVariant | 'a'} Variant
 *
 * @typedef {object} RunResult
 * @property {Variant} variant
 * @property {number} count Rows sent.
 * @property {number} nodeMs The measured node's execution time from n8n's run data, or the
 *   plain loop's time.
 * @property {number | undefined} wallMs The webhook call's wall time; undefined for the loop.
 * @property {string} status n8n's execution status, or `success` for a loop whose every
 *   request got 201.
 * @property {number} outputItems Output items of the measured node, or 201 responses of the loop.
 * @property {number} errorItems Output items that carry an `error`.
 * @property {string | undefined} firstError The first error message, of the run or an item.
 * @property {number} created Interviews in the sandbox after the run.
 * @property {Record<string, number>} createStatuses Sandbox responses to create calls, counted by status.
 * @property {string | null} requestDigest SHA-256 over the sorted create requests that got 201
 *   (path and canonical JSON body), to show that variants sent the same requests; null when the
 *   sandbox's request log could not hold the whole run.
 */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Compares two strings by UTF-16 code units, the order of Array.prototype.sort without a
 * comparator.
 *
 * @param {string} left
 * @param {string} right
 */
function compareStrings(left, right) {
	if (left < right) return -1;
	if (left > right) return 1;
	return 0;
}

/**
 * Returns JSON text with object keys sorted, so equal bodies give equal text whatever the order
 * in which a client wrote their keys.
 *
 * @param {unknown} value
 * @returns {string}
 */
function canonicalJson(value) {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value)
			.filter(([, entry]) => entry !== undefined)
			.sort(([left], [right]) => compareStrings(left, right));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/**
 * Reads the sandbox's record of the create calls since its last reset.
 *
 * @param {import('../../sandbox').Sandbox} sandbox
 * @returns {Pick<RunResult, 'created' | 'createStatuses' | 'requestDigest'>}
 */
function readSandboxRecord(sandbox) {
	const requests = sandbox.store.requests;
	const creates = requests.filter(
		(request) => request.method === 'POST' && request.path.endsWith('/interviews'),
	);
	/** @type {Record<string, number>} */
	const createStatuses = {};
	for (const request of creates) {
		createStatuses[request.status] = (createStatuses[request.status] ?? 0) + 1;
	}

	// The log drops its oldest entries beyond its maximum, so a full log may be incomplete.
	let requestDigest = null;
	if (requests.length < MAX_REQUEST_LOG_ENTRIES) {
		const lines = creates
			.filter((request) => request.status === 201)
			.map((request) => `${request.path} ${canonicalJson(request.body)}`)
			.sort();
		requestDigest = crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
	}
	return { created: sandbox.store.interviews.size, createStatuses, requestDigest };
}

/**
 * Sends the rows request to a variant's webhook.
 *
 * @param {import('./rig').Rig} rig
 * @param {import('./workflows').N8nVariant} variant
 * @param {{ count: number, startBase: string }} body
 */
function callWebhook(rig, variant, body) {
	return postJson(`${rig.server.url}/webhook/${webhookPath(variant)}`, body, {
		timeoutMs: WEBHOOK_TIMEOUT_MS,
	});
}

/**
 * Waits until n8n has stored a finished execution of the workflow that is not in `knownIds`,
 * and returns it with its run data.
 *
 * @param {import('../lib/n8n-rest').PublicApi} api
 * @param {string} workflowId
 * @param {Set<string>} knownIds
 */
async function waitForNewExecution(api, workflowId, knownIds) {
	const deadline = Date.now() + EXECUTION_WAIT_MS;
	for (;;) {
		const executions = await api.listExecutions(workflowId);
		const added = executions.find((execution) => !knownIds.has(String(execution.id)));
		if (added && added.stoppedAt) return api.getExecution(added.id, { includeData: true });
		if (Date.now() > deadline) {
			throw new Error(
				`n8n stored no finished execution of workflow ${workflowId} within ${EXECUTION_WAIT_MS / 1000} s`,
			);
		}
		await sleep(POLL_INTERVAL_MS);
	}
}

/**
 * Returns the ids of the workflow's stored executions.
 *
 * @param {import('../lib/n8n-rest').PublicApi} api
 * @param {string} workflowId
 */
async function executionIds(api, workflowId) {
	return new Set((await api.listExecutions(workflowId)).map((execution) => String(execution.id)));
}

/**
 * Runs `count` rows through a variant's workflow once and returns what the run did. The sandbox
 * is reset first, which also opens a fresh rate-limit window. `onStart` and `onEnd` are called
 * right before the webhook call and right after its response, for memory sampling.
 *
 * @param {import('./rig').Rig} rig
 * @param {import('./workflows').N8nVariant} variant
 * @param {{ count: number, startBase: string, onStart?: () => void, onEnd?: () => void }} options
 * @returns {Promise<RunResult>}
 */
async function runN8nVariant(rig, variant, { count, startBase, onStart, onEnd }) {
	const workflowId = rig.workflowIds[variant];
	if (!workflowId) throw new Error(`The rig has no workflow for variant ${variant}`);
	const knownIds = await executionIds(rig.api, workflowId);
	rig.sandbox.reset();

	onStart?.();
	const started = performance.now();
	const response = await callWebhook(rig, variant, { count, startBase });
	const wallMs = performance.now() - started;
	onEnd?.();
	if (response.status === 404) {
		throw new Error(`n8n has no webhook for variant ${variant} (404): ${response.text}`);
	}
	const execution = await waitForNewExecution(rig.api, workflowId, knownIds);

	const resultData = execution.data?.resultData ?? {};
	const nodeRun = resultData.runData?.[MEASURED_NODE]?.[0];
	/** @type {Array<{ json: Record<string, unknown> }>} */
	const items = nodeRun?.data?.main?.[0] ?? [];
	const errorItems = items.filter((item) => item.json?.error !== undefined);
	const firstError =
		resultData.error?.message ??
		nodeRun?.error?.message ??
		(errorItems.length > 0 ? String(errorItems[0].json.error) : undefined) ??
		(response.status === 200 ? undefined : `webhook ${response.status}: ${response.text}`);

	return {
		variant,
		count,
		nodeMs: typeof nodeRun?.executionTime === 'number' ? nodeRun.executionTime : NaN,
		wallMs,
		status: response.status === 200 ? execution.status : `webhook ${response.status}`,
		outputItems: items.length,
		errorItems: errorItems.length,
		firstError,
		...readSandboxRecord(rig.sandbox),
	};
}

/**
 * Runs the rows through the plain keep-alive loop (variant a) in a child process on Node 24.
 *
 * @param {import('./rig').Rig} rig
 * @param {{ count: number, startBase: string }} options
 * @returns {Promise<RunResult>}
 */
async function runPlainLoop(rig, { count, startBase }) {
	rig.sandbox.reset();
	/** @type {{ elapsedMs: number, statusCounts: Record<string, number> }} */
	const result = await runChild('plain-loop', {
		url: rig.sandbox.url,
		apiKey: API_KEYS.application,
		count,
		startBase,
		warmupRequests: PLAIN_LOOP_WARMUP_REQUESTS,
	});
	const created201 = result.statusCounts['201'] ?? 0;
	const otherStatuses = Object.keys(result.statusCounts).filter((status) => status !== '201');
	return {
		variant: 'a',
		count,
		nodeMs: result.elapsedMs,
		wallMs: undefined,
		status: otherStatuses.length === 0 ? 'success' : 'error',
		outputItems: created201,
		errorItems: count - created201,
		firstError:
			otherStatuses.length === 0
				? undefined
				: `responses by status ${JSON.stringify(result.statusCounts)}`,
		...readSandboxRecord(rig.sandbox),
	};
}

/**
 * Throws unless the run succeeded, returned one item per row with no error item, and left
 * exactly one interview per row in the sandbox.
 *
 * @param {RunResult} run
 */
function assertRunComplete(run) {
	const problems = [];
	if (run.status !== 'success') problems.push(`status ${run.status}`);
	if (run.outputItems !== run.count) problems.push(`${run.outputItems} output items`);
	if (run.errorItems > 0) problems.push(`${run.errorItems} error items`);
	if (run.created !== run.count) problems.push(`${run.created} interviews created`);
	if (!Number.isFinite(run.nodeMs)) problems.push('no execution time in the run data');
	if (problems.length === 0) return;
	const cause = run.firstError ? ` First error: ${run.firstError}` : '';
	throw new Error(
		`Variant ${run.variant} with ${run.count} rows failed: ${problems.join(', ')}.${cause}`,
	);
}

/**
 * Runs a few rows through a variant's workflow, repeating the call while n8n returns 404
 * because it has not registered the webhook yet. It warms n8n up and is not measured.
 *
 * @param {import('./rig').Rig} rig
 * @param {import('./workflows').N8nVariant} variant
 * @param {{ count: number, startBase: string }} options
 */
async function warmUpVariant(rig, variant, { count, startBase }) {
	const deadline = Date.now() + REGISTRATION_WAIT_MS;
	let response = await callWebhook(rig, variant, { count: 0, startBase });
	while (response.status === 404 && Date.now() < deadline) {
		await sleep(500);
		response = await callWebhook(rig, variant, { count: 0, startBase });
	}
	assertRunComplete(await runN8nVariant(rig, variant, { count, startBase }));
}

module.exports = {
	canonicalJson,
	runN8nVariant,
	runPlainLoop,
	assertRunComplete,
	warmUpVariant,
};
