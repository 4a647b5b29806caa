// @ts-check
'use strict';

/**
 * n8n 2.41.1 in queue mode on 127.0.0.1: a main process, a webhook processor and workers,
 * coordinated through a throw-away Redis, with a throw-away PostgreSQL as the database. Every
 * n8n process gets its own user folder with the packed package installed, as a real deployment
 * installs community packages on every host.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { LOOPBACK, findFreePort, n8nEnvironment } = require('./n8n-env');
const { startN8nServer } = require('./n8n-server');
const { startPostgres } = require('./postgres-server');
const { startRedis } = require('./redis-server');
const { createUserFolder, installPackageTarball, removeUserFolder } = require('./user-folder');

/**
 * @typedef {object} QueueProcess
 * @property {'main' | 'webhook' | 'worker'} role
 * @property {string} name For example "worker 2".
 * @property {import('./n8n-server').N8nServer} server
 * @property {string} userFolder
 */

/**
 * @typedef {object} QueueStack
 * @property {QueueProcess} main Editor, REST and public API; registers triggers and webhooks.
 * @property {QueueProcess} webhook The webhook processor, which serves `/webhook/*`.
 * @property {QueueProcess[]} workers
 * @property {QueueProcess[]} processes Every n8n process of the stack.
 * @property {string} webhookUrl The webhook processor's base URL, set as N8N_WEBHOOK_URL in every
 *   process, so the production webhook URLs that main registers point at it.
 * @property {import('./redis-server').RedisServer} redis
 * @property {import('./postgres-server').PostgresServer} postgres
 * @property {string} scratchFolder Holds Redis's and PostgreSQL's files.
 * @property {() => number[]} rootPids The ids of every process the stack started.
 * @property {() => Promise<Record<string, string>>} stop Stops the n8n processes, then Redis and
 *   PostgreSQL, deletes every folder the stack created and returns how each process exited.
 *   Safe to call more than once.
 */

/**
 * Returns `count` ports on 127.0.0.1 that were free a moment ago, all different.
 *
 * @param {number} count
 */
async function findFreePorts(count) {
	/** @type {Set<number>} */
	const ports = new Set();
	while (ports.size < count) ports.add(await findFreePort());
	return [...ports];
}

/**
 * Starts Redis, PostgreSQL, then n8n main, one webhook processor and `workerCount` workers, all
 * at once on the empty database (one of them runs the migrations while the others wait for its
 * lock). Resolves when every process reports ready, 20–60 s on a 2-core machine. On failure,
 * whatever was started is stopped and removed before the error is thrown.
 *
 * @param {{ label: string, tarball: string, workerCount?: number, log?: (line: string) => void, onSpawn?: (pid: number) => void }} options
 *   `onSpawn` receives the id of each process the stack spawns, before it is ready.
 * @returns {Promise<QueueStack>}
 */
async function startQueueStack({ label, tarball, workerCount = 2, log = () => {}, onSpawn }) {
	/** @type {Array<() => Promise<unknown>>} Cleanup steps, run in reverse order. */
	const cleanups = [];
	/** @type {Record<string, string>} */
	const exits = {};
	let stopped = false;
	const stop = async () => {
		if (stopped) return exits;
		stopped = true;
		for (const cleanup of cleanups.reverse()) await cleanup();
		return exits;
	};

	try {
		const scratchFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-queue-${label}-`));
		// PostgreSQL runs as the postgres user when this process is root and must reach its folder.
		fs.chmodSync(scratchFolder, 0o755);
		cleanups.push(async () => fs.rmSync(scratchFolder, { recursive: true, force: true }));

		const [redisStart, postgresStart] = await Promise.allSettled([
			startRedis({ folder: scratchFolder, onSpawn }),
			startPostgres({ folder: scratchFolder, onSpawn }),
		]);
		cleanups.push(async () => {
			if (redisStart.status === 'fulfilled') exits.redis = await redisStart.value.stop();
			if (postgresStart.status === 'fulfilled') exits.postgres = await postgresStart.value.stop();
		});
		if (redisStart.status === 'rejected') throw redisStart.reason;
		if (postgresStart.status === 'rejected') throw postgresStart.reason;
		const redis = redisStart.value;
		const postgres = postgresStart.value;
		log(`Redis on port ${redis.port}, PostgreSQL on port ${postgres.port}`);

		const roles = /** @type {Array<{ role: QueueProcess['role'], name: string }>} */ ([
			{ role: 'main', name: 'main' },
			{ role: 'webhook', name: 'webhook processor' },
			...Array.from({ length: workerCount }, (_, index) => ({
				role: 'worker',
				name: `worker ${index + 1}`,
			})),
		]);
		const userFolders = roles.map(({ name }) =>
			createUserFolder(`${label}-${name.replace(/ /g, '-')}`),
		);
		cleanups.push(async () => userFolders.forEach(removeUserFolder));
		for (const userFolder of userFolders) await installPackageTarball(userFolder, tarball);
		log(`Package installed into ${userFolders.length} user folders`);

		// Per process: an HTTP port (main and webhook processor serve N8N_PORT, a worker its health
		// server) and a task broker port, which every worker opens.
		const ports = await findFreePorts(roles.length * 2);
		const httpPorts = ports.slice(0, roles.length);
		const brokerPorts = ports.slice(roles.length);
		const webhookUrl = `http://${LOOPBACK}:${httpPorts[1]}`;
		const shared = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_REDIS_PASSWORD: redis.password,
			// Every process must decrypt the credentials that main stores.
			N8N_ENCRYPTION_KEY: crypto.randomBytes(32).toString('hex'),
			// Manual runs go to the workers too, as n8n 3 is announced to always do.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_WEBHOOK_URL: `${webhookUrl}/`,
			// NOTE: after two copies of a delivery arrived at the same moment, the webhook processor
			// of n8n 2.41.1 sometimes still counted one finished execution as active and logged
			// "Waiting for 1 active executions to finish" until its shutdown timeout (30 s by
			// default). 10 s keeps the teardown short; nothing runs at that point.
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		};

		/** @type {QueueProcess[]} */
		const processes = [];
		cleanups.push(async () => {
			await Promise.all(
				processes.map(async ({ name, server }) => (exits[name] = await server.stop())),
			);
		});
		const started = await Promise.allSettled(
			roles.map(async ({ role, name }, index) => {
				const userFolder = userFolders[index];
				/** @type {NodeJS.ProcessEnv} */
				const env = {
					...n8nEnvironment({ userFolder, port: httpPorts[index], brokerPort: brokerPorts[index] }),
					...shared,
				};
				if (role === 'main') {
					// Production webhooks then reach only the webhook processor, because main returns 404.
					env.N8N_DISABLE_PRODUCTION_MAIN_PROCESS = 'true';
				}
				if (role === 'worker') {
					env.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
					env.QUEUE_HEALTH_CHECK_PORT = String(httpPorts[index]);
					env.N8N_WORKER_SERVER_ADDRESS = LOOPBACK;
				}
				const server = await startN8nServer({
					env,
					logFile: path.join(userFolder, 'server.log'),
					command: role === 'main' ? 'start' : role,
					// n8n 2.41.1 warns that a concurrency below 5 can make workers unstable.
					args: role === 'worker' ? ['--concurrency=5'] : [],
					name: `n8n ${name}`,
					readyTimeoutMs: 180_000,
					stopTimeoutMs: 20_000,
					onSpawn,
				});
				processes.push({ role, name, server, userFolder });
			}),
		);
		const failure = started.find((result) => result.status === 'rejected');
		if (failure) throw /** @type {PromiseRejectedResult} */ (failure).reason;

		const byName = (/** @type {string} */ name) =>
			/** @type {QueueProcess} */ (processes.find((entry) => entry.name === name));
		const ordered = roles.map(({ name }) => byName(name));
		return {
			main: byName('main'),
			webhook: byName('webhook processor'),
			workers: ordered.filter((entry) => entry.role === 'worker'),
			processes: ordered,
			webhookUrl,
			redis,
			postgres,
			scratchFolder,
			rootPids: () => [...ordered.map(({ server }) => server.pid), redis.pid, postgres.pid],
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startQueueStack };
