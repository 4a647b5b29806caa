// @ts-check
'use strict';

/**
 * Runs the four benchmark parts in one rig, in order: overhead, rate limit, footprint, trigger.
 * The rig is stopped after a failure too, and then the n8n user folder is kept for its log.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { packPackage } = require('../lib/pack');
const { measureFootprint } = require('./footprint');
const { describeMachine } = require('./machine');
const { measureOverhead } = require('./overhead');
const { measureRateLimit } = require('./rate-limit');
const { startRig } = require('./rig');
const { startBaseAfter } = require('./rows');
const { measureTrigger } = require('./trigger');

/**
 * Runs the benchmark with a package that is already built (dist/). Packs it first.
 *
 * @param {import('./options').BenchOptions} options
 * @param {{ log: (line: string) => void }} context
 * @returns {Promise<import('./report').BenchResults>}
 */
async function runBenchmark(options, { log }) {
	const machine = describeMachine({ expressionEngine: options.expressionEngine });
	const startBase = startBaseAfter(Date.now());

	log('Packing the package (npm pack)');
	const tarball = await packPackage();
	try {
		const rig = await startRig({ tarball, log, expressionEngine: options.expressionEngine });
		let failed = true;
		try {
			log(`Part 1: overhead, ${options.items} creates per run, ${options.rounds} rounds`);
			const overhead = await measureOverhead(rig, {
				items: options.items,
				rounds: options.rounds,
				startBase,
				log,
			});
			log('Part 2: rate limit');
			const rateLimit = await measureRateLimit(rig, {
				items: options.rateItems,
				limit: options.rateLimit,
				windowSeconds: options.rateWindowSeconds,
				startBase,
				log,
			});
			log('Part 3: footprint');
			const footprint = await measureFootprint(rig, {
				requireRuns: options.requireRuns,
				memoryItems: options.memoryItems,
				startBase,
				log,
			});
			log('Part 4: trigger');
			const trigger = await measureTrigger(rig, {
				deliveries: options.deliveries,
				concurrency: options.concurrency,
				checkIterations: options.checkIterations,
				log,
			});
			failed = false;
			return {
				machine,
				loadAverageAtEnd: os.loadavg(),
				finishedAt: new Date().toISOString(),
				options,
				overhead,
				rateLimit,
				footprint,
				trigger,
			};
		} finally {
			await rig.close({ keepUserFolder: failed });
		}
	} finally {
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

module.exports = { runBenchmark };
