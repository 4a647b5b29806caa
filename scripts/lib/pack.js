// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { npmEnvironment } = require('./npm');
const { REPO_ROOT, TMP_ROOT } = require('./paths');
const { runCommandOrThrow } = require('./process');

/**
 * Packs this repository with `npm pack` into a new folder under .tmp/ and returns the tarball's
 * path. Packs what is built now, so run `npm run build` first. Each call gets its own folder, so
 * a demo and a test that pack at the same time do not overwrite each other's tarball.
 *
 * @returns {Promise<string>}
 */
async function packPackage() {
	fs.mkdirSync(TMP_ROOT, { recursive: true });
	const destination = fs.mkdtempSync(path.join(TMP_ROOT, 'pack-'));
	const { stdout } = await runCommandOrThrow(
		'npm',
		['pack', '--json', '--pack-destination', destination],
		{ cwd: REPO_ROOT, env: npmEnvironment() },
	);
	/** @type {Array<{ filename: string, files: Array<{ path: string }> }>} */
	const [packed] = JSON.parse(stdout);
	if (!packed.files.some((file) => file.path.startsWith('dist/'))) {
		throw new Error(`The packed tarball contains no dist/ files. Run \`npm run build\` first.`);
	}
	return path.join(destination, packed.filename);
}

module.exports = { packPackage };
