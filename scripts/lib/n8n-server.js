// @ts-check
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');

const { nodeBinary, n8nEntry } = require('../runtime');

/**
 * @typedef {object} N8nServer
 * @property {string} url Base URL of the editor and REST API, e.g. `http://127.0.0.1:5688`.
 * @property {number} pid
 * @property {string} logFile File that receives the server's stdout and stderr.
 * @property {Promise<string>} exited Resolves when n8n exits, with how it exited.
 * @property {() => Promise<string>} stop Sends SIGTERM, waits for the exit (SIGKILL after a
 *   timeout) and returns how n8n exited, e.g. "exit code 0".
 */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} file */
function tailOf(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Sends a signal and ignores the error when the target no longer exists.
 *
 * @param {number} target A process id, or a negated one for the whole process group.
 * @param {NodeJS.Signals} signal
 */
function sendSignal(target, signal) {
	try {
		process.kill(target, signal);
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ESRCH') throw error;
	}
}

/**
 * Starts `n8n start` under the runtime's Node 24 and resolves once `/healthz/readiness` returns
 * 200 (8–10 s after the start on a 2-core machine).
 *
 * NOTE: with n8n 2.41.1, readiness can come before the webhooks of published workflows are
 * registered. A POST right after readiness got 404 "webhook is not registered" and one a second
 * later got 200, so callers of production webhooks should retry while the response is 404.
 *
 * The server runs in its own process group, so Ctrl+C in a terminal reaches only the calling
 * script, which then stops n8n once with SIGTERM. n8n stops its task runner child itself. If the
 * calling process exits normally without calling `stop()`, an exit handler kills the group, but
 * a process killed by a signal runs no handler and leaves n8n running.
 *
 * @param {{ env: NodeJS.ProcessEnv, logFile: string, readyTimeoutMs?: number, stopTimeoutMs?: number }} options
 *   `env` must come from `n8nEnvironment()` and set N8N_PORT.
 * @returns {Promise<N8nServer>}
 */
async function startN8nServer({ env, logFile, readyTimeoutMs = 120_000, stopTimeoutMs = 30_000 }) {
	const url = `http://${env.N8N_LISTEN_ADDRESS}:${env.N8N_PORT}`;
	const logFd = fs.openSync(logFile, 'a');
	const child = childProcess.spawn(nodeBinary(), [n8nEntry(), 'start'], {
		env,
		stdio: ['ignore', logFd, logFd],
		detached: true,
	});
	fs.closeSync(logFd);
	// Without a listener, a spawn failure (a missing binary) would crash the caller.
	child.on('error', () => {});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`Failed to start n8n (${nodeBinary()} ${n8nEntry()})`);

	/** @type {{ code: number | null, signal: NodeJS.Signals | null } | undefined} */
	let exited;
	const describeExit = () =>
		exited?.signal ? `signal ${exited.signal}` : `exit code ${exited?.code}`;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(undefined);
		});
	});
	const killOnExit = () => sendSignal(-pid, 'SIGKILL');
	process.on('exit', killOnExit);

	const stop = async () => {
		if (!exited) {
			sendSignal(pid, 'SIGTERM');
			const killTimer = setTimeout(() => sendSignal(-pid, 'SIGKILL'), stopTimeoutMs);
			await exitPromise;
			clearTimeout(killTimer);
		}
		// Ends a task runner that outlived the main process, if any.
		sendSignal(-pid, 'SIGKILL');
		process.off('exit', killOnExit);
		return describeExit();
	};

	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (exited) {
			process.off('exit', killOnExit);
			throw new Error(
				`n8n start ended (${describeExit()}) before it was ready. ${logFile}:\n${tailOf(logFile)}`,
			);
		}
		try {
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.ok) {
				return { url, pid, logFile, exited: exitPromise.then(describeExit), stop };
			}
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			await stop();
			const seconds = readyTimeoutMs / 1000;
			throw new Error(
				`n8n at ${url} was not ready after ${seconds}s. ${logFile}:\n${tailOf(logFile)}`,
			);
		}
		await sleep(250);
	}
}

module.exports = { startN8nServer };
