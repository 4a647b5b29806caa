// @ts-check
'use strict';

/**
 * The description of the machine and software a benchmark ran on, written beside its figures.
 */

const fs = require('node:fs');
const os = require('node:os');

const { N8N_VERSION, NODE_VERSION } = require('../runtime');

/**
 * @typedef {object} MachineDescription
 * @property {string} cpuModel
 * @property {number} cores Logical CPUs that Node reports.
 * @property {number} memoryGiB
 * @property {string} operatingSystem Distribution name and kernel release.
 * @property {string} hostNode The Node that ran the benchmark script and the sandbox.
 * @property {string} runtimeNode The Node that ran n8n, the plain loop and the require timings.
 * @property {string} n8n
 * @property {string} expressionEngine n8n's N8N_EXPRESSION_ENGINE.
 * @property {number[]} loadAverageAtStart One-, five- and fifteen-minute load averages.
 * @property {string} startedAt ISO 8601.
 */

/** Returns the distribution's PRETTY_NAME from /etc/os-release, or the OS type without it. */
function distributionName() {
	try {
		const text = fs.readFileSync('/etc/os-release', 'utf8');
		const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text);
		if (match) return match[1];
	} catch {
		// Not Linux, or no os-release file.
	}
	return os.type();
}

/**
 * Describes this machine now.
 *
 * @param {{ expressionEngine: string }} options
 * @returns {MachineDescription}
 */
function describeMachine({ expressionEngine }) {
	const cpus = os.cpus();
	return {
		cpuModel: cpus[0]?.model.trim() ?? 'unknown',
		cores: cpus.length,
		memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		operatingSystem: `${distributionName()}, kernel ${os.release()} (${os.arch()})`,
		hostNode: process.version,
		runtimeNode: `v${NODE_VERSION}`,
		n8n: N8N_VERSION,
		expressionEngine,
		loadAverageAtStart: os.loadavg(),
		startedAt: new Date().toISOString(),
	};
}

module.exports = { describeMachine };
