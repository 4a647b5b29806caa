// @ts-check
'use strict';

/**
 * Preload module (`node --require scripts/lib/no-network.js`) that makes every outgoing TCP
 * connection and DNS lookup of the process throw. Node's http, https, tls and fetch all connect
 * through `net.Socket.prototype.connect`, so they fail before a packet is sent. UDP sockets and
 * native add-ons are not covered.
 */

const dns = require('node:dns');
const net = require('node:net');

/**
 * @param {string} operation
 * @returns {never}
 */
function rejectNetworkAccess(operation) {
	throw new Error(`Network access is disabled in this process: ${operation} was called.`);
}

net.Socket.prototype.connect = function connect() {
	return rejectNetworkAccess('net.Socket.connect');
};

// The replacements do not match the overloads of each function, hence the casts.
const callbackApi = /** @type {Record<string, Function>} */ (/** @type {unknown} */ (dns));
const promiseApi = /** @type {Record<string, Function>} */ (/** @type {unknown} */ (dns.promises));
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
	callbackApi[name] = () => rejectNetworkAccess(`dns.${name}`);
	promiseApi[name] = async () => rejectNetworkAccess(`dns.promises.${name}`);
}
