// @ts-check
'use strict';

/**
 * Installs the Debian packages that some tests need (Chromium for the browser test, Redis and
 * PostgreSQL for the queue-mode test) with apt-get when they are missing. This works only as
 * root on a system with apt-get, as in CI.
 */

const childProcess = require('node:child_process');

/**
 * @typedef {object} DebianRequirement
 * @property {string} purpose What needs the packages, e.g. "the browser tests".
 * @property {string[]} packages Debian package names to install when `isPresent` is false.
 * @property {() => boolean} isPresent Whether the files the tests use are installed.
 */

function canInstallWithApt() {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const hasApt = childProcess.spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
	return isRoot && hasApt;
}

/**
 * Installs the packages of every requirement that is not present, with one `apt-get update` and
 * one `apt-get install` for all of them. Throws with the command to run when this process cannot
 * install them (not root, or no apt-get), or when a requirement is still missing afterwards.
 *
 * @param {DebianRequirement[]} requirements
 * @param {(line: string) => void} log
 */
function ensureDebianPackages(requirements, log) {
	const missing = requirements.filter((requirement) => !requirement.isPresent());
	if (missing.length === 0) return;

	const packages = [...new Set(missing.flatMap((requirement) => requirement.packages))];
	const purposes = missing.map((requirement) => requirement.purpose).join(' and ');
	const command = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
	if (!canInstallWithApt()) {
		throw new Error(
			`Debian packages needed by ${purposes} are missing: ${packages.join(', ')}. ` +
				`Install them with "sudo ${command}", then run npm test again.`,
		);
	}

	log(`Installing ${packages.join(', ')} for ${purposes} (apt-get, 10 to 60 s)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', '--no-install-recommends', ...packages],
	]) {
		const result = childProcess.spawnSync('apt-get', args, { stdio: 'inherit', env });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
	}

	const stillMissing = missing.filter((requirement) => !requirement.isPresent());
	if (stillMissing.length > 0) {
		const names = stillMissing.map((requirement) => requirement.purpose).join(' and ');
		throw new Error(`apt-get installed ${packages.join(', ')}, but ${names} still miss files`);
	}
}

module.exports = { ensureDebianPackages };
