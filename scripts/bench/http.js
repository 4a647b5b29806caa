// @ts-check
'use strict';

/**
 * A small HTTP client for the benchmark's own requests to n8n on 127.0.0.1. It uses node:http
 * rather than fetch, because fetch (undici) gives up on a response after 300 s without
 * headers, and a rate-limited run or a large one may take longer than that.
 */

const http = require('node:http');

/**
 * @typedef {object} HttpResult
 * @property {number} status
 * @property {string} text The response body.
 */

/**
 * Sends one POST with a string body and resolves with the status and body, whatever the status.
 * Rejects when the connection fails or no complete response arrives within `timeoutMs`.
 *
 * @param {string} url
 * @param {string} body
 * @param {{ headers?: Record<string, string>, timeoutMs: number, agent?: http.Agent | false }} options
 *   `agent: false` (the default) opens a new connection for this request only.
 * @returns {Promise<HttpResult>}
 */
function post(url, body, { headers = {}, timeoutMs, agent = false }) {
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: { 'content-length': String(Buffer.byteLength(body)), ...headers },
			},
			(response) => {
				/** @type {Buffer[]} */
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					clearTimeout(timer);
					resolve({
						status: response.statusCode ?? 0,
						text: Buffer.concat(chunks).toString('utf8'),
					});
				});
				response.on('error', (error) => {
					clearTimeout(timer);
					reject(error);
				});
			},
		);
		const timer = setTimeout(() => {
			request.destroy(new Error(`POST ${url} timed out after ${timeoutMs / 1000} s`));
		}, timeoutMs);
		request.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		request.end(body);
	});
}

/**
 * Posts a JSON value like `post`.
 *
 * @param {string} url
 * @param {unknown} value
 * @param {{ timeoutMs: number }} options
 */
function postJson(url, value, { timeoutMs }) {
	return post(url, JSON.stringify(value), {
		headers: { 'content-type': 'application/json' },
		timeoutMs,
	});
}

module.exports = { post, postJson };
