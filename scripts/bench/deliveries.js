// @ts-check
'use strict';

/**
 * Kula webhook deliveries for the trigger benchmark, built and signed the way the sandbox
 * delivers them: the sandbox's interview.event.created envelope with a given event id, and the
 * X-Kula-* headers with an HMAC-SHA256 signature over the exact body bytes.
 */

const { sampleEnvelope } = require('../../sandbox/webhooks/payloads');
const { signatureHeader } = require('../../sandbox/webhooks/signing');

const CREATED_EVENT = 'interview.event.created';

/**
 * Returns the JSON body of one delivery: a provisioned interview in Kula's envelope.
 *
 * @param {string} eventId
 * @param {Date} now
 */
function deliveryBody(eventId, now) {
	const envelope = sampleEnvelope(CREATED_EVENT, now);
	if (!envelope) throw new Error(`The sandbox has no sample envelope for ${CREATED_EVENT}`);
	return JSON.stringify({ ...envelope, event_id: eventId });
}

/**
 * Returns the headers Kula sends with a delivery, signed now with `secret`.
 *
 * @param {string} body
 * @param {string} secret
 * @param {string} eventId
 */
function deliveryHeaders(body, secret, eventId) {
	const timestamp = Math.floor(Date.now() / 1000);
	return {
		'content-type': 'application/json',
		'x-kula-signature': signatureHeader(secret, timestamp, Buffer.from(body)),
		'x-kula-timestamp': String(timestamp),
		'x-kula-event-id': eventId,
		'x-kula-event': CREATED_EVENT,
	};
}

module.exports = { CREATED_EVENT, deliveryBody, deliveryHeaders };
