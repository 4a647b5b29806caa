// @ts-check
'use strict';

/**
 * Runs the verification scanner's `analyzePackage(dir, patterns)` on each target of the JSON
 * array in argv[2] and prints the results as one JSON array on stdout. `analyzeOffline()` in
 * scan.js starts this file as a child process, with the network guard preloaded.
 */

const { pathToFileURL } = require('node:url');

/**
 * Files of an unpacked tarball that `analyzePackageByName()` in @n8n/scan-community-package
 * 0.32.0 (scanner/scanner.mjs) lints: the compiled JavaScript and the published package.json.
 * The scanner does not export this list, unlike SOURCE_FILE_PATTERNS for the source leg.
 */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

/** The message `analyzePackage()` returns, with `passed: true`, when no file matched. */
const NO_FILES_MESSAGE = 'No files found to analyze';

async function main() {
	/** @type {import('./scan').ScanTarget[]} */
	const targets = JSON.parse(process.argv[2] ?? '[]');
	const scannerFile = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	const scanner = await import(pathToFileURL(scannerFile).href);

	/** @type {import('./scan').ScanResult[]} */
	const results = [];
	for (const target of targets) {
		const patterns =
			target.leg === 'tarball' ? TARBALL_FILE_PATTERNS : scanner.SOURCE_FILE_PATTERNS;
		/** @type {{ passed: boolean, message?: string, details?: string }} */
		const result = await scanner.analyzePackage(target.dir, patterns);
		// A folder without matching files passes the scanner, which would hide a wrong path here.
		const passed = result.passed && result.message !== NO_FILES_MESSAGE;
		results.push({ ...target, patterns, passed, message: result.message, details: result.details });
	}
	process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exitCode = 1;
});
