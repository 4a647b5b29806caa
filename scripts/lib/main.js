// @ts-check
'use strict';

/**
 * Runs a script's main function and sets the exit code from its result: the number it resolves
 * with, or 1 after printing the message of the error it rejects with.
 *
 * @param {() => Promise<number>} main
 * @param {() => void} [onFailure] Runs after the error message, e.g. to print a closing line.
 */
function runMain(main, onFailure) {
	main().then(
		(exitCode) => {
			process.exitCode = exitCode;
		},
		(error) => {
			console.error(error instanceof Error ? error.message : error);
			onFailure?.();
			process.exitCode = 1;
		},
	);
}

module.exports = { runMain };
