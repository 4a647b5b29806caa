// @ts-check
'use strict';

/**
 * Times the Kula Trigger's own work per delivery, from the built package: the signature check
 * (`verifySignature`) and the envelope parsing (`parseEnvelope`), each over one signed
 * interview.event.created delivery like the ones the benchmark sends to n8n. Each function runs
 * `iterations` times after as many warm-up calls.
 *
 * Input: { distDir, iterations }. Output: { verifyUs, parseUs, bodyBytes }, microseconds a call.
 */

const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { readChildInput } = require('../child');
const { deliveryBody } = require('../deliveries');
const { newSigningSecret, signatureHeader } = require('../../../sandbox/webhooks/signing');

/**
 * Calls `run` `iterations` times and returns the mean time of one call in microseconds.
 *
 * @param {number} iterations
 * @param {() => unknown} run
 */
function timePerCall(iterations, run) {
	const started = performance.now();
	for (let i = 0; i < iterations; i++) {
		if (!run()) throw new Error('A checked delivery was rejected');
	}
	return ((performance.now() - started) * 1000) / iterations;
}

const { distDir, iterations } = readChildInput();
const { verifySignature } = require(path.join(distDir, 'nodes', 'KulaTrigger', 'signature.js'));
const { parseEnvelope } = require(path.join(distDir, 'nodes', 'KulaTrigger', 'envelope.js'));

const secret = newSigningSecret();
const rawBody = Buffer.from(deliveryBody('evt_bench_check', new Date()));
const nowSeconds = Math.floor(Date.now() / 1000);
const header = signatureHeader(secret, nowSeconds, rawBody);

const verify = () => verifySignature({ rawBody, header, secret, nowSeconds }).valid;
const parse = () => parseEnvelope(rawBody).ok;
timePerCall(iterations, verify);
timePerCall(iterations, parse);
const verifyUs = timePerCall(iterations, verify);
const parseUs = timePerCall(iterations, parse);
console.log(JSON.stringify({ verifyUs, parseUs, bodyBytes: rawBody.length }));
