// @ts-check
// Runs before every test file. n8n-core writes its instance settings into N8N_USER_FOLDER, so
// each jest worker gets one scratch folder, removed when the worker exits; TZ pins JavaScript
// Date to UTC so that only the workflow timezone a test sets decides how times are read.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.KULA_TEST_USER_FOLDER) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-kula-test-'));
	process.env.KULA_TEST_USER_FOLDER = folder;
	process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}
process.env.N8N_USER_FOLDER = process.env.KULA_TEST_USER_FOLDER;
process.env.TZ = 'UTC';
// The sandbox listens on 127.0.0.1, which n8n's SSRF protection would block when switched on.
delete process.env.N8N_SSRF_PROTECTION_ENABLED;
