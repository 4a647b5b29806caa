// @ts-check
'use strict';

const { nodeBinary, n8nEntry } = require('../runtime');
const { answersOk, startService } = require('./service');

/**
 * @typedef {object} N8nServer
 * @property {string} url Base URL of the editor and REST API, e.g. `http://127.0.0.1:5688`. For
 *   a worker, which serves neither, the address of its health server.
 * @property {number} pid
 * @property {string} logFile File that receives the server's stdout and stderr.
 * @property {Promise<string>} exited Resolves when n8n exits, with how it exited.
 * @property {() => Promise<string>} stop Sends SIGTERM, waits for the exit (SIGKILL after a
 *   timeout) and returns how n8n exited, e.g. "exit code 0".
 */

/**
 * Starts an n8n process under the runtime's Node 24 and resolves once its `/healthz/readiness`
 * returns 200 (8–10 s after the start on a 2-core machine for `n8n start` alone).
 *
 * NOTE: with n8n 2.41.1, readiness can come before the webhooks of published workflows are
 * registered. A POST right after readiness got 404 "webhook is not registered" and one a second
 * later got 200, so callers of production webhooks should retry while the response is 404.
 *
 * n8n stops its task runner child itself, and `stop()` kills one that outlived it.
 *
 * @param {{ env: NodeJS.ProcessEnv, logFile: string, command?: 'start' | 'webhook' | 'worker', args?: string[], name?: string, readyTimeoutMs?: number, stopTimeoutMs?: number, onSpawn?: (pid: number) => void }} options
 *   `env` must come from `n8nEnvironment()` and set N8N_PORT. `command` is `start` (the
 *   default, the main process), `webhook` (a webhook processor, serving N8N_PORT) or `worker`
 *   (which needs QUEUE_HEALTH_CHECK_ACTIVE and QUEUE_HEALTH_CHECK_PORT for its readiness).
 *   `onSpawn` receives the process id right after the spawn.
 * @returns {Promise<N8nServer>}
 */
async function startN8nServer({
	env,
	logFile,
	command = 'start',
	args = [],
	name = `n8n ${command}`,
	readyTimeoutMs,
	stopTimeoutMs,
	onSpawn,
}) {
	const host = env.N8N_LISTEN_ADDRESS;
	const port = command === 'worker' ? env.QUEUE_HEALTH_CHECK_PORT : env.N8N_PORT;
	if (command === 'worker' && env.QUEUE_HEALTH_CHECK_ACTIVE !== 'true') {
		throw new Error('An n8n worker needs QUEUE_HEALTH_CHECK_ACTIVE=true to report readiness');
	}
	const url = `http://${host}:${port}`;
	const service = await startService({
		name,
		command: nodeBinary(),
		args: [n8nEntry(), command, ...args],
		env,
		logFile,
		isReady: () => answersOk(`${url}/healthz/readiness`),
		readyTimeoutMs,
		stopTimeoutMs,
		onSpawn,
	});
	const { pid, exited, stop } = service;
	return { url, pid, logFile, exited, stop };
}

module.exports = { startN8nServer };
