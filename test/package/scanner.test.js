// @ts-check
'use strict';

/**
 * Runs the analysis of n8n's verification scanner (@n8n/scan-community-package) without
 * network, on the unpacked `npm pack` tarball and on this repository's sources, and on broken
 * copies of both to show that the analysis can fail. Needs `npm run build`, which `npm test`
 * runs first.
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { packPackage, unpackTarball } = require('../../scripts/lib/pack');
const { REPO_ROOT } = require('../../scripts/lib/paths');
const { NETWORK_GUARD_FILE, analyzeOffline } = require('../../scripts/lib/scan');

const SETUP_TIMEOUT_MS = 240_000;
/**
 * A read of an environment variable, which n8n Cloud does not allow in a community node. It
 * starts with a line break because tsc ends each file with a `//# sourceMappingURL` comment.
 */
const ENVIRONMENT_READ = '\nexports.proxyUrl = process.env.HTTPS_PROXY;\n';

/** @type {string | undefined} */
let tarball;
/** @type {Record<string, import('../../scripts/lib/scan').ScanResult>} */
const results = {};

/**
 * Copies a folder to a new sibling folder under the same parent and returns the copy's path.
 *
 * @param {string} folder
 * @param {string} name
 */
function copyFolder(folder, name) {
	const copy = path.join(path.dirname(folder), name);
	fs.cpSync(folder, copy, { recursive: true });
	return copy;
}

/**
 * Rewrites a package.json in place.
 *
 * @param {string} file
 * @param {(manifest: Record<string, any>) => void} change
 */
function editManifest(file, change) {
	const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
	change(manifest);
	fs.writeFileSync(file, JSON.stringify(manifest, null, '\t') + '\n');
}

/**
 * Copies what the scanner's source leg reads (package.json, nodes/, credentials/) into a new
 * folder beside `beside` and returns it.
 *
 * @param {string} beside
 */
function copySources(beside) {
	const copy = path.join(path.dirname(beside), 'source-copy');
	fs.mkdirSync(copy);
	fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(copy, 'package.json'));
	for (const folder of ['nodes', 'credentials']) {
		fs.cpSync(path.join(REPO_ROOT, folder), path.join(copy, folder), { recursive: true });
	}
	return copy;
}

/**
 * @param {string} key
 * @returns {import('../../scripts/lib/scan').ScanResult}
 */
function resultFor(key) {
	const result = results[key];
	if (!result) throw new Error(`No scan result for ${key}. See the beforeAll error.`);
	return result;
}

beforeAll(async () => {
	tarball = await packPackage();
	const packageDir = await unpackTarball(tarball);

	const withDependency = copyFolder(packageDir, 'with-runtime-dependency');
	editManifest(path.join(withDependency, 'package.json'), (manifest) => {
		manifest.dependencies = { lodash: '4.17.21' };
	});

	const withEnvironmentRead = copyFolder(packageDir, 'with-environment-read');
	fs.appendFileSync(
		path.join(withEnvironmentRead, 'dist', 'nodes', 'shared', 'transport.js'),
		ENVIRONMENT_READ,
	);

	const sourceWithEnvironmentRead = copySources(packageDir);
	fs.appendFileSync(
		path.join(sourceWithEnvironmentRead, 'nodes', 'shared', 'transport.ts'),
		'\nexport const proxyUrl = process.env.HTTPS_PROXY;\n',
	);

	/** @type {Record<string, import('../../scripts/lib/scan').ScanTarget>} */
	const targets = {
		tarball: { leg: 'tarball', dir: packageDir },
		source: { leg: 'source', dir: REPO_ROOT },
		tarballWithDependency: { leg: 'tarball', dir: withDependency },
		tarballWithEnvironmentRead: { leg: 'tarball', dir: withEnvironmentRead },
		sourceWithEnvironmentRead: { leg: 'source', dir: sourceWithEnvironmentRead },
	};
	const keys = Object.keys(targets);
	const scanned = await analyzeOffline(keys.map((key) => targets[key]));
	keys.forEach((key, index) => (results[key] = scanned[index]));
}, SETUP_TIMEOUT_MS);

afterAll(() => {
	if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
});

describe('verification scanner analysis', () => {
	test('packed tarball passes', () => {
		const result = resultFor('tarball');
		expect(result.details).toBeUndefined();
		expect(result.message).toBeUndefined();
		expect(result.passed).toBe(true);
	});

	test('source files pass', () => {
		const result = resultFor('source');
		expect(result.details).toBeUndefined();
		expect(result.message).toBeUndefined();
		expect(result.passed).toBe(true);
	});

	test('runtime dependency fails', () => {
		const result = resultFor('tarballWithDependency');
		expect(result.passed).toBe(false);
		expect(result.details).toContain('@n8n/community-nodes/no-runtime-dependencies');
	});

	test('environment read in dist fails', () => {
		const result = resultFor('tarballWithEnvironmentRead');
		expect(result.passed).toBe(false);
		expect(result.details).toContain('transport.js');
		expect(result.details).toContain('@n8n/community-nodes/no-restricted-globals');
	});

	test('environment read in source fails', () => {
		const result = resultFor('sourceWithEnvironmentRead');
		expect(result.passed).toBe(false);
		expect(result.details).toContain('transport.ts');
		expect(result.details).toContain('@n8n/community-nodes/no-restricted-globals');
	});

	test('empty folder fails', async () => {
		const emptyDir = fs.mkdtempSync(path.join(path.dirname(tarball ?? REPO_ROOT), 'empty-'));
		const [result] = await analyzeOffline([{ leg: 'tarball', dir: emptyDir }]);
		expect(result.message).toBe('No files found to analyze');
		expect(result.passed).toBe(false);
	}, 60_000);
});

describe('network guard of the analysis', () => {
	test('blocks a connection to a local server', async () => {
		let connections = 0;
		const server = http.createServer((_request, response) => response.end('reached'));
		server.on('connection', () => connections++);
		await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : 0;

		try {
			const script = `fetch('http://127.0.0.1:${port}/').then(
				() => console.log('reached'),
				(error) => console.log(String(error.cause?.message ?? error.message)),
			);`;
			const output = childProcess.execFileSync(
				process.execPath,
				['--require', NETWORK_GUARD_FILE, '-e', script],
				{ encoding: 'utf8' },
			);
			expect(output).toContain('Network access is disabled in this process');
			expect(connections).toBe(0);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});
