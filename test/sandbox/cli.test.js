// @ts-check
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { API_KEYS } = require('./helpers');

const CLI_PATH = path.join(__dirname, '..', '..', 'sandbox', 'cli.js');

/**
 * Starts the CLI and resolves with the process and its URL once it prints the listening line.
 * @param {string[]} args
 */
function startCli(args) {
	const child = spawn(process.execPath, [CLI_PATH, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	const output = { stdout: '', stderr: '' };
	child.stdout.on('data', (chunk) => (output.stdout += chunk));
	child.stderr.on('data', (chunk) => (output.stderr += chunk));
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);

	/** @type {Promise<string>} */
	const listening = new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`CLI did not start: ${output.stderr}`)),
			10_000,
		);
		child.stdout.on('data', () => {
			const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.stdout);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', () => {
			clearTimeout(timer);
			reject(new Error(`CLI exited before listening: ${output.stderr}`));
		});
	});
	return { child, output, listening, exited };
}

describe('sandbox CLI', () => {
	test('starts, logs requests, stops on SIGTERM', async () => {
		const cli = startCli(['--port', '0', '--rate-limit', '5/60']);
		const url = await cli.listening;

		const response = await fetch(`${url}/v1/jobs?limit=1`, {
			headers: { Authorization: `Bearer ${API_KEYS.application}` },
		});
		await response.text();
		// Give the child a moment to flush its log line.
		await new Promise((resolve) => setTimeout(resolve, 100));
		cli.child.kill('SIGTERM');
		const exit = await cli.exited;

		const requestLines = cli.output.stdout.split('\n').filter((line) => line.startsWith('GET '));
		expect(response.status).toBe(200);
		expect(response.headers.get('x-ratelimit-limit')).toBe('5');
		expect(cli.output.stdout).toContain(API_KEYS.application);
		expect(cli.output.stdout).toContain('Organizer: 201');
		expect(requestLines).toHaveLength(1);
		expect(requestLines[0]).toMatch(/^GET \/v1\/jobs 200 [\d.]+ms$/);
		expect(cli.output.stdout).toContain('sandbox: stopped');
		expect(exit).toEqual({ code: 0, signal: null });
	});

	test('rejects an invalid option', async () => {
		const cli = startCli(['--rate-limit', 'lots']);
		cli.listening.catch(() => {});

		const exit = await cli.exited;

		expect(exit).toEqual({ code: 2, signal: null });
		expect(cli.output.stderr).toContain('rate limit must look like 1000/3600 or off');
	});

	test('rejects a non-loopback host', async () => {
		const cli = startCli(['--host', '0.0.0.0', '--port', '0']);
		cli.listening.catch(() => {});

		const exit = await cli.exited;

		expect(exit).toEqual({ code: 1, signal: null });
		expect(cli.output.stderr).toContain('loopback');
	});
});
