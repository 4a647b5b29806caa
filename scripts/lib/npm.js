// @ts-check
'use strict';

/**
 * Returns the environment for an npm child process: this process's variables without the
 * lower-case `npm_*` ones that `npm start` and `npm test` export. Those carry this repository's
 * project config into the child (its .npmrc sets ignore-scripts, the host's npmrc points nodedir
 * at Node 20), which is wrong for installs into other folders. Upper-case NPM_CONFIG_* variables,
 * the usual way to set a registry or proxy in the shell, pass through.
 *
 * @param {NodeJS.ProcessEnv} [extra] Variables to add or override.
 * @returns {NodeJS.ProcessEnv}
 */
function npmEnvironment(extra = {}) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!key.startsWith('npm_')) env[key] = value;
	}
	return { ...env, ...extra };
}

module.exports = { npmEnvironment };
