// @ts-check
'use strict';

/**
 * The input rows of every overhead variant: ad-hoc phone interviews, one per row, with the
 * documented Kula field names, as a spreadsheet of a hiring day would hold them. The Code node of
 * each n8n workflow builds them from the webhook body with `buildRows`, and the plain loop builds
 * the same rows in its own process, so every variant sends the same requests.
 */

/**
 * @typedef {object} InterviewRow
 * @property {number} application_id
 * @property {number} organizer_id
 * @property {string} start_time UTC, on a 15-minute boundary, in the form the node sends
 * @property {string} timezone
 * @property {string} kind
 * @property {string} location
 * @property {number} duration_minutes
 * @property {number[]} interviewer_ids
 * @property {number} candidate_template_id
 * @property {number} interviewer_template_id
 */

/**
 * Builds `count` rows whose start times follow `startBase` at 15-minute steps. The function uses
 * nothing outside its body, because the workflows embed its source in a Code node.
 *
 * Every id is one of the sandbox seed's: the three active applications 1001–1003, organizer 201
 * (who may organize both seeded jobs), invite templates 401 and 402, and one active interviewer
 * per one-on-one interview.
 *
 * @param {number} count
 * @param {string} startBase ISO 8601 time in the future on a 15-minute boundary.
 * @returns {InterviewRow[]}
 */
function buildRows(count, startBase) {
	const applications = [1001, 1002, 1003];
	const interviewers = [202, 203, 206, 207, 209];
	const baseMs = Date.parse(startBase);
	const rows = [];
	for (let i = 0; i < count; i++) {
		rows.push({
			application_id: applications[i % applications.length],
			organizer_id: 201,
			start_time: new Date(baseMs + i * 15 * 60_000).toISOString().replace('.000Z', 'Z'),
			timezone: 'Europe/Lisbon',
			kind: 'one_on_one',
			location: 'phone',
			duration_minutes: 30,
			interviewer_ids: [interviewers[i % interviewers.length]],
			candidate_template_id: 401,
			interviewer_template_id: 402,
		});
	}
	return rows;
}

/**
 * Returns the first whole UTC day that starts at least one day from `nowMs`, as ISO 8601. Rows
 * built from it are in the future for the whole benchmark and on 15-minute boundaries.
 *
 * @param {number} nowMs
 */
function startBaseAfter(nowMs) {
	const dayMs = 24 * 60 * 60_000;
	return new Date((Math.floor(nowMs / dayMs) + 2) * dayMs).toISOString();
}

/**
 * Returns the create request for one row as the Kula Interview node sends it: the application in
 * the path and every other field in the body.
 *
 * @param {InterviewRow} row
 * @returns {{ path: string, body: Omit<InterviewRow, 'application_id'> }}
 */
function createRequestOf(row) {
	const { application_id: applicationId, ...body } = row;
	return { path: `/v1/applications/${applicationId}/interviews`, body };
}

module.exports = { buildRows, startBaseAfter, createRequestOf };
