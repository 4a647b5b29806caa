// @ts-check
'use strict';

/**
 * Variant (a) of the overhead comparison, the floor: the create requests of the benchmark rows,
 * sent one after the other over one keep-alive connection with the Authorization header the
 * Kula credential sets. Only the loop is timed; the rows are built before it, as the Code node
 * builds them before the measured node runs.
 *
 * Input: { url, apiKey, count, startBase, warmupRequests }. Output: { elapsedMs, statusCounts }.
 */

const http = require('node:http');
const { performance } = require('node:perf_hooks');

const { readChildInput } = require('../child');
const { buildRows, createRequestOf } = require('../rows');

/**
 * @param {http.Agent} agent
 * @param {URL} url
 * @param {string} apiKey
 * @param {string} method
 * @param {string | undefined} body
 * @returns {Promise<number>} The response status.
 */
function send(agent, url, apiKey, method, body) {
	return new Promise((resolve, reject) => {
		/** @type {Record<string, string>} */
		const headers = { accept: 'application/json', authorization: `Bearer ${apiKey}` };
		if (body !== undefined) {
			headers['content-type'] = 'application/json';
			headers['content-length'] = String(Buffer.byteLength(body));
		}
		const request = http.request(url, { method, agent, headers }, (response) => {
			response.resume();
			response.on('end', () => resolve(response.statusCode ?? 0));
			response.on('error', reject);
		});
		request.setTimeout(30_000, () => request.destroy(new Error(`${method} ${url} timed out`)));
		request.on('error', reject);
		request.end(body);
	});
}

async function main() {
	const { url, apiKey, count, startBase, warmupRequests } = readChildInput();
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const requests = buildRows(count, startBase).map(createRequestOf);

	// Opens the connection and warms up the HTTP client with reads that create nothing.
	for (let i = 0; i < warmupRequests; i++) {
		await send(agent, new URL('/v1/jobs?limit=1', url), apiKey, 'GET', undefined);
	}

	/** @type {Record<string, number>} */
	const statusCounts = {};
	const started = performance.now();
	for (const request of requests) {
		const status = await send(
			agent,
			new URL(request.path, url),
			apiKey,
			'POST',
			JSON.stringify(request.body),
		);
		statusCounts[status] = (statusCounts[status] ?? 0) + 1;
	}
	const elapsedMs = performance.now() - started;
	agent.destroy();
	console.log(JSON.stringify({ elapsedMs, statusCounts }));
}

main().catch((error) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exitCode = 1;
});
