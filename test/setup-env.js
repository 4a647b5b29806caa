// @ts-check
// Runs before every test file. n8n-core writes its instance settings into N8N_USER_FOLDER, so
// each test file gets a scratch folder under the run's root, which the global teardown removes
// (see scratch-root.js). TZ pins JavaScript Date to UTC so that only the workflow timezone a test
// sets decides how times are read.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { VARIABLE } = require('./scratch-root');

const root = process.env[VARIABLE] ?? os.tmpdir();
process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(root, 'n8n-user-'));
process.env.TZ = 'UTC';
// The sandbox listens on 127.0.0.1, which n8n's SSRF protection would block when switched on.
delete process.env.N8N_SSRF_PROTECTION_ENABLED;
