// @ts-check
'use strict';

/**
 * Delivery signatures (D10, developers.kula.ai "Webhook security"): the `X-Kula-Signature`
 * header is `t=<unix seconds>,v1=<hex HMAC-SHA256>`, keyed with the webhook's secret, over
 * `<t> + "." + <request body>`.
 */

const { createHmac, randomBytes } = require('node:crypto');

/**
 * Returns a new signing secret. ASSUMPTION: the `whsec_` prefix and 32 random bytes. D9
 * (developers.kula.ai "Webhook setup") states only that Kula can generate the secret.
 */
function newSigningSecret() {
	return `whsec_${randomBytes(32).toString('hex')}`;
}

/**
 * Computes the hex HMAC-SHA256 of `<timestamp>.<body>`. The body is hashed as the exact bytes
 * that are sent, so a receiver can verify it against the raw request body.
 * @param {string} secret
 * @param {number} timestampSeconds
 * @param {Buffer} body
 */
function computeSignature(secret, timestampSeconds, body) {
	return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
}

/**
 * Returns the `X-Kula-Signature` header value.
 * @param {string} secret
 * @param {number} timestampSeconds
 * @param {Buffer} body
 */
function signatureHeader(secret, timestampSeconds, body) {
	return `t=${timestampSeconds},v1=${computeSignature(secret, timestampSeconds, body)}`;
}

module.exports = { newSigningSecret, computeSignature, signatureHeader };
