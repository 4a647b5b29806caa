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
	const { tarball, files } = await packFolder(REPO_ROOT);
	if (!files.some((file) => file.startsWith('dist/'))) {
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		throw new Error(`The packed tarball contains no dist/ files. Run \`npm run build\` first.`);
	}
	return tarball;
}

/**
 * Packs any package folder with `npm pack` into a new folder under .tmp/, for example an
 * unpacked copy that a test has changed. Returns the tarball's path and the file paths npm
 * reports, relative to the package root.
 *
 * @param {string} folder
 * @returns {Promise<{ tarball: string, files: string[] }>}
 */
async function packFolder(folder) {
	fs.mkdirSync(TMP_ROOT, { recursive: true });
	const destination = fs.mkdtempSync(path.join(TMP_ROOT, 'pack-'));
	const { stdout } = await runCommandOrThrow(
		'npm',
		['pack', '--json', '--pack-destination', destination],
		{ cwd: folder, env: npmEnvironment() },
	);
	/** @type {Array<{ filename: string, files: Array<{ path: string }> }>} */
	const [packed] = JSON.parse(stdout);
	return {
		tarball: path.join(destination, packed.filename),
		files: packed.files.map((file) => file.path),
	};
}

/**
 * Lists the file paths in a tarball from `npm pack`, relative to the package root. npm stores
 * them under a `package/` prefix, which this removes.
 *
 * @param {string} tarball
 * @returns {Promise<string[]>}
 */
async function listTarball(tarball) {
	const { stdout } = await runCommandOrThrow('tar', ['-tzf', tarball]);
	return stdout
		.split('\n')
		.filter((entry) => entry !== '' && !entry.endsWith('/'))
		.map((entry) => entry.replace(/^package\//, ''));
}

/**
 * Extracts a tarball from `npm pack` into a new folder beside it and returns that folder. The
 * package root becomes the folder itself, as in n8n's verification scanner, which extracts with
 * `--strip-components=1`.
 *
 * @param {string} tarball
 * @returns {Promise<string>}
 */
async function unpackTarball(tarball) {
	const folder = fs.mkdtempSync(path.join(path.dirname(tarball), 'unpacked-'));
	await runCommandOrThrow('tar', ['-xzf', tarball, '-C', folder, '--strip-components=1']);
	return folder;
}

module.exports = { packPackage, packFolder, listTarball, unpackTarball };
