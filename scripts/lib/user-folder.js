// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { npmEnvironment } = require('./npm');
const { TMP_ROOT } = require('./paths');
const { runCommandOrThrow } = require('./process');

/**
 * Creates an empty n8n user folder under .tmp/ (n8n keeps its database, config and encryption key
 * in `<folder>/.n8n`) and returns its path.
 *
 * @param {string} label Part of the folder name, to tell the demo's folders from the tests'.
 */
function createUserFolder(label) {
	fs.mkdirSync(TMP_ROOT, { recursive: true });
	const userFolder = fs.mkdtempSync(path.join(TMP_ROOT, `n8n-${label}-`));
	fs.mkdirSync(path.join(userFolder, '.n8n'), { mode: 0o700 });
	return userFolder;
}

/**
 * Installs a packed community package into `<userFolder>/.n8n/nodes`, where n8n loads every
 * `n8n-nodes-*` package at start under its real node type names (`n8n-nodes-kula.kulaInterview`).
 * `--legacy-peer-deps` keeps npm from installing the `n8n-workflow` peer dependency, so the
 * package uses n8n's own copy as it does in a real installation. Returns the installed folder.
 *
 * @param {string} userFolder
 * @param {string} tarball Path of the `.tgz` from `npm pack`.
 */
async function installPackageTarball(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }, null, '\t') + '\n',
	);
	await runCommandOrThrow(
		'npm',
		['install', tarball, '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: nodesDir, env: npmEnvironment() },
	);

	// npm records the tarball's package under its name in the folder's package.json.
	/** @type {{ dependencies?: Record<string, string> }} */
	const manifest = JSON.parse(fs.readFileSync(path.join(nodesDir, 'package.json'), 'utf8'));
	const [name] = Object.keys(manifest.dependencies ?? {});
	if (!name) throw new Error(`npm install ${tarball} recorded no dependency in ${nodesDir}`);
	return path.join(nodesDir, 'node_modules', name);
}

/**
 * Deletes a user folder created by `createUserFolder`. Refuses paths outside .tmp/.
 *
 * @param {string} userFolder
 */
function removeUserFolder(userFolder) {
	if (path.dirname(path.resolve(userFolder)) !== TMP_ROOT) {
		throw new Error(`Not removing ${userFolder}: it is not a folder directly under ${TMP_ROOT}`);
	}
	fs.rmSync(userFolder, { recursive: true, force: true });
}

module.exports = { createUserFolder, installPackageTarball, removeUserFolder };
