// @ts-check
'use strict';

/**
 * Runs the analysis of n8n's verification scanner, `@n8n/scan-community-package`, without
 * network. The scanner's CLI downloads the published package and the source commit named in
 * its npm provenance, then lints both with `analyzePackage(dir, patterns)`. Here the same
 * function lints an unpacked `npm pack` tarball and this repository's sources instead.
 *
 * The analysis runs in a child process for three reasons. The scanner is an ES module, which
 * jest cannot import without experimental flags. It creates a temporary folder when it is
 * imported, so the child gets a TMPDIR of its own that is deleted afterwards. And the child
 * preloads no-network.js, so any network access fails instead of reaching a host.
 */

const fs = require('node:fs');
const path = require('node:path');

const { TMP_ROOT } = require('./paths');
const { runCommandOrThrow } = require('./process');

const WORKER_FILE = path.join(__dirname, 'scan-worker.js');
const NETWORK_GUARD_FILE = path.join(__dirname, 'no-network.js');
/** ESLint over both legs took about 4 s on a 2-core machine, so this leaves room for a busy one. */
const SCAN_TIMEOUT_MS = 180_000;

/**
 * One folder to analyse. `tarball` lints an unpacked package as the scanner lints the published
 * tarball (compiled JavaScript and package.json). `source` lints a source tree with the
 * scanner's SOURCE_FILE_PATTERNS (package.json and the files under nodes/ and credentials/).
 *
 * @typedef {object} ScanTarget
 * @property {'tarball' | 'source'} leg
 * @property {string} dir
 */

/**
 * @typedef {object} ScanResult
 * @property {'tarball' | 'source'} leg
 * @property {string} dir
 * @property {string[]} patterns The glob patterns the scanner linted, relative to `dir`.
 * @property {boolean} passed False on a lint error, and when no file matched the patterns.
 * @property {string} [message] The scanner's reason, e.g. "ESLint violations found".
 * @property {string} [details] ESLint's report of the errors, one block per file.
 */

/**
 * Analyses each target with the scanner in one child process and returns the results in the
 * same order. Rejects when the child fails to run, not when a target fails the analysis.
 *
 * @param {ScanTarget[]} targets
 * @returns {Promise<ScanResult[]>}
 */
async function analyzeOffline(targets) {
	fs.mkdirSync(TMP_ROOT, { recursive: true });
	const tmpDir = fs.mkdtempSync(path.join(TMP_ROOT, 'scan-tmp-'));
	// jest sets NODE_ENV=test, and with it eslint-plugin-n8n-nodes-base 1.16 treats every file as
	// `Test.node.ts` (ast/utils/filename.js), which reports false errors and hides real ones.
	const { NODE_ENV, ...env } = process.env;
	try {
		const { stdout } = await runCommandOrThrow(
			process.execPath,
			['--require', NETWORK_GUARD_FILE, WORKER_FILE, JSON.stringify(targets)],
			{ env: { ...env, TMPDIR: tmpDir }, timeoutMs: SCAN_TIMEOUT_MS },
		);
		return JSON.parse(stdout);
	} finally {
		fs.rmSync(tmpDir, { recursive: true, force: true });
	}
}

/**
 * Formats results as lines for a terminal: one line per target, then ESLint's report of each
 * failed one.
 *
 * @param {ScanResult[]} results
 */
function formatScanResults(results) {
	const lines = [];
	for (const result of results) {
		const status = result.passed ? 'passed' : `FAILED: ${result.message ?? 'no files matched'}`;
		lines.push(`${result.leg} leg (${result.dir}, ${result.patterns.join(' ')}): ${status}`);
		if (result.details) lines.push(result.details.trim());
	}
	return lines.join('\n');
}

module.exports = { NETWORK_GUARD_FILE, analyzeOffline, formatScanResults };
