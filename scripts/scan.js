// @ts-check
'use strict';

/**
 * `npm run scan`: packs the built package and runs the analysis of n8n's verification scanner
 * (@n8n/scan-community-package) on the unpacked tarball and on this repository's sources,
 * without network. Exits 1 when either fails. Run `npm run build` first.
 *
 * This is the scanner's lint step only. The full verification also checks the npm provenance
 * of the published version, which exists only after the Publish workflow has run.
 */

const fs = require('node:fs');
const path = require('node:path');

const { packPackage, unpackTarball } = require('./lib/pack');
const { REPO_ROOT } = require('./lib/paths');
const { analyzeOffline, formatScanResults } = require('./lib/scan');
const { runMain } = require('./lib/main');

async function main() {
	const tarball = await packPackage();
	try {
		const packageDir = await unpackTarball(tarball);
		const results = await analyzeOffline([
			{ leg: 'tarball', dir: packageDir },
			{ leg: 'source', dir: REPO_ROOT },
		]);
		console.log(formatScanResults(results));
		return results.every((result) => result.passed) ? 0 : 1;
	} finally {
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

runMain(main);
