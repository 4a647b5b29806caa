// @ts-check
'use strict';

const childProcess = require('node:child_process');

/**
 * @typedef {object} CommandResult
 * @property {number | null} code Exit code, or null when a signal ended the process.
 * @property {NodeJS.Signals | null} signal
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * Runs a command to completion and collects its output. Resolves whatever the exit code is;
 * rejects only when the command cannot start or exceeds `timeoutMs` (then it is killed).
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 * @returns {Promise<CommandResult>}
 */
function runCommand(command, args, { cwd, env, timeoutMs = 120_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(command, args, {
			cwd,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));

		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);

		child.on('error', (error) => {
			clearTimeout(timer);
			reject(new Error(`Failed to start ${command}: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (timedOut) {
				const seconds = timeoutMs / 1000;
				reject(new Error(`${command} ${args.join(' ')} timed out after ${seconds}s\n${stderr}`));
				return;
			}
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/**
 * Runs a command like `runCommand` and rejects with its output when it exits non-zero.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 * @returns {Promise<CommandResult>}
 */
async function runCommandOrThrow(command, args, options) {
	const result = await runCommand(command, args, options);
	if (result.code !== 0) {
		const status = result.signal ? `was killed by ${result.signal}` : `exited with ${result.code}`;
		const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`${command} ${args.join(' ')} ${status}:\n${output}`);
	}
	return result;
}

module.exports = { runCommand, runCommandOrThrow };
