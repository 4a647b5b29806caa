// @ts-check
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { n8nEntry } = require('../runtime');

/** Every n8n server, task broker and mock in these scripts listens on this address only. */
const LOOPBACK = '127.0.0.1';

/**
 * Returns a TCP port on 127.0.0.1 that was free a moment ago. Another process could take it
 * before the caller binds it, but the callers bind it within seconds, which makes that unlikely.
 *
 * @returns {Promise<number>}
 */
function findFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, LOOPBACK, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Inherited variables that would change what n8n does: its own settings (N8N_*, DB_*, and the
 * others below) from the developer's shell, and NODE_ENV. jest sets NODE_ENV to "test", and in
 * test mode n8n 2.41.1's CLI commands do not exit when they finish.
 */
const DROPPED_VARIABLE =
	/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_ENV$|npm_)/;

/**
 * Returns the environment for every n8n process of one instance: a SQLite database in
 * `userFolder`, the editor and the task broker on 127.0.0.1, and the features that contact n8n's
 * or third-party hosts turned off (diagnostics, version notifications, templates, the dynamic
 * banners, the MCP registry module, license renewal). With these settings, `n8n execute` and
 * `n8n start` opened no connection beyond 127.0.0.1 (checked with `ss` on n8n 2.41.1). The
 * editor page in a browser may still load external resources.
 *
 * @param {{ userFolder: string, port: number, brokerPort: number }} options
 *   `port` is the editor and REST port of `n8n start`. `brokerPort` is the task broker's port,
 *   which `n8n execute` opens as well, so two instances at once need different values.
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnvironment({ userFolder, port, brokerPort }) {
	/** @type {NodeJS.ProcessEnv} */
	const inherited = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!DROPPED_VARIABLE.test(key)) inherited[key] = value;
	}

	return {
		...inherited,
		// n8n appends `.n8n` to this folder and loads community packages from `.n8n/nodes/node_modules`.
		N8N_USER_FOLDER: path.resolve(userFolder),
		DB_TYPE: 'sqlite',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: LOOPBACK,
		N8N_HOST: LOOPBACK,
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: LOOPBACK,
		// Off by default in n8n 2.41.1. Set here because the protection would block the Kula
		// sandbox, which listens on 127.0.0.1.
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		GENERIC_TIMEZONE: 'UTC',
		// `n8n execute` prints its result through the logger at info level, so warn would hide it.
		N8N_LOG_LEVEL: 'info',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		// The MCP registry module refreshes its server list from https://api.n8n.io/api/mcp-servers
		// (n8n/dist/modules/mcp-registry/registry/mcp-registry-api.client.js). n8n 2.0.3 and 1.x
		// have no such module and exit on an unknown name in this variable.
		...(n8nHasDistPath('modules/mcp-registry') ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
	};
}

/**
 * Returns whether the n8n that the scripts run (see scripts/runtime.js) contains
 * `dist/<relativePath>`, so that the scripts can adapt to an older n8n by what it contains.
 *
 * @param {string} relativePath
 */
function n8nHasDistPath(relativePath) {
	return fs.existsSync(path.join(path.dirname(n8nEntry()), '..', 'dist', relativePath));
}

module.exports = { LOOPBACK, findFreePort, n8nEnvironment, n8nHasDistPath };
