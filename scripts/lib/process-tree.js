// @ts-check
'use strict';

/**
 * Process trees and their memory, read from Linux's /proc: which processes descend from the
 * ones a test started, and how much resident memory they use together.
 */

const fs = require('node:fs');

/**
 * Returns the parent process id of every process, read from `/proc/<pid>/stat`. A process that
 * exits while the table is read is left out.
 *
 * @returns {Map<number, number>} Process id to parent process id.
 */
function parentTable() {
	/** @type {Map<number, number>} */
	const parents = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		// The command name, in parentheses, may itself contain spaces and parentheses, so the
		// fields are counted from the last closing parenthesis: state, then the parent id.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		parents.set(Number(entry), Number(fields[1]));
	}
	return parents;
}

/**
 * Returns the given processes that still exist and all their living descendants.
 *
 * @param {number[]} rootPids
 * @returns {number[]}
 */
function processTree(rootPids) {
	const parents = parentTable();
	/** @type {Map<number, number[]>} */
	const children = new Map();
	for (const [pid, parent] of parents) {
		children.set(parent, [...(children.get(parent) ?? []), pid]);
	}
	const found = new Set();
	const pending = rootPids.filter((pid) => parents.has(pid));
	while (pending.length > 0) {
		const pid = /** @type {number} */ (pending.pop());
		if (found.has(pid)) continue;
		found.add(pid);
		pending.push(...(children.get(pid) ?? []));
	}
	return [...found];
}

/**
 * Returns a process's resident memory in bytes from `/proc/<pid>/smaps_rollup`: `rss` counts
 * every resident page, `pss` divides each shared page among the processes that map it. Both are
 * 0 once the process has exited.
 *
 * @param {number} pid
 */
function memoryOf(pid) {
	let rollup;
	try {
		rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
	} catch {
		return { rss: 0, pss: 0 };
	}
	const kilobytes = (/** @type {string} */ field) =>
		Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(rollup)?.[1] ?? 0);
	return { rss: kilobytes('Rss') * 1024, pss: kilobytes('Pss') * 1024 };
}

/**
 * Returns a process's start time in clock ticks since boot (field 22 of `/proc/<pid>/stat`), or
 * undefined when it does not exist. Together with the id it names one process, even after the
 * kernel reuses the id.
 *
 * @param {number} pid
 */
function startTimeOf(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Field 22 is the 20th after the command name, counting state as the first.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

/**
 * Returns `<pid>@<start time>` for each process, to compare with `stillRunning` later.
 *
 * @param {number[]} pids
 */
function identify(pids) {
	return pids.map((pid) => `${pid}@${startTimeOf(pid)}`);
}

/**
 * Returns a description of each identified process that still runs, for failure messages.
 *
 * @param {string[]} identities From `identify`.
 */
function stillRunning(identities) {
	return identities
		.filter((identity) => {
			const [pid, startTime] = identity.split('@');
			return startTimeOf(Number(pid)) === startTime;
		})
		.map((identity) => describeProcess(Number(identity.split('@')[0])));
}

/**
 * Returns a short description of a process, `<pid> <command line>`, for failure messages.
 *
 * @param {number} pid
 */
function describeProcess(pid) {
	try {
		const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
		return `${pid} ${commandLine.trim().slice(0, 200)}`;
	} catch {
		return `${pid} (exited)`;
	}
}

/**
 * @typedef {object} MemoryPeak
 * @property {number} pssBytes Highest sum of proportional set sizes seen in one sample: the
 *   memory the processes use together, each shared page counted once.
 * @property {number} rssBytes Sum of resident set sizes in that sample, which counts shared
 *   pages (PostgreSQL's shared buffers, libraries) once per process that maps them.
 * @property {number} processCount Processes in that sample.
 * @property {number} samples
 */

/**
 * Samples the memory of the process trees under `rootPids()` every `intervalMs` until `stop()`,
 * which returns the sample with the highest summed PSS.
 *
 * @param {() => number[]} rootPids Read at each sample, so processes can start later.
 * @param {number} [intervalMs]
 * @returns {{ stop: () => MemoryPeak }}
 */
function sampleTreeMemory(rootPids, intervalMs = 500) {
	/** @type {MemoryPeak} */
	const peak = { pssBytes: 0, rssBytes: 0, processCount: 0, samples: 0 };
	const sample = () => {
		const pids = processTree(rootPids());
		const memory = pids.map(memoryOf);
		const pssBytes = memory.reduce((sum, { pss }) => sum + pss, 0);
		peak.samples += 1;
		if (pssBytes > peak.pssBytes) {
			peak.pssBytes = pssBytes;
			peak.rssBytes = memory.reduce((sum, { rss }) => sum + rss, 0);
			peak.processCount = pids.length;
		}
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	timer.unref();
	return {
		stop() {
			clearInterval(timer);
			return { ...peak };
		},
	};
}

module.exports = {
	processTree,
	memoryOf,
	describeProcess,
	identify,
	stillRunning,
	sampleTreeMemory,
};
