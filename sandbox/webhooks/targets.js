// @ts-check
'use strict';

/**
 * Delivery targets. The sandbox connects only to loopback addresses: 127.0.0.0/8, ::1 and the
 * name `localhost`, which it maps to 127.0.0.1 itself instead of resolving it. Any other host
 * gets no connection and no DNS lookup.
 */

const net = require('node:net');

/**
 * Connection details of one delivery attempt.
 * @typedef {object} LoopbackTarget
 * @property {'http:' | 'https:'} protocol
 * @property {string} address IP literal to connect to, always a loopback address
 * @property {number} port
 * @property {string} path path and query string of the URL
 * @property {string} hostHeader value of the Host header, from the URL
 * @property {string | undefined} serverName TLS server name, for https to `localhost`
 */

/** Text for error messages that list the hosts the sandbox delivers to. */
const LOOPBACK_DESCRIPTION = '127.0.0.0/8, ::1 or localhost';

/**
 * Tests a URL host name as the WHATWG URL parser normalises it. The parser turns every IPv4
 * spelling (`127.1`, `0x7f.0.0.1`, `2130706433`) into dotted decimal and wraps IPv6 in
 * brackets, so these string tests see the address that would be dialled.
 * @param {string} hostname `URL.hostname`
 */
function isLoopbackHostname(hostname) {
	if (hostname === 'localhost' || hostname === '[::1]') {
		return true;
	}
	return net.isIPv4(hostname) && hostname.startsWith('127.');
}

/**
 * Returns the connection details for `url`, or a reason why the sandbox will not connect.
 * @param {string} url
 * @returns {{ target: LoopbackTarget, problem: null } | { target: null, problem: string }}
 */
function resolveLoopbackTarget(url) {
	/** @type {URL} */
	let parsed;
	try {
		parsed = new URL(url);
	} catch {
		return { target: null, problem: `${url} is not a valid URL` };
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return { target: null, problem: `${parsed.protocol} URLs are not delivered` };
	}
	if (!isLoopbackHostname(parsed.hostname)) {
		return {
			target: null,
			problem: `the sandbox delivers only to loopback hosts (${LOOPBACK_DESCRIPTION}), and ${parsed.hostname} is not one`,
		};
	}

	const isLocalhost = parsed.hostname === 'localhost';
	// NOTE: `localhost` always means 127.0.0.1 here, so a receiver listening only on ::1 must be
	// addressed as [::1].
	const address = isLocalhost ? '127.0.0.1' : parsed.hostname.replace(/^\[|\]$/g, '');
	const defaultPort = parsed.protocol === 'https:' ? 443 : 80;
	return {
		target: {
			protocol: parsed.protocol,
			address,
			port: parsed.port === '' ? defaultPort : Number(parsed.port),
			path: `${parsed.pathname}${parsed.search}`,
			hostHeader: parsed.host,
			serverName: isLocalhost ? 'localhost' : undefined,
		},
		problem: null,
	};
}

module.exports = { LOOPBACK_DESCRIPTION, isLoopbackHostname, resolveLoopbackTarget };
