// @ts-check
'use strict';

/**
 * Memory of another process on Linux, read from /proc/<pid>/status: the resident set size
 * (VmRSS) and its peak (VmHWM). Writing 5 to /proc/<pid>/clear_refs resets the peak (Linux 4.0
 * and later), which works for a process of the same user, such as the n8n this benchmark starts.
 */

const fs = require('node:fs');

/**
 * @typedef {object} ProcessMemory
 * @property {number} rssKiB
 * @property {number} peakRssKiB
 */

/**
 * Reads a process's resident set size and its peak.
 *
 * @param {number} pid
 * @returns {ProcessMemory}
 */
function readProcessMemory(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	/** @param {string} field */
	const kibibytes = (field) => {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
		if (!match) throw new Error(`/proc/${pid}/status has no ${field} line`);
		return Number(match[1]);
	};
	return { rssKiB: kibibytes('VmRSS'), peakRssKiB: kibibytes('VmHWM') };
}

/**
 * Resets a process's peak resident set size to its current size. Returns false when the kernel
 * does not allow it, and the caller then relies on sampling.
 *
 * @param {number} pid
 */
function resetPeakRss(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/**
 * Samples a process's resident set size every `intervalMs` until `stop()`, which returns the
 * largest sample. Sampling can miss a short peak between two samples; VmHWM after
 * `resetPeakRss` does not.
 *
 * @param {number} pid
 * @param {number} intervalMs
 */
function sampleRss(pid, intervalMs) {
	let maxRssKiB = readProcessMemory(pid).rssKiB;
	const timer = setInterval(() => {
		maxRssKiB = Math.max(maxRssKiB, readProcessMemory(pid).rssKiB);
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(maxRssKiB, readProcessMemory(pid).rssKiB);
		},
	};
}

module.exports = { readProcessMemory, resetPeakRss, sampleRss };
