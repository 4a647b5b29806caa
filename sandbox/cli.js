#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Starts the Kula sandbox from the command line, prints what a user needs to connect, and logs
 * one line per request (method, path, status, duration) until SIGINT or SIGTERM.
 */

const { parseArgs } = require('node:util');
const { parseRateLimitText, DEFAULT_PROVISION_DELAY_MS } = require('./config');
const { startSandbox, API_KEYS, SEED } = require('./index');
const {
	DEFAULT_WEBHOOK_TIMEOUT_MS,
	normalizeEventsField,
	normalizeRetryScale,
	normalizeWebhookTimeout,
} = require('./webhooks/config');

const USAGE = `Usage: node sandbox/cli.js [options]

Options:
  --port <port>                TCP port to listen on; 0 picks a free port (default 4010)
  --host <address>             loopback address to listen on: 127.0.0.1 (default) or ::1
  --provision-delay-ms <ms>    delay before a created interview's conference URL is filled
                               (default ${DEFAULT_PROVISION_DELAY_MS})
  --rate-limit <limit/seconds> requests allowed per window, e.g. 1000/3600 (default), or off
  --duration-rule <rule>       duration_minutes rule: newest (5-1440, default) or older
                               (multiple of 15, 15-1440)
  --webhook-retry-scale <n>    factor from 0 to 1 for the webhook retry delays of 1 min to
                               16 h (default 1)
  --webhook-timeout-ms <ms>    time one webhook delivery attempt may take
                               (default ${DEFAULT_WEBHOOK_TIMEOUT_MS})
  --webhook-events-field <f>   event-list field of POST and PATCH /v1/webhooks:
                               subscribed_events (default) or events
  --duplicate-deliveries       deliver every webhook event twice with the same event_id
  --help                       print this help
`;

/**
 * @param {string} name
 * @param {string} text
 */
function parseNonNegativeInteger(name, text) {
	if (!/^\d+$/.test(text)) {
		throw new TypeError(`--${name} must be a non-negative integer, got "${text}"`);
	}
	return Number(text);
}

/** @param {string} text */
function parseRetryScale(text) {
	if (!/^\d+(\.\d+)?(e-?\d+)?$/i.test(text)) {
		throw new TypeError(`--webhook-retry-scale must be a number from 0 to 1, got "${text}"`);
	}
	return normalizeRetryScale(Number(text));
}

/**
 * @param {string[]} args
 * @returns {import('./index').SandboxOptions | null} null when help was requested
 */
function readOptions(args) {
	const { values } = parseArgs({
		args,
		options: {
			port: { type: 'string', default: '4010' },
			host: { type: 'string', default: '127.0.0.1' },
			'provision-delay-ms': { type: 'string', default: String(DEFAULT_PROVISION_DELAY_MS) },
			'rate-limit': { type: 'string', default: '1000/3600' },
			'duration-rule': { type: 'string', default: 'newest' },
			'webhook-retry-scale': { type: 'string', default: '1' },
			'webhook-timeout-ms': { type: 'string', default: String(DEFAULT_WEBHOOK_TIMEOUT_MS) },
			'webhook-events-field': { type: 'string', default: 'subscribed_events' },
			'duplicate-deliveries': { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
		strict: true,
	});
	if (values.help) {
		return null;
	}
	const durationRule = values['duration-rule'];
	if (durationRule !== 'newest' && durationRule !== 'older') {
		throw new TypeError(`--duration-rule must be newest or older, got "${durationRule}"`);
	}
	return {
		port: parseNonNegativeInteger('port', values.port),
		host: values.host,
		provisionDelayMs: parseNonNegativeInteger('provision-delay-ms', values['provision-delay-ms']),
		rateLimit: parseRateLimitText(values['rate-limit']),
		durationRule,
		webhookRetryScale: parseRetryScale(values['webhook-retry-scale']),
		webhookTimeoutMs: normalizeWebhookTimeout(
			parseNonNegativeInteger('webhook-timeout-ms', values['webhook-timeout-ms']),
		),
		webhookEventsField: normalizeEventsField(values['webhook-events-field']),
		duplicateDeliveries: values['duplicate-deliveries'],
		log: (line) => console.log(line),
	};
}

/**
 * Returns the connection details and seeded IDs printed at start-up.
 * @param {string} url
 */
function describeSandbox(url) {
	const { users, jobs, applications, activities, offices, emailTemplates } = SEED;
	return [
		`Kula sandbox listening on ${url}`,
		`  Base URL for the credential: ${url}   (API paths start with /v1)`,
		`  Application API key:         ${API_KEYS.application}`,
		`  Job Boards key (gets 403):   ${API_KEYS.jobBoards}`,
		`  Organizer: ${users.organizer}   Interviewers: ${users.zoomInterviewer} (Zoom host), ${users.interviewer}, ${users.extraInterviewers.join(', ')}`,
		`  Jobs: ${jobs.backend} Senior Backend Engineer, ${jobs.designer} Product Designer`,
		`  Applications: ${applications.backend} and ${applications.backendSecond} (job ${jobs.backend}), ${applications.designer} (job ${jobs.designer})`,
		`  Stage activities: ${activities.recruiterCall} phone, ${activities.technicalZoom} zoom, ${activities.onsiteVisit} onsite, ${activities.hackerrankExercise} hackerrank, ${activities.portfolioMeet} google_meet`,
		`  Templates: candidate ${emailTemplates.candidateInvite}, interviewer ${emailTemplates.interviewerInvite}   Offices: ${offices.lisbon}, ${offices.toronto}`,
		'  Control: GET /_sandbox/requests, GET /_sandbox/deliveries, POST /_sandbox/reset, GET or PUT /_sandbox/config',
	].join('\n');
}

async function main() {
	/** @type {import('./index').SandboxOptions | null} */
	let options;
	try {
		options = readOptions(process.argv.slice(2));
	} catch (error) {
		console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
		console.error(USAGE);
		process.exitCode = 2;
		return;
	}
	if (options === null) {
		console.log(USAGE);
		return;
	}

	const sandbox = await startSandbox(options);
	console.log(describeSandbox(sandbox.url));

	/** @param {NodeJS.Signals} signal */
	const stop = (signal) => {
		console.log(`sandbox: received ${signal}, stopping`);
		sandbox.close().then(
			() => console.log('sandbox: stopped'),
			(error) => {
				console.error(`sandbox: failed to stop cleanly: ${error}`);
				process.exitCode = 1;
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(`sandbox: failed to start: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 1;
});
