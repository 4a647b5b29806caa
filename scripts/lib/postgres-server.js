// @ts-check
'use strict';

/**
 * A throw-away PostgreSQL for n8n's queue mode: a new cluster from Debian's server binaries in a
 * scratch folder, listening on 127.0.0.1 on a free port, with a generated password. It is
 * started directly, without systemd or pg_ctlcluster, so it also runs in a container.
 */

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { LOOPBACK, findFreePort } = require('./n8n-env');
const { runCommand, runCommandOrThrow } = require('./process');
const { startService } = require('./service');

const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';
const REQUIRED_BINARIES = ['initdb', 'postgres', 'pg_isready', 'psql'];
/** The database superuser and the database that n8n uses. */
const DATABASE_USER = 'n8n';
const DATABASE_NAME = 'n8n';

/**
 * Returns the bin folder of the newest PostgreSQL version that Debian's packages installed
 * (`/usr/lib/postgresql/<version>/bin`), or undefined. `POSTGRES_BIN_DIR` overrides it.
 */
function postgresBinDir() {
	if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
	let versions;
	try {
		versions = fs.readdirSync(DEBIAN_POSTGRES_ROOT);
	} catch {
		return undefined;
	}
	return versions
		.filter((version) => /^\d+$/.test(version))
		.sort((a, b) => Number(b) - Number(a))
		.map((version) => path.join(DEBIAN_POSTGRES_ROOT, version, 'bin'))
		.find((dir) => REQUIRED_BINARIES.every((binary) => fs.existsSync(path.join(dir, binary))));
}

/** @type {import('./debian-packages').DebianRequirement} */
const POSTGRES_REQUIREMENT = {
	purpose: 'the queue-mode test (PostgreSQL)',
	packages: ['postgresql'],
	isPresent: () => postgresBinDir() !== undefined,
};

/**
 * @typedef {object} PostgresServer
 * @property {string} host
 * @property {number} port
 * @property {string} user
 * @property {string} password
 * @property {string} database
 * @property {string} dataDir
 * @property {number} pid Id of the postmaster, which leads the process group of its backends.
 * @property {(sql: string) => Promise<string>} query Runs SQL with psql and returns its
 *   unaligned, tuples-only output (one row per line, columns separated by `|`).
 * @property {() => Promise<string>} stop Stops the server with a fast shutdown and returns how
 *   the postmaster exited. The data folder stays; the caller removes it.
 */

/**
 * Returns the uid and gid of Debian's `postgres` system user, under which the server runs when
 * this process is root: initdb and postgres refuse to run as root.
 *
 * @returns {{ uid: number, gid: number } | undefined} undefined when this process is not root.
 */
function serverAccount() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
	const entry = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.map((line) => line.split(':'))
		.find((fields) => fields[0] === 'postgres');
	if (!entry) {
		throw new Error(
			'PostgreSQL cannot run as root and there is no "postgres" user. Install Debian\'s postgresql package, which creates it.',
		);
	}
	return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/**
 * Creates a cluster in `<folder>/postgres` and starts it. `folder` must be traversable by the
 * `postgres` user when this process is root (mode 755).
 *
 * @param {{ folder: string, onSpawn?: (pid: number) => void }} options `onSpawn` receives the
 *   server's process id right after the spawn.
 * @returns {Promise<PostgresServer>}
 */
async function startPostgres({ folder, onSpawn }) {
	const binDir = postgresBinDir();
	if (!binDir) {
		throw new Error(
			`No PostgreSQL server binaries in ${DEBIAN_POSTGRES_ROOT}/<version>/bin. Install Debian's postgresql package.`,
		);
	}
	const account = serverAccount();
	const serverFolder = path.join(folder, 'postgres');
	const dataDir = path.join(serverFolder, 'data');
	const socketDir = path.join(serverFolder, 'sockets');
	fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
	const password = crypto.randomBytes(24).toString('hex');
	const passwordFile = path.join(serverFolder, 'password');
	fs.writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
	if (account) {
		for (const entry of [serverFolder, socketDir, passwordFile]) {
			fs.chownSync(entry, account.uid, account.gid);
		}
	}

	const initdb = childProcess.spawnSync(
		path.join(binDir, 'initdb'),
		[
			'--pgdata',
			dataDir,
			'--username',
			DATABASE_USER,
			`--pwfile=${passwordFile}`,
			'--auth=scram-sha-256',
			'--encoding=UTF8',
			'--no-locale',
			// The cluster is thrown away after the test, so initdb need not wait for the disk.
			'--no-sync',
		],
		{ encoding: 'utf8', uid: account?.uid, gid: account?.gid, timeout: 120_000 },
	);
	fs.rmSync(passwordFile, { force: true });
	if (initdb.status !== 0) {
		throw new Error(`initdb failed (${initdb.status}):\n${initdb.stdout}\n${initdb.stderr}`);
	}

	const port = await findFreePort();
	const logFile = path.join(serverFolder, 'postgres.log');
	const service = await startService({
		name: 'PostgreSQL',
		command: path.join(binDir, 'postgres'),
		args: [
			'-D',
			dataDir,
			'-c',
			`listen_addresses=${LOOPBACK}`,
			'-p',
			String(port),
			'-c',
			`unix_socket_directories=${socketDir}`,
			// Durability is not needed for a database that lives as long as one test.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		logFile,
		isReady: async () => {
			const check = await runCommand(
				path.join(binDir, 'pg_isready'),
				['-q', '-h', LOOPBACK, '-p', String(port)],
				{ timeoutMs: 5000 },
			);
			return check.code === 0;
		},
		readyTimeoutMs: 60_000,
		// SIGINT requests PostgreSQL's fast shutdown, which ends the open sessions and stops.
		stopSignal: 'SIGINT',
		stopTimeoutMs: 20_000,
		uid: account?.uid,
		gid: account?.gid,
		onSpawn,
	});

	/** @param {string} sql @param {string} database */
	const runSql = async (sql, database) => {
		const connection = ['-h', LOOPBACK, '-p', String(port), '-U', DATABASE_USER, '-d', database];
		// -X skips ~/.psqlrc; -A -t print bare values, one row per line.
		const output = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-A', '-t', '-c', sql];
		const { stdout } = await runCommandOrThrow(
			path.join(binDir, 'psql'),
			[...connection, ...output],
			{
				env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' },
				timeoutMs: 30_000,
			},
		);
		return stdout.replace(/\n$/, '');
	};
	try {
		await runSql(`CREATE DATABASE ${DATABASE_NAME}`, 'postgres');
	} catch (error) {
		await service.stop();
		throw error;
	}

	return {
		host: LOOPBACK,
		port,
		user: DATABASE_USER,
		password,
		database: DATABASE_NAME,
		dataDir,
		pid: service.pid,
		query: (sql) => runSql(sql, DATABASE_NAME),
		stop: service.stop,
	};
}

module.exports = { POSTGRES_REQUIREMENT, postgresBinDir, startPostgres };
