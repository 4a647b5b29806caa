// @ts-check
'use strict';

/**
 * Runs the benchmark's measuring scripts (children/*.js) in fresh processes on the pinned
 * runtime's Node 24, the Node that n8n runs on, so the plain loop and the micro-measurements
 * compare with n8n on the same engine.
 */

const path = require('node:path');

const { runCommandOrThrow } = require('../lib/process');
const { REPO_ROOT } = require('../lib/paths');
const { nodeBinary } = require('../runtime');

const CHILDREN_DIR = path.join(__dirname, 'children');

/**
 * Runs `children/<name>.js` with `input` as JSON in its first argument and returns the JSON
 * value that the child printed as the last line of its stdout.
 *
 * @param {string} name
 * @param {unknown} input
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<any>}
 */
async function runChild(name, input, { timeoutMs = 600_000 } = {}) {
	const script = path.join(CHILDREN_DIR, `${name}.js`);
	const { stdout } = await runCommandOrThrow(nodeBinary(), [script, JSON.stringify(input)], {
		cwd: REPO_ROOT,
		timeoutMs,
	});
	const lastLine = stdout.trim().split('\n').pop() ?? '';
	try {
		return JSON.parse(lastLine);
	} catch {
		throw new Error(`${script} printed no JSON result. Its output:\n${stdout.slice(-2000)}`);
	}
}

/**
 * Reads a child's input from its first argument.
 *
 * @returns {any}
 */
function readChildInput() {
	const text = process.argv[2];
	if (!text) throw new Error(`${process.argv[1]} expects its input as JSON in the first argument`);
	return JSON.parse(text);
}

module.exports = { runChild, readChildInput };
