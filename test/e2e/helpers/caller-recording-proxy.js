// @ts-check
'use strict';

/**
 * An HTTP proxy on 127.0.0.1 that forwards every request to one target (the Kula sandbox) and
 * records which of a set of local processes sent it. Linux only: it looks up the client end of
 * each accepted connection in /proc/net/tcp and finds the process that has that socket open.
 * The tests point the Kula credential at the proxy, so they can tell which n8n process (main,
 * webhook processor or a worker) made each Kula API call.
 */

const fs = require('node:fs');
const http = require('node:http');

const { processTree } = require('../../../scripts/lib/process-tree');

/**
 * @typedef {object} CallerProcess
 * @property {string} name For example "main" or "worker 1".
 * @property {number} pid
 */

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path Without the query string.
 * @property {string} caller Name of the process that sent it, or "unknown".
 * @property {number} status Status code of the target's response, or 502 when it failed.
 */

/**
 * @typedef {object} CallerRecordingProxy
 * @property {string} url Base URL, e.g. `http://127.0.0.1:41234`.
 * @property {RecordedRequest[]} requests Every forwarded request, in the order of the responses.
 * @property {() => Promise<void>} close
 */

/**
 * Returns the inode of the IPv4 TCP socket from 127.0.0.1:`localPort` to 127.0.0.1:`remotePort`,
 * or undefined. /proc/net/tcp writes an address as hex: the IP in host byte order
 * (`0100007F` is 127.0.0.1 on x86), the port in network order.
 *
 * @param {number} localPort
 * @param {number} remotePort
 */
function loopbackSocketInode(localPort, remotePort) {
	const hexPort = (/** @type {number} */ port) => port.toString(16).toUpperCase().padStart(4, '0');
	const local = `0100007F:${hexPort(localPort)}`;
	const remote = `0100007F:${hexPort(remotePort)}`;
	for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
		const fields = line.trim().split(/\s+/);
		// Fields: sl, local_address, rem_address, st, tx_queue:rx_queue, tr:tm->when, retrnsmt,
		// uid, timeout, inode.
		if (fields[1] === local && fields[2] === remote) return fields[9];
	}
	return undefined;
}

/**
 * Returns whether process `pid` has the socket with `inode` among its open file descriptors.
 *
 * @param {number} pid
 * @param {string} inode
 */
function hasSocketOpen(pid, inode) {
	let descriptors;
	try {
		descriptors = fs.readdirSync(`/proc/${pid}/fd`);
	} catch {
		return false;
	}
	const target = `socket:[${inode}]`;
	return descriptors.some((descriptor) => {
		try {
			return fs.readlinkSync(`/proc/${pid}/fd/${descriptor}`) === target;
		} catch {
			return false;
		}
	});
}

/**
 * Returns the name of the candidate process (or one of its descendants) that opened the
 * connection from `clientPort` to `serverPort`, or "unknown".
 *
 * @param {number} clientPort
 * @param {number} serverPort
 * @param {CallerProcess[]} candidates
 */
function callerOf(clientPort, serverPort, candidates) {
	const inode = loopbackSocketInode(clientPort, serverPort);
	if (inode === undefined) return 'unknown';
	const caller = candidates.find(({ pid }) =>
		processTree([pid]).some((member) => hasSocketOpen(member, inode)),
	);
	return caller?.name ?? 'unknown';
}

/**
 * Starts the proxy on a free port of 127.0.0.1.
 *
 * @param {{ targetUrl: string, candidates: () => CallerProcess[] }} options `candidates` is read
 *   for each new connection, so processes may start after the proxy.
 * @returns {Promise<CallerRecordingProxy>}
 */
async function startCallerRecordingProxy({ targetUrl, candidates }) {
	const target = new URL(targetUrl);
	/** @type {RecordedRequest[]} */
	const requests = [];
	/** @type {WeakMap<import('node:net').Socket, string>} */
	const callers = new WeakMap();

	const server = http.createServer((request, response) => {
		const caller = callers.get(request.socket) ?? 'unknown';
		const path = (request.url ?? '/').split('?')[0];
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: request.method,
				path: request.url,
				headers: { ...request.headers, host: target.host },
			},
			(upstreamResponse) => {
				const status = upstreamResponse.statusCode ?? 502;
				requests.push({ method: request.method ?? 'GET', path, caller, status });
				response.writeHead(status, upstreamResponse.headers);
				upstreamResponse.pipe(response);
			},
		);
		upstream.on('error', (error) => {
			requests.push({ method: request.method ?? 'GET', path, caller, status: 502 });
			response.writeHead(502, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ error: { code: 'proxy_error', message: error.message } }));
		});
		request.pipe(upstream);
	});
	server.on('connection', (socket) => {
		const address = server.address();
		const serverPort = typeof address === 'object' && address ? address.port : 0;
		callers.set(socket, callerOf(socket.remotePort ?? 0, serverPort, candidates()));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(undefined));
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startCallerRecordingProxy };
