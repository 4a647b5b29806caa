// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { nodeBinary, n8nEntry } = require('../runtime');
const { n8nHasDistPath } = require('./n8n-env');
const { runCommand, runCommandOrThrow } = require('./process');

/**
 * @typedef {object} ImportedCredential
 * @property {string} id Fixed id, so workflows can reference the credential.
 * @property {string} name
 * @property {string} type Credential type name, e.g. `kulaApi`.
 * @property {Record<string, unknown>} data Plain values; `import:credentials` encrypts them.
 */

/**
 * @typedef {object} ExecutionResult
 * @property {number | null} exitCode
 * @property {any} run The run data n8n printed: `status`, `data.resultData.runData`, and so on.
 * @property {string} output Everything the command printed, for failure messages.
 */

/**
 * Runs an n8n CLI command (`import:workflow`, `execute`, ...) under the runtime's Node 24.
 *
 * @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv, timeoutMs?: number }} options
 */
function runN8nCommand(args, { env, timeoutMs = 120_000 }) {
	return runCommand(nodeBinary(), [n8nEntry(), ...args], { env, timeoutMs });
}

/**
 * Runs an n8n CLI command and rejects with its output when it exits non-zero.
 *
 * @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv, timeoutMs?: number }} options
 */
function runN8nCommandOrThrow(args, { env, timeoutMs = 120_000 }) {
	return runCommandOrThrow(nodeBinary(), [n8nEntry(), ...args], { env, timeoutMs });
}

/**
 * Imports credentials with `n8n import:credentials`. n8n 2.41.1 encrypts `data` with the
 * instance's key (`Cipher.encryptV2`) when it is a plain object, so plain values are enough
 * (`readCredentials` in n8n/dist/commands/import/credentials.js).
 *
 * @param {ImportedCredential[]} credentials
 * @param {{ env: NodeJS.ProcessEnv }} options
 */
async function importCredentials(credentials, { env }) {
	const userFolder = env.N8N_USER_FOLDER;
	if (!userFolder) throw new Error('The n8n environment has no N8N_USER_FOLDER');
	const file = path.join(userFolder, 'credentials-import.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, '\t'), { mode: 0o600 });
	try {
		await runN8nCommandOrThrow(['import:credentials', `--input=${file}`], { env });
	} finally {
		// The file contains the API key in plain text; the database keeps it encrypted.
		fs.rmSync(file, { force: true });
	}
}

/**
 * Imports one workflow file with `n8n import:workflow`. The file's `id` is kept, so the workflow
 * can then be run with `executeWorkflow(id)`.
 *
 * @param {string} file
 * @param {{ env: NodeJS.ProcessEnv }} options
 */
async function importWorkflow(file, { env }) {
	await runN8nCommandOrThrow(['import:workflow', `--input=${file}`], { env });
}

/**
 * Publishes an imported workflow with `n8n publish:workflow` (n8n 2.x), so that `n8n start`
 * activates its triggers and registers its webhooks. A running server picks it up only on its
 * next start. n8n 1.x has no such command and activates with `update:workflow --active=true`.
 *
 * @param {string} workflowId
 * @param {{ env: NodeJS.ProcessEnv }} options
 */
async function publishWorkflow(workflowId, { env }) {
	const args = n8nHasDistPath('commands/publish')
		? ['publish:workflow', `--id=${workflowId}`]
		: ['update:workflow', `--id=${workflowId}`, '--active=true'];
	await runN8nCommandOrThrow(args, { env });
}

/**
 * Parses the JSON that `n8n execute --rawOutput` prints among its log lines: the block from the
 * first line that starts with `{` to a line that ends with `}`. n8n may print a log line after
 * the block, so the longest block that parses wins. Returns undefined when no block parses.
 *
 * @param {string} stdout
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start === -1) return undefined;
	for (let end = lines.length - 1; end >= start; end--) {
		if (!lines[end].trimEnd().endsWith('}')) continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// A `}` line inside the block; an earlier one may close it.
		}
	}
	return undefined;
}

/**
 * Runs an imported workflow once with `n8n execute --id --rawOutput` and returns its run data.
 * Resolves for a failed run too (exit code 1, `run.status` "error"), so the caller decides
 * what a failure means. Rejects only when n8n printed no run data at all.
 *
 * @param {string} workflowId
 * @param {{ env: NodeJS.ProcessEnv, timeoutMs?: number }} options
 * @returns {Promise<ExecutionResult>}
 */
async function executeWorkflow(workflowId, { env, timeoutMs = 120_000 }) {
	const { code, stdout, stderr } = await runN8nCommand(
		['execute', `--id=${workflowId}`, '--rawOutput'],
		{ env, timeoutMs },
	);
	const output = `${stdout}\n${stderr}`.trim();
	const run = parseExecuteOutput(stdout);
	if (run === undefined) {
		const tail = output.split('\n').slice(-30).join('\n');
		throw new Error(`n8n execute --id=${workflowId} exited with ${code} and no run data:\n${tail}`);
	}
	return { exitCode: code, run, output };
}

module.exports = {
	runN8nCommand,
	runN8nCommandOrThrow,
	importCredentials,
	importWorkflow,
	publishWorkflow,
	parseExecuteOutput,
	executeWorkflow,
};
