// @ts-check
'use strict';

/**
 * Debian's Chromium for the browser tests. playwright-core downloads no browser, and this
 * machine reaches no browser CDN, so the system package is used.
 */

const fs = require('node:fs');

/** Debian's chromium package installs this wrapper script. `CHROMIUM_PATH` overrides it. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Installed by `npm test` through `ensureDebianPackages` when missing.
 *
 * @type {import('./debian-packages').DebianRequirement}
 */
const CHROMIUM_REQUIREMENT = {
	purpose: 'the browser tests',
	packages: ['chromium'],
	isPresent: () => fs.existsSync(CHROMIUM_PATH),
};

module.exports = { CHROMIUM_PATH, CHROMIUM_REQUIREMENT };
