// @ts-check
'use strict';

/**
 * Starts a real n8n (the runtime of scripts/runtime.js) three times with JSON logs at debug
 * level: without community packages, with the packed package, and with a broken copy of it. The
 * package must load and add no warning or error to the log, and the broken copy must add one,
 * which shows that the comparison can fail. Needs `npm run build` and the runtime, and
 * `npm test` provides both.
 */

const fs = require('node:fs');
const path = require('node:path');

const { createN8nInstance } = require('../../scripts/lib/n8n-instance');
const { fetchTypeDescriptions, setUpOwner, waitForRestApi } = require('../../scripts/lib/n8n-rest');
const { packFolder, packPackage, unpackTarball } = require('../../scripts/lib/pack');
const { assertRuntimeReady } = require('../../scripts/runtime');

/**
 * Each start, with the package install and the stop, took 20–35 s on a 2-core machine that ran
 * other tests at the same time.
 */
const SETUP_TIMEOUT_MS = 420_000;
const LOG_ENV = { N8N_LOG_FORMAT: 'json', N8N_LOG_LEVEL: 'debug' };
const PACKAGE_NAME = 'n8n-nodes-kula';
/** A node path that the broken copy declares in its `n8n` section but does not ship. */
const MISSING_NODE_FILE = 'dist/nodes/KulaMissing/KulaMissing.node.js';

/** @type {{ n8n: { nodes: string[], credentials: string[] } }} */
const MANIFEST = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));

/**
 * One line of n8n's log: a JSON entry of N8N_LOG_FORMAT=json, or, for a line that is not JSON
 * (e.g. a Node.js warning on stderr), level `unstructured` with the line as message.
 *
 * @typedef {object} LogEntry
 * @property {string} level
 * @property {string} message
 * @property {Record<string, any>} [metadata]
 */

/**
 * @typedef {object} StartRecord
 * @property {LogEntry[]} entries
 * @property {string} userFolder
 * @property {string[]} nodeTypes Names from `/types/nodes.json`.
 * @property {string[]} credentialTypes Names from `/types/credentials.json`.
 */

/** @type {string[]} Folders of packed tarballs, removed at the end. */
const packFolders = [];
/** @type {Record<'bare' | 'package' | 'broken', StartRecord>} */
const starts = /** @type {any} */ ({});

/**
 * @param {string} logFile
 * @returns {LogEntry[]}
 */
function readLogEntries(logFile) {
	const lines = fs.readFileSync(logFile, 'utf8').split('\n');
	return lines
		.filter((line) => line.trim() !== '')
		.map((line) => {
			try {
				const entry = JSON.parse(line);
				if (typeof entry?.level === 'string') return entry;
			} catch {
				// Not JSON: kept as an unstructured entry below.
			}
			return { level: 'unstructured', message: line };
		});
}

/**
 * Returns the warnings, errors and unstructured lines of `start` whose message does not occur
 * in `baseline`. Folder paths and numbers (ports, process ids) are replaced before the
 * comparison, because they differ between any two starts.
 *
 * @param {StartRecord} baseline
 * @param {StartRecord} start
 */
function newProblems(baseline, start) {
	/** @param {StartRecord} record */
	const problems = (record) =>
		record.entries
			.filter((entry) => ['warn', 'error', 'unstructured'].includes(entry.level))
			.map((entry) => ({
				level: entry.level,
				message: entry.message,
				key: `${entry.level}: ${entry.message}`
					.split(record.userFolder)
					.join('<user folder>')
					.replace(/\d+/g, '#'),
			}));
	const known = new Set(problems(baseline).map((problem) => problem.key));
	return problems(start)
		.filter((problem) => !known.has(problem.key))
		.map(({ level, message }) => ({ level, message }));
}

/**
 * Starts n8n with `tarball` installed (or none), signs in, reads the type files that the editor
 * loads, stops n8n and returns what it logged. Every start takes the same steps, so that the
 * logs differ only by what the package causes: n8n 1.123.81 logs some warnings only after
 * readiness.
 *
 * @param {string} label
 * @param {string | null} tarball
 * @returns {Promise<StartRecord>}
 */
async function startAndStop(label, tarball) {
	const instance = await createN8nInstance({ label, tarball, extraEnv: LOG_ENV });
	try {
		const server = await instance.start();
		/** @type {string[]} */
		let nodeTypes = [];
		/** @type {string[]} */
		let credentialTypes = [];
		try {
			const session = await setUpOwner(server.url);
			nodeTypes = (await fetchTypeDescriptions(session, 'nodes')).map((type) => type.name);
			credentialTypes = (await fetchTypeDescriptions(session, 'credentials')).map(
				(type) => type.name,
			);
		} finally {
			await server.stop();
		}
		const entries = readLogEntries(server.logFile);
		return { entries, userFolder: instance.userFolder, nodeTypes, credentialTypes };
	} finally {
		instance.remove();
	}
}

/** @param {'bare' | 'package' | 'broken'} name */
function getStart(name) {
	const start = starts[name];
	if (!start) throw new Error(`n8n start "${name}" did not finish. See the beforeAll error.`);
	return start;
}

beforeAll(async () => {
	assertRuntimeReady();

	const tarball = await packPackage();
	packFolders.push(path.dirname(tarball));
	const brokenDir = await unpackTarball(tarball);
	const manifestFile = path.join(brokenDir, 'package.json');
	const brokenManifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	brokenManifest.n8n.nodes.push(MISSING_NODE_FILE);
	fs.writeFileSync(manifestFile, JSON.stringify(brokenManifest, null, '\t') + '\n');
	const broken = await packFolder(brokenDir);
	packFolders.push(path.dirname(broken.tarball));

	// One at a time: three n8n processes at once would slow each other down on 2 cores.
	starts.bare = await startAndStop('load-bare', null);
	starts.package = await startAndStop('load-package', tarball);
	starts.broken = await startAndStop('load-broken', broken.tarball);
}, SETUP_TIMEOUT_MS);

afterAll(() => {
	for (const folder of packFolders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('package in a real n8n', () => {
	test('loader counts nodes and credentials', () => {
		const loaded = getStart('package').entries.find(
			(entry) => entry.message === `Loaded all credentials and nodes from ${PACKAGE_NAME}`,
		);
		expect(loaded?.metadata).toEqual(
			expect.objectContaining({
				nodes: MANIFEST.n8n.nodes.length,
				credentials: MANIFEST.n8n.credentials.length,
			}),
		);
	});

	test('editor receives node types', () => {
		const { nodeTypes } = getStart('package');
		expect(nodeTypes).toContain(`${PACKAGE_NAME}.kulaInterview`);
		expect(nodeTypes).toContain(`${PACKAGE_NAME}.kulaTrigger`);
	});

	test('editor receives credential type', () => {
		expect(getStart('package').credentialTypes).toContain('kulaApi');
	});

	test('log has no new warnings', () => {
		expect(newProblems(getStart('bare'), getStart('package'))).toEqual([]);
	});

	test('broken copy logs a problem', () => {
		const problems = newProblems(getStart('bare'), getStart('broken'));
		expect(problems.length).toBeGreaterThan(0);
		expect(problems.map((problem) => problem.message).join('\n')).toContain(PACKAGE_NAME);
	});
});
