// @ts-check
'use strict';

/**
 * Installs the pinned n8n runtime of the demo and the end-to-end tests into .n8n-runtime/. Node 24
 * comes from the npm `node` package. n8n is installed with --ignore-scripts, then sqlite3 is
 * rebuilt, because it is the only native module n8n needs that ships no usable prebuild.
 *
 * Run directly (`node scripts/runtime.js`) or call `ensureRuntime()`. A marker file records each
 * finished step, so a second run returns at once and an interrupted install resumes from the
 * first unfinished step.
 *
 * KULA_N8N_RUNTIME_DIR selects another n8n installation for a compatibility run: a folder that
 * contains `node_modules/n8n`, installed the same way (`--ignore-scripts`, then sqlite3 rebuilt).
 * It runs on the pinned Node 24, and nothing is installed into it.
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { npmEnvironment } = require('./lib/npm');
const { REPO_ROOT } = require('./lib/paths');

/** Exact version of the npm `node` package. n8n 2.x requires Node 24 or newer. */
const NODE_VERSION = '24.21.0';
/**
 * Exact n8n version. The newest, 2.41.3, depends on @n8n/agents@0.26.2, which the registry
 * mirror this was set up with does not have.
 */
const N8N_VERSION = '2.41.1';

const RUNTIME_DIR = path.join(REPO_ROOT, '.n8n-runtime');
/** npm project that contains only the `node` package, kept apart from n8n's tree. */
const NODE_PROJECT_DIR = path.join(RUNTIME_DIR, 'node24');
const NODE_BIN_DIR = path.join(NODE_PROJECT_DIR, 'node_modules', 'node', 'bin');
/** Headers of the exact Node binary, for node-gyp (the host npmrc points nodedir at Node 20). */
const NODE_HEADERS_DIR = path.join(
	NODE_PROJECT_DIR,
	'node_modules',
	'node',
	'node_modules',
	`node-${process.platform}-${process.arch}`,
);
const N8N_ENTRY = path.join(RUNTIME_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
/** The n8n installation chosen with KULA_N8N_RUNTIME_DIR, or undefined for the pinned one. */
const OVERRIDE_DIR = process.env.KULA_N8N_RUNTIME_DIR
	? path.resolve(process.env.KULA_N8N_RUNTIME_DIR)
	: undefined;
const MARKER_FILE = path.join(RUNTIME_DIR, 'runtime.json');
const LOCK_DIR = path.join(RUNTIME_DIR, '.install.lock');
const LOG_FILE = path.join(RUNTIME_DIR, 'install.log');

const HEARTBEAT_MS = 5000;

/**
 * @typedef {object} Marker
 * @property {string} [node] Node version whose install finished.
 * @property {string} [n8n] n8n version whose install finished.
 * @property {boolean} [sqlite3Rebuilt] Whether sqlite3 was rebuilt for that Node and n8n.
 */

/** @typedef {(line: string) => void} Logger */

/** Returns the path of the Node 24 binary. */
function nodeBinary() {
	return path.join(NODE_BIN_DIR, 'node');
}

/** Returns the path of n8n's CLI script, to run as `<nodeBinary()> <n8nEntry()> <command>`. */
function n8nEntry() {
	if (OVERRIDE_DIR) return path.join(OVERRIDE_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
	return N8N_ENTRY;
}

/** Returns the version of the n8n that `n8nEntry()` runs, read from its package.json. */
function installedN8nVersion() {
	const manifestFile = path.join(path.dirname(n8nEntry()), '..', 'package.json');
	/** @type {{ version: string }} */
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	return manifest.version;
}

/** @returns {Marker} */
function readMarker() {
	try {
		return JSON.parse(fs.readFileSync(MARKER_FILE, 'utf8'));
	} catch {
		return {};
	}
}

/** @param {Marker} marker */
function writeMarker(marker) {
	fs.writeFileSync(MARKER_FILE, JSON.stringify(marker, null, '\t') + '\n');
}

/** @param {Marker} marker */
function isNodeDone(marker) {
	return marker.node === NODE_VERSION && fs.existsSync(nodeBinary());
}

/** @param {Marker} marker */
function isN8nDone(marker) {
	return isNodeDone(marker) && marker.n8n === N8N_VERSION && fs.existsSync(N8N_ENTRY);
}

/**
 * Returns true when every install step finished for the pinned versions, or, with
 * KULA_N8N_RUNTIME_DIR, when the pinned Node and that folder's n8n exist.
 */
function isRuntimeReady() {
	const marker = readMarker();
	if (OVERRIDE_DIR) return isNodeDone(marker) && fs.existsSync(n8nEntry());
	return isN8nDone(marker) && marker.sqlite3Rebuilt === true;
}

/** Returns the error for a KULA_N8N_RUNTIME_DIR run whose Node or n8n is missing. */
function overrideNotReadyError() {
	return new Error(
		`KULA_N8N_RUNTIME_DIR is set, but ${nodeBinary()} (Node ${NODE_VERSION}) or ` +
			`${n8nEntry()} is missing. Run \`node scripts/runtime.js\` once without the variable to ` +
			`install Node, and install n8n into ${OVERRIDE_DIR} with \`npm install n8n@<version> ` +
			'--ignore-scripts` and `npm rebuild sqlite3`, as the README describes under Compatibility.',
	);
}

/**
 * Throws unless the runtime is installed. For callers that must not start a minutes-long install,
 * such as a jest test.
 */
function assertRuntimeReady() {
	if (OVERRIDE_DIR && !isRuntimeReady()) throw overrideNotReadyError();
	if (!isRuntimeReady()) {
		throw new Error(
			`The pinned n8n runtime (Node ${NODE_VERSION}, n8n ${N8N_VERSION}) is missing or incomplete ` +
				`in ${RUNTIME_DIR}. Run \`node scripts/runtime.js\` (or \`npm test\`, which runs it first).`,
		);
	}
}

/**
 * Returns the environment for npm child processes, with Node 24 first on PATH once it exists, so
 * `#!/usr/bin/env node` scripts (npm itself, node-gyp) run on it.
 *
 * @param {NodeJS.ProcessEnv} [extra]
 */
function runtimeNpmEnvironment(extra = {}) {
	if (!fs.existsSync(nodeBinary())) return npmEnvironment(extra);
	const PATH = `${NODE_BIN_DIR}${path.delimiter}${process.env.PATH ?? ''}`;
	return npmEnvironment({ PATH, ...extra });
}

/**
 * @typedef {object} NpmStep
 * @property {string} cwd
 * @property {NodeJS.ProcessEnv} env
 * @property {string} step Name of the step in progress lines.
 * @property {Logger} log
 * @property {AbortSignal} abortSignal Aborting stops npm and everything it started.
 * @property {() => string} [progress] Extra detail for the heartbeat line.
 */

/**
 * Runs npm in `cwd`, appending its output to install.log and printing a heartbeat line with the
 * elapsed time every few seconds. Rejects with the log's tail when npm exits non-zero.
 *
 * npm runs in its own process group: npm 11 does not stop on SIGINT, so a Ctrl+C reaches only
 * this script, which then ends the group (npm, node-gyp, the compiler) with SIGTERM.
 *
 * @param {string[]} args
 * @param {NpmStep} options
 * @returns {Promise<void>}
 */
async function runNpm(args, { cwd, env, step, log, abortSignal, progress }) {
	abortSignal.throwIfAborted();
	const started = Date.now();
	fs.appendFileSync(LOG_FILE, `\n$ (cd ${cwd} && npm ${args.join(' ')})\n`);
	const logFd = fs.openSync(LOG_FILE, 'a');
	log(`${step}: npm ${args.join(' ')}`);

	await new Promise((resolve, reject) => {
		const child = childProcess.spawn('npm', args, {
			cwd,
			env,
			stdio: ['ignore', logFd, logFd],
			detached: true,
		});
		const stopGroup = () => {
			if (child.pid === undefined) return;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// The group has already exited.
			}
		};
		abortSignal.addEventListener('abort', stopGroup, { once: true });
		const timer = setInterval(() => {
			const seconds = Math.round((Date.now() - started) / 1000);
			const detail = progress ? `, ${progress()}` : '';
			log(`${step}: ${seconds}s elapsed${detail}`);
		}, HEARTBEAT_MS);

		child.on('error', (error) => {
			clearInterval(timer);
			abortSignal.removeEventListener('abort', stopGroup);
			fs.closeSync(logFd);
			reject(new Error(`${step}: failed to start npm: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearInterval(timer);
			abortSignal.removeEventListener('abort', stopGroup);
			fs.closeSync(logFd);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`${step}: done in ${seconds}s`);
				resolve(undefined);
				return;
			}
			const tail = fs.readFileSync(LOG_FILE, 'utf8').split('\n').slice(-40).join('\n');
			const reason = signal ? `was killed by ${signal}` : `exited with code ${code}`;
			reject(
				new Error(`${step}: npm ${reason} after ${seconds}s. Last lines of ${LOG_FILE}:\n${tail}`),
			);
		});
	});
}

/**
 * Returns a progress summary for the n8n install: how many registry requests npm has logged (at
 * `--loglevel=http`) and how many top-level packages it has extracted so far.
 *
 * @param {number} logOffset Size of install.log when the install started.
 */
function describeInstallProgress(logOffset) {
	let fetches = 0;
	try {
		const buffer = fs.readFileSync(LOG_FILE);
		fetches = buffer.subarray(logOffset).toString('utf8').split('http fetch').length - 1;
	} catch {
		// The log is created before npm starts, so this only happens if someone deletes it.
	}

	const modulesDir = path.join(RUNTIME_DIR, 'node_modules');
	let packages = 0;
	try {
		for (const entry of fs.readdirSync(modulesDir)) {
			if (entry.startsWith('.')) continue;
			packages += entry.startsWith('@') ? fs.readdirSync(path.join(modulesDir, entry)).length : 1;
		}
	} catch {
		// node_modules does not exist until npm starts extracting.
	}
	return `${fetches} registry requests, ${packages} top-level packages extracted`;
}

/** @param {string} dir @param {object} manifest */
function writePackageJson(dir, manifest) {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, '\t') + '\n');
}

/** @param {Logger} log @param {AbortSignal} abortSignal */
async function installNode(log, abortSignal) {
	fs.rmSync(NODE_PROJECT_DIR, { recursive: true, force: true });
	writePackageJson(NODE_PROJECT_DIR, {
		name: 'n8n-runtime-node',
		private: true,
		dependencies: { node: NODE_VERSION },
	});
	// The `node` package downloads the platform binary in its preinstall script, so scripts must run.
	await runNpm(['install', '--no-audit', '--no-fund', '--ignore-scripts=false'], {
		cwd: NODE_PROJECT_DIR,
		env: runtimeNpmEnvironment(),
		step: `Node ${NODE_VERSION}`,
		log,
		abortSignal,
	});
	const version = childProcess
		.execFileSync(nodeBinary(), ['--version'], { encoding: 'utf8' })
		.trim();
	if (version !== `v${NODE_VERSION}`) {
		throw new Error(
			`Installed Node reports ${version}, expected v${NODE_VERSION} (${nodeBinary()}).`,
		);
	}
}

/** @param {Logger} log @param {AbortSignal} abortSignal */
async function installN8n(log, abortSignal) {
	// A half-finished tree is removed rather than repaired. The lockfile of an earlier run stays,
	// so the reinstall resolves the same transitive versions.
	fs.rmSync(path.join(RUNTIME_DIR, 'node_modules'), { recursive: true, force: true });
	writePackageJson(RUNTIME_DIR, {
		name: 'n8n-runtime',
		private: true,
		dependencies: { n8n: N8N_VERSION },
	});
	// Install scripts are skipped because several of n8n's dependencies (kafka, agent-browser,
	// sqlite3's prebuild) download from GitHub or vendor sites, which this setup must not contact.
	const logOffset = fs.statSync(LOG_FILE).size;
	await runNpm(['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=http'], {
		cwd: RUNTIME_DIR,
		env: runtimeNpmEnvironment(),
		step: `n8n ${N8N_VERSION}`,
		log,
		abortSignal,
		progress: () => describeInstallProgress(logOffset),
	});
}

/** @param {Logger} log @param {AbortSignal} abortSignal */
async function rebuildSqlite3(log, abortSignal) {
	// build_from_source makes sqlite3's install script skip prebuild-install, which would try a
	// download from GitHub first. node-gyp then compiles against the Node 24 headers, which took
	// 81 s on a 2-core machine. npm warns that build-from-source is an unknown config, but it
	// passes the variable through to prebuild-install, which reads it from the environment.
	await runNpm(['rebuild', 'sqlite3', '--ignore-scripts=false'], {
		cwd: RUNTIME_DIR,
		env: runtimeNpmEnvironment({
			npm_config_nodedir: NODE_HEADERS_DIR,
			npm_config_build_from_source: 'true',
		}),
		step: 'sqlite3 rebuild',
		log,
		abortSignal,
	});
	childProcess.execFileSync(nodeBinary(), ['-e', "require('sqlite3')"], {
		cwd: RUNTIME_DIR,
		stdio: 'inherit',
	});
}

/** @param {number} pid */
function isProcessAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Takes the install lock, so that `npm start` and `npm test` started together do not install into
 * the same folder at once. A lock left by a process that no longer exists is removed.
 *
 * @param {Logger} log
 */
async function acquireLock(log) {
	let lastNotice = 0;
	for (;;) {
		try {
			fs.mkdirSync(LOCK_DIR);
			fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
			return;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
		}
		const owner = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8').trim() || 'NaN');
		if (Number.isInteger(owner) && !isProcessAlive(owner)) {
			log(`Removing a stale install lock left by process ${owner}`);
			fs.rmSync(LOCK_DIR, { recursive: true, force: true });
			continue;
		}
		if (Date.now() - lastNotice > 30000) {
			log(`Waiting for process ${owner}, which is installing the runtime`);
			lastNotice = Date.now();
		}
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

function releaseLock() {
	fs.rmSync(LOCK_DIR, { recursive: true, force: true });
}

/**
 * Installs whatever part of the pinned runtime is missing and returns the binary paths. Returns
 * at once when the marker file records every step as finished.
 *
 * @param {{ log?: Logger }} [options]
 * @returns {Promise<{ nodeBinary: string, n8nEntry: string }>}
 */
async function ensureRuntime({ log = (line) => console.log(`[runtime] ${line}`) } = {}) {
	const result = { nodeBinary: nodeBinary(), n8nEntry: n8nEntry() };
	if (isRuntimeReady()) return result;
	if (OVERRIDE_DIR) throw overrideNotReadyError();

	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	await acquireLock(log);
	const started = Date.now();

	// Ctrl+C stops the running npm step instead of leaving it to finish on its own. The marker
	// does not record that step yet, so the next run redoes it.
	const interruption = new AbortController();
	/** @param {NodeJS.Signals} signal */
	const onSignal = (signal) => {
		log(`Received ${signal}, stopping npm`);
		interruption.abort(signal);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		// Another process may have finished the install while this one waited for the lock.
		let marker = readMarker();
		if (isN8nDone(marker) && marker.sqlite3Rebuilt === true) return result;
		log(`Installing Node ${NODE_VERSION} and n8n ${N8N_VERSION} into ${RUNTIME_DIR}`);
		fs.writeFileSync(LOG_FILE, `Install started ${new Date().toISOString()}\n`);
		log(`npm output goes to ${LOG_FILE}`);

		if (!isNodeDone(marker)) {
			marker = {};
			writeMarker(marker);
			await installNode(log, interruption.signal);
			marker = { node: NODE_VERSION };
			writeMarker(marker);
		}
		if (!isN8nDone(marker)) {
			marker = { node: NODE_VERSION };
			writeMarker(marker);
			await installN8n(log, interruption.signal);
			marker = { node: NODE_VERSION, n8n: N8N_VERSION };
			writeMarker(marker);
		}
		if (marker.sqlite3Rebuilt !== true) {
			await rebuildSqlite3(log, interruption.signal);
			writeMarker({ node: NODE_VERSION, n8n: N8N_VERSION, sqlite3Rebuilt: true });
		}
		log(`Runtime ready after ${((Date.now() - started) / 1000).toFixed(1)}s`);
		return result;
	} catch (error) {
		if (!interruption.signal.aborted) throw error;
		throw new Error(
			`The runtime install was interrupted by ${interruption.signal.reason}; ` +
				'the next run redoes the unfinished step.',
		);
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		releaseLock();
	}
}

module.exports = {
	NODE_VERSION,
	N8N_VERSION,
	RUNTIME_DIR,
	nodeBinary,
	n8nEntry,
	installedN8nVersion,
	isRuntimeReady,
	assertRuntimeReady,
	ensureRuntime,
};

if (require.main === module) {
	const started = Date.now();
	ensureRuntime().then(
		(runtime) => {
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			console.log(`[runtime] Node ${NODE_VERSION}: ${runtime.nodeBinary}`);
			console.log(
				`[runtime] n8n ${installedN8nVersion()}: ${runtime.n8nEntry} (checked in ${seconds}s)`,
			);
		},
		(error) => {
			console.error(`[runtime] ${error instanceof Error ? error.message : error}`);
			process.exitCode = 1;
		},
	);
}
