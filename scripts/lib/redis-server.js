// @ts-check
'use strict';

/**
 * A throw-away Redis for n8n's queue mode: Debian's redis-server on 127.0.0.1, on a free port,
 * with a generated password and no persistence.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { LOOPBACK, findFreePort } = require('./n8n-env');
const { startService } = require('./service');

/** Debian's redis-server package installs the server here. `REDIS_SERVER_PATH` overrides it. */
const REDIS_SERVER_PATH = process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server';

/** @type {import('./debian-packages').DebianRequirement} */
const REDIS_REQUIREMENT = {
	purpose: 'the queue-mode test (Redis)',
	packages: ['redis-server'],
	isPresent: () => fs.existsSync(REDIS_SERVER_PATH),
};

/**
 * @typedef {object} RedisServer
 * @property {string} host
 * @property {number} port
 * @property {string} password
 * @property {number} pid
 * @property {() => Promise<string>} stop Stops Redis and returns how it exited.
 */

/**
 * Sends AUTH and PING over one connection and resolves true when Redis replies PONG.
 *
 * @param {number} port
 * @param {string} password
 * @returns {Promise<boolean>}
 */
function answersPing(port, password) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: LOOPBACK, port });
		let received = '';
		/** @param {boolean} result */
		const finish = (result) => {
			socket.destroy();
			resolve(result);
		};
		socket.setTimeout(2000, () => finish(false));
		socket.on('error', () => finish(false));
		socket.on('connect', () => socket.write(`AUTH ${password}\r\nPING\r\n`));
		socket.on('data', (chunk) => {
			received += chunk.toString('utf8');
			if (received.includes('+PONG')) finish(true);
			else if (received.includes('-')) finish(false);
		});
	});
}

/**
 * Starts redis-server in `folder` and resolves once it replies to PING. The configuration file,
 * which contains the password, is created there with mode 600, so the password does not
 * appear in the process list.
 *
 * @param {{ folder: string, onSpawn?: (pid: number) => void }} options `onSpawn` receives the
 *   server's process id right after the spawn.
 * @returns {Promise<RedisServer>}
 */
async function startRedis({ folder, onSpawn }) {
	const port = await findFreePort();
	const password = crypto.randomBytes(24).toString('hex');
	const configFile = path.join(folder, 'redis.conf');
	const settings = [
		`bind ${LOOPBACK}`,
		`port ${port}`,
		`requirepass ${password}`,
		// No snapshots and no append-only file: the data lives only as long as the test.
		'save ""',
		'appendonly no',
		`dir ${folder}`,
		'daemonize no',
	];
	fs.writeFileSync(configFile, settings.join('\n') + '\n', { mode: 0o600 });

	const service = await startService({
		name: 'Redis',
		command: REDIS_SERVER_PATH,
		args: [configFile],
		logFile: path.join(folder, 'redis.log'),
		isReady: () => answersPing(port, password),
		readyTimeoutMs: 30_000,
		stopTimeoutMs: 10_000,
		onSpawn,
	});
	return { host: LOOPBACK, port, password, pid: service.pid, stop: service.stop };
}

module.exports = { REDIS_REQUIREMENT, REDIS_SERVER_PATH, startRedis };
