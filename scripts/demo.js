// @ts-check
'use strict';

/**
 * `npm start`: runs the example workflow in a real n8n against the Kula sandbox, prints the three
 * interviews it created, then keeps n8n and the sandbox running for the editor until Ctrl+C.
 *
 * Usage: npm start [-- --once]
 *   --once  Run the workflow once and exit: 0 when the run succeeded, 1 otherwise.
 *
 * Runs on the host Node (20 or newer). n8n itself runs on the pinned Node 24 from
 * scripts/runtime.js, installed on first use (about 5 minutes with an empty npm cache).
 */

const fs = require('node:fs');
const path = require('node:path');

const { startSandbox } = require('../sandbox');
const { API_KEYS } = require('../sandbox/seed');
const {
	EXAMPLE_WORKFLOW_FILE,
	createdInterviews,
	exampleCredential,
	formatInterviewTable,
	readExampleWorkflow,
} = require('./lib/kula-example');
const { createN8nInstance } = require('./lib/n8n-instance');
const { packPackage } = require('./lib/pack');
const { REPO_ROOT } = require('./lib/paths');
const { runCommandOrThrow } = require('./lib/process');
const { createStepLogger } = require('./lib/progress');
const { ensureRuntime } = require('./runtime');

const log = createStepLogger('demo');

/** Resolves on the first SIGINT or SIGTERM. A second SIGINT exits at once. */
function waitForStopSignal() {
	return new Promise((resolve) => {
		/** @param {NodeJS.Signals} signal */
		const onSignal = (signal) => {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
			process.once('SIGINT', () => {
				log('Second Ctrl+C: exiting without waiting for n8n to stop');
				process.exit(130);
			});
			resolve(signal);
		};
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
	});
}

/**
 * Prints why a run failed: the workflow error and each node's error, from the run data.
 *
 * @param {any} run
 */
function printRunErrors(run) {
	const resultData = run?.data?.resultData ?? {};
	if (resultData.error?.message) console.error(`  Workflow error: ${resultData.error.message}`);
	for (const [nodeName, tasks] of Object.entries(resultData.runData ?? {})) {
		for (const task of /** @type {any[]} */ (tasks)) {
			if (task.error?.message) console.error(`  ${nodeName}: ${task.error.message}`);
		}
	}
}

/**
 * @param {boolean} once
 * @returns {Promise<number>} The exit code.
 */
async function runDemo(once) {
	log('Checking the pinned n8n runtime');
	await ensureRuntime({ log: (line) => log(`runtime: ${line}`) });

	log('Building the package (npm run build)');
	await runCommandOrThrow('npm', ['run', 'build'], { cwd: REPO_ROOT, timeoutMs: 300_000 });

	log('Packing the package (npm pack)');
	const tarball = await packPackage();
	const packFolder = path.dirname(tarball);
	log(`Packed ${path.relative(REPO_ROOT, tarball)}`);

	log('Creating a fresh n8n user folder and installing the package into it');
	const instance = await createN8nInstance({ label: 'demo', tarball });
	log(`User folder: ${path.relative(REPO_ROOT, instance.userFolder)}`);

	/** @type {import('../sandbox').Sandbox | undefined} */
	let sandbox;
	/** @type {import('./lib/n8n-server').N8nServer | undefined} */
	let server;
	let keepUserFolder = false;
	try {
		log('Starting the Kula sandbox');
		sandbox = await startSandbox({
			port: 0,
			host: '127.0.0.1',
			log: (line) => log(`sandbox: ${line}`),
		});
		log(`Kula sandbox listening on ${sandbox.url}`);

		log('Importing the Kula credential (n8n import:credentials)');
		const credential = exampleCredential({ baseUrl: sandbox.url, apiKey: API_KEYS.application });
		await instance.importCredentials([credential]);

		log(`Importing ${path.relative(REPO_ROOT, EXAMPLE_WORKFLOW_FILE)} (n8n import:workflow)`);
		await instance.importWorkflow(EXAMPLE_WORKFLOW_FILE);

		const workflow = readExampleWorkflow();
		log(`Running "${workflow.name}" (n8n execute --id=${workflow.id})`);
		const { run } = await instance.execute(workflow.id);
		const succeeded = run.status === 'success';
		if (succeeded) {
			log('The workflow succeeded and created these interviews:');
			console.log(`\n${formatInterviewTable(createdInterviews(run))}\n`);
		} else {
			log(`The workflow ended with status "${run.status}":`);
			printRunErrors(run);
			keepUserFolder = true;
		}

		if (once) return succeeded ? 0 : 1;

		// Listening before the server starts means a Ctrl+C during startup still stops it cleanly.
		const stopSignal = waitForStopSignal();
		log('Starting n8n (n8n start)');
		server = await instance.start();
		console.log(
			[
				'',
				`  n8n editor:       ${server.url}/`,
				`  Kula sandbox:     ${sandbox.url}  (API key: ${API_KEYS.application})`,
				`  Example workflow: ${server.url}/workflow/${workflow.id}`,
				'',
				'  The first visit asks you to create the owner account; the example workflow and',
				'  the "Kula sandbox" credential then appear under Overview.',
				`  n8n log: ${path.relative(REPO_ROOT, server.logFile)}`,
				'',
				'  Press Ctrl+C to stop n8n and the sandbox.',
				'',
			].join('\n'),
		);
		const serverExit = server.exited.then((status) => ({ status }));
		const outcome = await Promise.race([stopSignal.then((signal) => ({ signal })), serverExit]);
		if ('signal' in outcome) {
			log(`Received ${outcome.signal}, stopping`);
			return 0;
		}
		log(`n8n stopped unexpectedly (${outcome.status}). See ${server.logFile}`);
		keepUserFolder = true;
		return 1;
	} catch (error) {
		keepUserFolder = true;
		throw error;
	} finally {
		if (server) log(`n8n stopped (${await server.stop()})`);
		if (sandbox) {
			await sandbox.close();
			log('Kula sandbox stopped');
		}
		if (keepUserFolder) {
			log(`Kept ${path.relative(REPO_ROOT, instance.userFolder)} for inspection`);
		} else {
			instance.remove();
		}
		fs.rmSync(packFolder, { recursive: true, force: true });
	}
}

runDemo(process.argv.includes('--once')).then(
	(exitCode) => {
		log(exitCode === 0 ? 'Done' : 'Failed');
		process.exitCode = exitCode;
	},
	(error) => {
		console.error(error instanceof Error ? error.message : error);
		log('Failed');
		process.exitCode = 1;
	},
);
