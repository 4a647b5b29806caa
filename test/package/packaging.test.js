// @ts-check
'use strict';

/**
 * Checks the tarball that `npm pack` builds, as npm would publish it: the files it contains, and
 * every module the compiled code loads. Needs `npm run build`, which `npm test` runs first.
 */

const fs = require('node:fs');
const path = require('node:path');

const { listTarball, packPackage, unpackTarball } = require('../../scripts/lib/pack');
const {
	collectModuleReferences,
	packageNameOf,
	readN8nAllowedModules,
} = require('./module-specifiers');

/** Files outside dist/ that the tarball must contain, and the only ones it may contain. */
const PACKAGE_DOCUMENTS = ['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md'];
/** The peer dependency that n8n provides to every community package. */
const PEER_DEPENDENCY = 'n8n-workflow';

/** @type {string | undefined} */
let tarball;
/** @type {string[]} */
let entries = [];
/** @type {string} */
let packageDir = '';
/** @type {{ main?: string, n8n: { nodes: string[], credentials: string[] } }} */
let manifest;

beforeAll(async () => {
	tarball = await packPackage();
	entries = await listTarball(tarball);
	packageDir = await unpackTarball(tarball);
	manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
});

afterAll(() => {
	if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
});

/**
 * Returns the shipped file that a relative specifier in `fromFile` loads, following Node's
 * CommonJS lookup (exact file, `.js`, `.json`, then `index.js`), or undefined.
 *
 * @param {string} fromFile Path inside the package, e.g. `dist/index.js`.
 * @param {string} specifier
 */
function resolveShippedFile(fromFile, specifier) {
	const base = path.posix.join(path.posix.dirname(fromFile), specifier);
	const candidates = [base, `${base}.js`, `${base}.json`, `${base}/index.js`];
	return candidates.find((candidate) => entries.includes(candidate));
}

describe('packed tarball', () => {
	test('ships n8n section paths', () => {
		const declared = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
		const missing = declared.filter((file) => !entries.includes(path.posix.normalize(file)));
		expect(missing).toEqual([]);
	});

	test('ships main entry point', () => {
		expect(manifest.main).toBeDefined();
		expect(entries).toContain(path.posix.normalize(manifest.main ?? ''));
	});

	test('ships only dist and package documents', () => {
		const unexpected = entries.filter(
			(entry) => !entry.startsWith('dist/') && !PACKAGE_DOCUMENTS.includes(entry),
		);
		expect(unexpected).toEqual([]);
	});

	test('ships every package document', () => {
		const missing = PACKAGE_DOCUMENTS.filter((document) => !entries.includes(document));
		expect(missing).toEqual([]);
	});

	test('n8n allowed list is readable', () => {
		const allowed = readN8nAllowedModules();
		expect(allowed).toContain('n8n-workflow');
		expect(allowed).toContain('zod');
		expect(allowed).toContain('luxon');
	});

	test('dist loads only allowed modules', () => {
		const allowed = new Set([PEER_DEPENDENCY, ...readN8nAllowedModules()]);
		const javascriptFiles = entries.filter((entry) => /^dist\/.*\.js$/.test(entry));
		expect(javascriptFiles.length).toBeGreaterThan(0);

		/** @type {string[]} */
		const rejected = [];
		/** @type {Set<string>} */
		const packagesLoaded = new Set();
		for (const file of javascriptFiles) {
			const code = fs.readFileSync(path.join(packageDir, file), 'utf8');
			for (const reference of collectModuleReferences(code, file)) {
				const where = `${file}:${reference.line} ${reference.text}`;
				const { specifier } = reference;
				if (specifier === null) {
					rejected.push(`${where}: not a string literal`);
				} else if (specifier.startsWith('./') || specifier.startsWith('../')) {
					if (!resolveShippedFile(file, specifier)) rejected.push(`${where}: not in the tarball`);
				} else if (allowed.has(packageNameOf(specifier)) || allowed.has(specifier)) {
					packagesLoaded.add(specifier);
				} else {
					rejected.push(`${where}: neither relative, ${PEER_DEPENDENCY} nor on n8n's list`);
				}
			}
		}
		expect(rejected).toEqual([]);
		// The nodes load both, so their absence would mean the parser missed the requires.
		expect([...packagesLoaded].sort()).toEqual(expect.arrayContaining(['n8n-workflow', 'zod']));
	});
});
