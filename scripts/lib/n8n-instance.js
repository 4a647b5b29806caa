// @ts-check
'use strict';

const path = require('node:path');

const {
	importCredentials,
	importWorkflow,
	publishWorkflow,
	executeWorkflow,
} = require('./n8n-cli');
const { findFreePort, n8nEnvironment } = require('./n8n-env');
const { startN8nServer } = require('./n8n-server');
const { createUserFolder, installPackageTarball, removeUserFolder } = require('./user-folder');

/**
 * @typedef {object} N8nInstance
 * @property {string} userFolder
 * @property {NodeJS.ProcessEnv} env Environment shared by every command of this instance.
 * @property {(credentials: import('./n8n-cli').ImportedCredential[]) => Promise<void>} importCredentials
 * @property {(file: string) => Promise<void>} importWorkflow
 * @property {(workflowId: string) => Promise<void>} publishWorkflow Takes effect at the next start.
 * @property {(workflowId: string) => Promise<import('./n8n-cli').ExecutionResult>} execute
 * @property {() => Promise<import('./n8n-server').N8nServer>} start Starts `n8n start`.
 * @property {() => void} remove Deletes the user folder; stop the server first.
 */

/**
 * Creates a fresh n8n instance: an empty user folder under .tmp/ with the packed package
 * installed as a community package, and free ports on 127.0.0.1 for the editor and the task
 * broker. Nothing runs until a method is called.
 *
 * @param {{ label: string, tarball: string | null, extraEnv?: NodeJS.ProcessEnv }} options
 *   `tarball` null creates an instance without any community package, for comparisons.
 *   `extraEnv` adds or overrides variables of `n8nEnvironment()`, e.g. N8N_LOG_FORMAT.
 * @returns {Promise<N8nInstance>}
 */
async function createN8nInstance({ label, tarball, extraEnv = {} }) {
	const userFolder = createUserFolder(label);
	if (tarball !== null) await installPackageTarball(userFolder, tarball);

	const port = await findFreePort();
	let brokerPort = await findFreePort();
	while (brokerPort === port) brokerPort = await findFreePort();
	const env = { ...n8nEnvironment({ userFolder, port, brokerPort }), ...extraEnv };

	return {
		userFolder,
		env,
		importCredentials: (credentials) => importCredentials(credentials, { env }),
		importWorkflow: (file) => importWorkflow(file, { env }),
		publishWorkflow: (workflowId) => publishWorkflow(workflowId, { env }),
		execute: (workflowId) => executeWorkflow(workflowId, { env }),
		start: () => startN8nServer({ env, logFile: path.join(userFolder, 'server.log') }),
		remove: () => removeUserFolder(userFolder),
	};
}

module.exports = { createN8nInstance };
