// @ts-check
'use strict';

/**
 * Debian's Chromium for the browser tests. playwright-core downloads no browser, and this
 * machine reaches no browser CDN, so the system package is used.
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');

/** Debian's chromium package installs this wrapper script. `CHROMIUM_PATH` overrides it. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Installs Debian's chromium package with apt-get when it is missing. Throws with the command
 * to run when it cannot install it itself (not root, or no apt-get).
 *
 * @param {(line: string) => void} log
 */
function ensureChromium(log) {
	if (fs.existsSync(CHROMIUM_PATH)) return;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const hasApt = childProcess.spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
	if (!isRoot || !hasApt) {
		throw new Error(
			`The browser tests need Chromium at ${CHROMIUM_PATH}. Install it with "sudo apt-get install chromium", then run npm test again.`,
		);
	}
	log("Installing Debian's chromium for the browser tests (apt-get, about 20 s)");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
	]) {
		const result = childProcess.spawnSync('apt-get', args, { stdio: 'inherit', env });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
	}
}

module.exports = { CHROMIUM_PATH, ensureChromium };
