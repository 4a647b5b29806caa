// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { REPO_ROOT } = require('./paths');
const { formatTable } = require('./table');

/** The example workflow: a Manual Trigger and one Kula Interview node per scheduling mode. */
const EXAMPLE_WORKFLOW_FILE = path.join(REPO_ROOT, 'examples', 'create-interviews.workflow.json');

/** The credential that every Kula node of the example workflow references by id and name. */
const EXAMPLE_CREDENTIAL = { id: 'kulaSandboxCred1', name: 'Kula sandbox' };

/** The example's Kula Interview nodes, by name, with the scheduling mode each one uses. */
const EXAMPLE_NODES = [
	{ nodeName: 'From Interview Plan', mode: 'interviewPlan', label: 'interview plan' },
	{ nodeName: 'Ad Hoc', mode: 'adHoc', label: 'ad hoc' },
	{ nodeName: 'External Calendar Event', mode: 'external', label: 'external' },
];

/**
 * @typedef {object} CreatedInterview
 * @property {string} nodeName
 * @property {string} mode Scheduling mode: interviewPlan, adHoc or external.
 * @property {string} label Mode as shown in the table.
 * @property {Record<string, any>} interview The node's output item: the interview Kula created.
 */

/** @returns {{ id: string, name: string }} */
function readExampleWorkflow() {
	return JSON.parse(fs.readFileSync(EXAMPLE_WORKFLOW_FILE, 'utf8'));
}

/**
 * Returns the `kulaApi` credential for `n8n import:credentials`, pointed at a Kula sandbox.
 *
 * @param {{ baseUrl: string, apiKey: string }} options
 * @returns {import('./n8n-cli').ImportedCredential}
 */
function exampleCredential({ baseUrl, apiKey }) {
	return { ...EXAMPLE_CREDENTIAL, type: 'kulaApi', data: { apiKey, baseUrl } };
}

/**
 * Returns the first output item of each Kula node in the run data of the example workflow. Throws
 * when a node did not run or returned nothing, naming the node.
 *
 * @param {any} run Run data from `n8n execute --rawOutput`.
 * @returns {CreatedInterview[]}
 */
function createdInterviews(run) {
	const runData = run?.data?.resultData?.runData ?? {};
	return EXAMPLE_NODES.map(({ nodeName, mode, label }) => {
		const interview = runData[nodeName]?.[0]?.data?.main?.[0]?.[0]?.json;
		if (!interview) {
			const error = runData[nodeName]?.[0]?.error?.message;
			throw new Error(`Node "${nodeName}" produced no output item${error ? `: ${error}` : ''}`);
		}
		return { nodeName, mode, label, interview };
	});
}

/** @param {unknown} value */
function formatUtc(value) {
	if (typeof value !== 'string') return '';
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	return date.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Formats created interviews as a table. An interview whose conference Kula still provisions
 * shows "pending" as its conference URL.
 *
 * @param {CreatedInterview[]} created
 */
function formatInterviewTable(created) {
	const rows = created.map(({ label, interview }) => [
		label,
		interview.id,
		interview.application_id,
		formatUtc(interview.start_time),
		interview.kind,
		interview.location ?? '-',
		interview.video_conferencing_url ?? interview.external?.video_conferencing_url ?? 'pending',
	]);
	const headers = [
		'mode',
		'interview id',
		'application',
		'start (UTC)',
		'kind',
		'location',
		'conference URL',
	];
	return formatTable(headers, rows);
}

module.exports = {
	EXAMPLE_WORKFLOW_FILE,
	EXAMPLE_CREDENTIAL,
	EXAMPLE_NODES,
	readExampleWorkflow,
	exampleCredential,
	createdInterviews,
	formatInterviewTable,
};
