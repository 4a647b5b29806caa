// @ts-check
'use strict';

const path = require('node:path');

/** Root of this repository. */
const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Git-ignored scratch folder for packed tarballs and n8n user folders. */
const TMP_ROOT = path.join(REPO_ROOT, '.tmp');

module.exports = { REPO_ROOT, TMP_ROOT };
