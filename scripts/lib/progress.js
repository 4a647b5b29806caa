// @ts-check
'use strict';

/**
 * @typedef {((message: string) => void) & { elapsedSeconds: () => string }} StepLogger
 */

/**
 * Creates a logger that prints `[tag +12.3s] message`, timed from the logger's creation, so the
 * output of a long script shows where the time went.
 *
 * @param {string} tag
 * @returns {StepLogger}
 */
function createStepLogger(tag) {
	const started = Date.now();
	const elapsedSeconds = () => ((Date.now() - started) / 1000).toFixed(1);
	/** @param {string} message */
	const log = (message) => console.log(`[${tag} +${elapsedSeconds()}s] ${message}`);
	return Object.assign(log, { elapsedSeconds });
}

module.exports = { createStepLogger };
