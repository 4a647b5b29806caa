// @ts-check
'use strict';

/**
 * Times one `require` of a module in a fresh process. The modules in `preload` are required
 * first and not timed, to measure what loading the package adds to a process that already has
 * them, as n8n has n8n-workflow.
 *
 * Input: { file, preload }. Output: { ms }.
 */

const { performance } = require('node:perf_hooks');

const { readChildInput } = require('../child');

const { file, preload } = readChildInput();
for (const name of preload) require(name);
const started = performance.now();
require(file);
console.log(JSON.stringify({ ms: performance.now() - started }));
