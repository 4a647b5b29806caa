// @ts-check
'use strict';

const { parseExecuteOutput } = require('../../scripts/lib/n8n-cli');

const run = { data: { resultData: { runData: { Node: [{ note: 'a } inside a string' }] } } } };
const block = JSON.stringify(run, null, 2);

describe('parseExecuteOutput', () => {
	it('reads the block after log lines', () => {
		expect(parseExecuteOutput(`Starting\nLoaded {2} nodes\n${block}\n`)).toEqual(run);
	});

	it('ignores a log line after the block', () => {
		expect(parseExecuteOutput(`Starting\n${block}\nShutting down {done}\n`)).toEqual(run);
	});

	it('reads a block on one line', () => {
		expect(parseExecuteOutput('Starting\n{"status":"success"}\n')).toEqual({ status: 'success' });
	});

	it('returns undefined without a block', () => {
		expect(parseExecuteOutput('Starting\nno run data\n')).toBeUndefined();
	});
});
