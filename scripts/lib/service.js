// @ts-check
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');

/**
 * @typedef {object} Service
 * @property {string} name For messages, e.g. "n8n worker 1" or "Redis".
 * @property {number} pid Id of the spawned process, which leads its own process group.
 * @property {string} logFile File that receives the process's stdout and stderr.
 * @property {Promise<string>} exited Resolves when the process exits, with how it exited.
 * @property {() => Promise<string>} stop Sends the stop signal, waits for the exit (SIGKILL to
 *   the process group after a timeout), kills what is left of the group and returns how the
 *   process exited, e.g. "exit code 0". Safe to call more than once.
 */

/**
 * @typedef {object} ServiceOptions
 * @property {string} name
 * @property {string} command
 * @property {string[]} args
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} logFile Appended to, so several services may share one file.
 * @property {() => Promise<boolean>} isReady Polled every 250 ms until it returns true.
 * @property {number} [readyTimeoutMs]
 * @property {NodeJS.Signals} [stopSignal] SIGTERM by default.
 * @property {number} [stopTimeoutMs] How long `stop()` waits before it sends SIGKILL.
 * @property {number} [uid] Runs the process as this user; needs root.
 * @property {number} [gid]
 * @property {(pid: number) => void} [onSpawn] Called with the process id right after the
 *   spawn, before the process is ready, for example to sample its memory while it starts.
 */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Returns the last lines of a log file, for error messages.
 *
 * @param {string} file
 */
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
 * Starts a long-running process in its own process group and resolves once `isReady()` returns
 * true. Rejects with the log's tail when the process exits first or is not ready in time (it is
 * stopped then).
 *
 * The own process group means that Ctrl+C in a terminal reaches only the calling script, which
 * then stops the service once. If the calling process exits normally without calling `stop()`,
 * an exit handler kills the group, but a process killed by a signal runs no handler and leaves
 * the service running.
 *
 * @param {ServiceOptions} options
 * @returns {Promise<Service>}
 */
async function startService({
	name,
	command,
	args,
	env,
	logFile,
	isReady,
	readyTimeoutMs = 120_000,
	stopSignal = 'SIGTERM',
	stopTimeoutMs = 30_000,
	uid,
	gid,
	onSpawn,
}) {
	const logFd = fs.openSync(logFile, 'a');
	const child = childProcess.spawn(command, args, {
		env,
		stdio: ['ignore', logFd, logFd],
		detached: true,
		uid,
		gid,
	});
	fs.closeSync(logFd);
	// Without a listener, a spawn failure (a missing binary) would crash the caller.
	child.on('error', () => {});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`Failed to start ${name} (${command})`);
	onSpawn?.(pid);

	/** @type {{ code: number | null, signal: NodeJS.Signals | null } | undefined} */
	let exitStatus;
	const describeExit = () =>
		exitStatus?.signal ? `signal ${exitStatus.signal}` : `exit code ${exitStatus?.code}`;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exitStatus = { code, signal };
			resolve(undefined);
		});
	});
	const killOnExit = () => sendSignal(-pid, 'SIGKILL');
	process.on('exit', killOnExit);

	const stop = async () => {
		if (!exitStatus) {
			sendSignal(pid, stopSignal);
			const killTimer = setTimeout(() => sendSignal(-pid, 'SIGKILL'), stopTimeoutMs);
			await exitPromise;
			clearTimeout(killTimer);
		}
		// Ends children that outlived the process, such as n8n's task runner.
		sendSignal(-pid, 'SIGKILL');
		process.off('exit', killOnExit);
		return describeExit();
	};

	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (exitStatus) {
			process.off('exit', killOnExit);
			throw new Error(
				`${name} ended (${describeExit()}) before it was ready. ${logFile}:\n${tailOf(logFile)}`,
			);
		}
		if (await isReady().catch(() => false)) {
			return { name, pid, logFile, exited: exitPromise.then(describeExit), stop };
		}
		if (Date.now() > deadline) {
			await stop();
			const seconds = readyTimeoutMs / 1000;
			throw new Error(`${name} was not ready after ${seconds}s. ${logFile}:\n${tailOf(logFile)}`);
		}
		await sleep(250);
	}
}

/**
 * Returns whether a GET of `url` returns a 2xx status, as n8n's `/healthz/readiness` does once
 * the process is ready.
 *
 * @param {string} url
 */
async function answersOk(url) {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
		await response.arrayBuffer();
		return response.ok;
	} catch {
		return false;
	}
}

module.exports = { startService, answersOk, sendSignal, tailOf };
