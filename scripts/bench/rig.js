// @ts-check
'use strict';

/**
 * The benchmark's test rig: one Kula sandbox and one real n8n (the pinned runtime, with this
 * package installed from its packed tarball), both on 127.0.0.1, with the benchmark workflows
 * created through n8n's public API. The create workflows are active; the trigger workflow is
 * activated by the trigger measurement, so that its Kula subscription exists only then.
 */

const { startSandbox } = require('../../sandbox');
const { API_KEYS } = require('../../sandbox/seed');
const { exampleCredential } = require('../lib/kula-example');
const { createN8nInstance } = require('../lib/n8n-instance');
const { LOOPBACK } = require('../lib/n8n-env');
const { connectPublicApi } = require('../lib/n8n-rest');
const { N8N_VARIANTS, createWorkflow, triggerWorkflow } = require('./workflows');

/**
 * The sandbox fills a created interview's conference link after this delay, which then sends
 * webhooks. One hour, the sandbox's maximum, keeps that work out of every measurement; a reset
 * cancels the pending timers.
 */
const PROVISION_DELAY_MS = 3_600_000;

/**
 * @typedef {import('./workflows').N8nVariant} N8nVariant
 *
 * @typedef {object} Rig
 * @property {import('../../sandbox').Sandbox} sandbox
 * @property {import('../lib/n8n-instance').N8nInstance} instance
 * @property {import('../lib/n8n-server').N8nServer} server
 * @property {import('../lib/n8n-rest').PublicApi} api
 * @property {Partial<Record<N8nVariant, string>>} workflowIds Active create workflows by variant.
 * @property {string} triggerWorkflowId The inactive trigger workflow.
 * @property {(options?: { keepUserFolder?: boolean }) => Promise<void>} close Stops n8n and the
 *   sandbox, and deletes the n8n user folder unless `keepUserFolder` is set, for example to read
 *   n8n's log after a failure.
 */

/**
 * Starts the sandbox (rate limit off) and n8n, and creates the workflows.
 *
 * @param {{ tarball: string, log: (line: string) => void, expressionEngine?: string, variants?: readonly N8nVariant[] }} options
 *   `expressionEngine` sets N8N_EXPRESSION_ENGINE (`vm`, n8n 2.41.1's default, or `legacy`).
 *   `variants` are the create workflows to set up, all by default.
 * @returns {Promise<Rig>}
 */
async function startRig({ tarball, log, expressionEngine, variants = N8N_VARIANTS }) {
	log('Creating an n8n user folder with the packed package installed');
	const instance = await createN8nInstance({ label: 'bench', tarball });
	if (expressionEngine) instance.env.N8N_EXPRESSION_ENGINE = expressionEngine;

	/** @type {import('../../sandbox').Sandbox | undefined} */
	let sandbox;
	/** @type {import('../lib/n8n-server').N8nServer | undefined} */
	let server;
	/** @param {{ keepUserFolder?: boolean }} [options] */
	const close = async ({ keepUserFolder = false } = {}) => {
		if (server) log(`n8n stopped (${await server.stop()})`);
		await sandbox?.close();
		if (keepUserFolder) log(`Kept the n8n user folder ${instance.userFolder} for inspection`);
		else instance.remove();
	};

	try {
		sandbox = await startSandbox({
			port: 0,
			host: LOOPBACK,
			rateLimit: false,
			provisionDelayMs: PROVISION_DELAY_MS,
		});
		log(`Kula sandbox listening on ${sandbox.url}`);
		await instance.importCredentials([
			exampleCredential({ baseUrl: sandbox.url, apiKey: API_KEYS.application }),
		]);

		log('Starting n8n');
		server = await instance.start();
		const api = await connectPublicApi(server.url, { label: 'bench' });

		/** @type {Partial<Record<N8nVariant, string>>} */
		const workflowIds = {};
		for (const variant of variants) {
			const workflow = await api.createWorkflow(createWorkflow(variant, sandbox.url));
			await api.activateWorkflow(workflow.id);
			workflowIds[variant] = workflow.id;
		}
		const trigger = await api.createWorkflow(triggerWorkflow());
		log(`n8n ready on ${server.url}; log: ${server.logFile}`);

		return {
			sandbox,
			instance,
			server,
			api,
			workflowIds,
			triggerWorkflowId: trigger.id,
			close,
		};
	} catch (error) {
		await close({ keepUserFolder: true });
		throw error;
	}
}

module.exports = { startRig };
