// @ts-check
'use strict';

/**
 * Part 3, footprint: the time to require the built package in a fresh Node 24 process, and the
 * size of the npm tarball. It also measures the memory of n8n's main process while the Kula
 * Interview node with fields mapped automatically (b2) creates many interviews.
 */

const path = require('node:path');

const { npmEnvironment } = require('../lib/npm');
const { REPO_ROOT } = require('../lib/paths');
const { runCommandOrThrow } = require('../lib/process');
const { runChild } = require('./child');
const { readProcessMemory, resetPeakRss, sampleRss } = require('./memory');
const { assertRunComplete, runN8nVariant } = require('./runs');
const { summarize } = require('./stats');

const PACKAGE_MAIN = path.join(REPO_ROOT, 'dist', 'index.js');
/** n8n has n8n-workflow loaded before it loads any community package. */
const PRELOADED_BY_N8N = ['n8n-workflow'];
const MEMORY_SAMPLE_INTERVAL_MS = 20;

/**
 * @typedef {object} FootprintResult
 * @property {import('./stats').Summary} coldRequireMs `require` of dist/index.js in a fresh
 *   process.
 * @property {import('./stats').Summary} requireAfterWorkflowMs The same with n8n-workflow
 *   required first.
 * @property {number} packedBytes Size of the npm tarball.
 * @property {number} unpackedBytes Size of its files.
 * @property {number} packedFiles
 * @property {number} memoryItems Items of the memory run.
 * @property {number} idleRssKiB n8n's resident set size right before the run.
 * @property {number} peakRssKiB Its peak during the run.
 * @property {'VmHWM' | 'sampling'} peakSource How the peak was read.
 * @property {number} nodeMs The node's own time in the memory run.
 */

/**
 * Requires the package `runs` times in fresh processes, alternating a bare process and one with
 * n8n-workflow loaded.
 *
 * @param {number} runs
 */
async function measureRequire(runs) {
	/** @type {number[]} */
	const cold = [];
	/** @type {number[]} */
	const afterWorkflow = [];
	for (let i = 0; i < runs; i++) {
		cold.push((await runChild('cold-require', { file: PACKAGE_MAIN, preload: [] })).ms);
		afterWorkflow.push(
			(await runChild('cold-require', { file: PACKAGE_MAIN, preload: PRELOADED_BY_N8N })).ms,
		);
	}
	return { coldRequireMs: summarize(cold), requireAfterWorkflowMs: summarize(afterWorkflow) };
}

/** Returns the tarball's sizes from `npm pack --dry-run --json`, which writes no file. */
async function measurePackage() {
	const { stdout } = await runCommandOrThrow('npm', ['pack', '--dry-run', '--json'], {
		cwd: REPO_ROOT,
		env: npmEnvironment(),
	});
	/** @type {Array<{ size: number, unpackedSize: number, entryCount: number }>} */
	const [packed] = JSON.parse(stdout);
	return {
		packedBytes: packed.size,
		unpackedBytes: packed.unpackedSize,
		packedFiles: packed.entryCount,
	};
}

/**
 * Runs the footprint measurements.
 *
 * @param {import('./rig').Rig} rig
 * @param {{ requireRuns: number, memoryItems: number, startBase: string, log: (line: string) => void }} options
 * @returns {Promise<FootprintResult>}
 */
async function measureFootprint(rig, { requireRuns, memoryItems, startBase, log }) {
	log(`Requiring dist/index.js in ${2 * requireRuns} fresh processes`);
	const requireTimes = await measureRequire(requireRuns);
	const packageSizes = await measurePackage();

	log(`Running ${memoryItems} items through b2 while reading n8n's memory`);
	const pid = rig.server.pid;
	rig.sandbox.setRateLimit(false);
	const idleRssKiB = readProcessMemory(pid).rssKiB;
	const peakReset = resetPeakRss(pid);
	/** @type {ReturnType<typeof sampleRss> | undefined} */
	let sampler;
	let peakRssKiB = 0;
	// The peak is read when the webhook has responded, before the public API reads the stored
	// execution back, which costs n8n memory of its own.
	const run = await runN8nVariant(rig, 'b2', {
		count: memoryItems,
		startBase,
		onStart: () => {
			sampler = sampleRss(pid, MEMORY_SAMPLE_INTERVAL_MS);
		},
		onEnd: () => {
			const sampledPeakKiB = sampler?.stop() ?? 0;
			peakRssKiB = peakReset ? readProcessMemory(pid).peakRssKiB : sampledPeakKiB;
		},
	});
	assertRunComplete(run);
	rig.sandbox.reset();

	return {
		...requireTimes,
		...packageSizes,
		memoryItems,
		idleRssKiB,
		peakRssKiB,
		peakSource: peakReset ? 'VmHWM' : 'sampling',
		nodeMs: run.nodeMs,
	};
}

module.exports = { measureFootprint };
