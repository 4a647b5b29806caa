// @ts-check
'use strict';

/**
 * Sends one delivery attempt: a single POST over a fresh connection to a loopback target.
 * Redirects are not followed, no proxy is used and no host name is resolved.
 */

const http = require('node:http');
const https = require('node:https');
const { performance } = require('node:perf_hooks');

/** @typedef {import('./targets').LoopbackTarget} LoopbackTarget */

/**
 * @typedef {object} AttemptResult
 * @property {number | null} responseCode null when no response arrived
 * @property {string | null} error why no response arrived, or null
 * @property {boolean} timedOut
 * @property {number} durationMs from sending to the end of the response, or to the failure
 */

/**
 * @typedef {object} PendingAttempt
 * @property {Promise<AttemptResult>} result settles once, never rejects
 * @property {() => void} cancel aborts the request. `result` then settles with an error
 */

/** Bytes of a response body that are read. The rest is drained and discarded. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Rejects every DNS lookup. The target address is always an IP literal, which Node dials
 * without a lookup, so this runs only if that invariant breaks.
 * @type {import('node:net').LookupFunction}
 */
function rejectLookup(hostname, _options, callback) {
	callback(new Error(`the sandbox does not resolve host names, got ${hostname}`), '', 4);
}

/**
 * Posts `body` to `target` and settles after the whole response arrived, the timeout passed or
 * the connection failed.
 * @param {LoopbackTarget} target
 * @param {Record<string, string>} headers sent as given, so they must include Host and
 *   Content-Length
 * @param {Buffer} body
 * @param {number} timeoutMs
 * @returns {PendingAttempt}
 */
function sendAttempt(target, headers, body, timeoutMs) {
	const startedAt = performance.now();
	const elapsed = () => Math.round((performance.now() - startedAt) * 10) / 10;
	const client = target.protocol === 'https:' ? https : http;

	/** @type {(result: AttemptResult) => void} */
	let settle = () => {};
	/** @type {Promise<AttemptResult>} */
	const result = new Promise((resolve) => {
		let settled = false;
		settle = (value) => {
			if (!settled) {
				settled = true;
				clearTimeout(timer);
				resolve(value);
			}
		};
	});

	const request = client.request({
		host: target.address,
		port: target.port,
		path: target.path,
		method: 'POST',
		servername: target.serverName,
		headers,
		// A fresh connection per attempt, closed afterwards, so no socket outlives the attempt.
		agent: false,
		lookup: rejectLookup,
	});

	const timer = setTimeout(() => {
		const error = `timed out after ${timeoutMs} ms`;
		settle({ responseCode: null, error, timedOut: true, durationMs: elapsed() });
		request.destroy(new Error(error));
	}, timeoutMs);

	request.on('response', (response) => {
		let received = 0;
		response.on('data', (/** @type {Buffer} */ chunk) => {
			received += chunk.length;
			if (received > MAX_RESPONSE_BYTES) {
				response.destroy();
			}
		});
		const finish = () =>
			settle({
				responseCode: response.statusCode ?? null,
				error: null,
				timedOut: false,
				durationMs: elapsed(),
			});
		response.on('end', finish);
		// A receiver that closes the connection mid-body still sent a status code.
		response.on('close', finish);
		response.on('error', finish);
	});
	request.on('error', (error) => {
		settle({ responseCode: null, error: error.message, timedOut: false, durationMs: elapsed() });
	});
	request.end(body);

	return {
		result,
		cancel() {
			settle({ responseCode: null, error: 'cancelled', timedOut: false, durationMs: elapsed() });
			request.destroy();
		},
	};
}

module.exports = { sendAttempt, MAX_RESPONSE_BYTES };
