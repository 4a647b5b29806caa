// @ts-check
'use strict';

/**
 * Helpers for the webhook tests: a receiver server on 127.0.0.1 that records every request
 * with its raw body, a polling wait, and HMAC verification written independently of the
 * sandbox's own signing code.
 */

const { createHmac, timingSafeEqual } = require('node:crypto');
const http = require('node:http');
const { callApi } = require('./helpers');

/**
 * @typedef {object} ReceivedRequest
 * @property {string | undefined} method
 * @property {string | undefined} url path and query string
 * @property {http.IncomingHttpHeaders} headers lower-case names
 * @property {Buffer} rawBody the exact bytes received
 * @property {number} receivedAt Date.now() when the body was complete
 */

/**
 * The receiver's response to one request.
 * @typedef {object} ReceiverReply
 * @property {number} status
 * @property {number} [delayMs] wait in ms before responding, to provoke a timeout
 * @property {boolean} [hang] never respond, so the request stays open until the client gives up
 *   or the receiver closes
 */

/**
 * @typedef {(request: ReceivedRequest, index: number) => ReceiverReply} Responder
 */

/**
 * Starts a receiver on a free port of 127.0.0.1. It responds with 200 until `respond` changes.
 * @param {Responder} [respond]
 */
async function startReceiver(respond = () => ({ status: 200 })) {
	/** @type {ReceivedRequest[]} */
	const requests = [];
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();
	const state = { respond, connections: 0 };

	const server = http.createServer((request, response) => {
		/** @type {Buffer[]} */
		const chunks = [];
		request.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
		request.on('end', () => {
			/** @type {ReceivedRequest} */
			const received = {
				method: request.method,
				url: request.url,
				headers: request.headers,
				rawBody: Buffer.concat(chunks),
				receivedAt: Date.now(),
			};
			requests.push(received);
			const reply = state.respond(received, requests.length - 1);
			const answer = () => {
				if (!response.destroyed) {
					response.writeHead(reply.status, { 'Content-Type': 'text/plain' });
					response.end(`status ${reply.status}`);
				}
			};
			if (reply.hang) {
				return;
			}
			if (reply.delayMs) {
				const timer = setTimeout(() => {
					timers.delete(timer);
					answer();
				}, reply.delayMs);
				timers.add(timer);
			} else {
				answer();
			}
		});
	});
	server.on('connection', () => {
		state.connections += 1;
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());

	return {
		url: `http://127.0.0.1:${address.port}`,
		port: address.port,
		requests,
		/** Number of TCP connections accepted so far. */
		get connections() {
			return state.connections;
		},
		/** @param {Responder} next */
		setResponder(next) {
			state.respond = next;
		},
		/** Stops the server, its connections and its reply timers. */
		close() {
			for (const timer of timers) {
				clearTimeout(timer);
			}
			timers.clear();
			return new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			});
		},
	};
}

/**
 * Returns a responder that uses the statuses in order and then repeats the last one.
 * @param {number[]} statuses
 * @returns {Responder}
 */
function replySequence(statuses) {
	return (_request, index) => ({ status: statuses[Math.min(index, statuses.length - 1)] });
}

/**
 * Polls `check` every 10 ms until it returns a truthy value, which it resolves with. Rejects
 * with `description` after `timeoutMs`.
 * @template T
 * @param {() => T} check
 * @param {string} description what the test waits for, for the failure message
 * @param {number} [timeoutMs]
 * @returns {Promise<NonNullable<T>>}
 */
async function waitFor(check, description, timeoutMs = 5000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) {
			return /** @type {NonNullable<T>} */ (value);
		}
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/**
 * Verifies an `X-Kula-Signature` header (`t=<seconds>,v1=<hex>`) over the raw body bytes.
 * @param {string | string[] | undefined} header
 * @param {Buffer} rawBody
 * @param {string} secret
 * @returns {{ valid: boolean, timestamp: number }}
 */
function verifySignature(header, rawBody, secret) {
	const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
	if (!match) {
		return { valid: false, timestamp: NaN };
	}
	const expected = createHmac('sha256', secret)
		.update(Buffer.concat([Buffer.from(`${match[1]}.`, 'utf8'), rawBody]))
		.digest();
	const received = Buffer.from(match[2], 'hex');
	return { valid: timingSafeEqual(expected, received), timestamp: Number(match[1]) };
}

/**
 * Creates a webhook through the API.
 * @param {import('../../sandbox').Sandbox} sandbox
 * @param {Record<string, unknown>} [overrides]
 */
function createWebhook(sandbox, overrides = {}) {
	return callApi(sandbox, '/v1/webhooks', {
		body: {
			url: 'https://hooks.kula.invalid/n8n',
			name: 'n8n: interviews',
			subscribed_events: ['interview.event.created'],
			...overrides,
		},
	});
}

module.exports = { startReceiver, replySequence, waitFor, verifySignature, createWebhook };
