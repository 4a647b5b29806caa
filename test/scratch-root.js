// @ts-check
// Jest's global setup and teardown: one scratch folder for the whole run, under which
// setup-env.js gives each test file its own n8n user folder. Jest workers end without running
// exit hooks, so the folder is removed here rather than by each worker.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const VARIABLE = 'KULA_TEST_SCRATCH_ROOT';

async function setUp() {
	process.env[VARIABLE] = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kula-jest-'));
}

async function tearDown() {
	const root = process.env[VARIABLE];
	if (root) fs.rmSync(root, { recursive: true, force: true });
}

module.exports = { VARIABLE, setUp, tearDown };
