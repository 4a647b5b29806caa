// @ts-check
'use strict';

/**
 * Organizer eligibility. The list_valid_organizers tool of Kula's MCP server
 * (kula-ai/kula-mcp-server src/tools/interviews.ts) describes valid organizers as users with "a
 * connected calendar (Google or Microsoft) and permission to manage candidates on the job".
 * D6 (developers.kula.ai "Create an interview") lifts the calendar requirement for external
 * events.
 */

/**
 * Returns why `user` cannot organize an interview for `jobId`, or null when they can.
 * ASSUMPTION: deactivated users can never organize, and external events still need the
 * permission on the job because D6 names only the calendar as not needed.
 * @param {import('../seed').SeedUser} user
 * @param {number} jobId
 * @param {{ requireCalendar: boolean }} options
 * @returns {string | null}
 */
function describeOrganizerProblem(user, jobId, options) {
	if (user.status !== 'active') {
		return `the user is ${user.status}`;
	}
	if (!user.access.manageableJobIds.includes(jobId)) {
		return 'the user lacks permission to manage candidates on the job';
	}
	if (options.requireCalendar && user.access.calendar === null) {
		return 'the user has no connected Google or Microsoft calendar';
	}
	return null;
}

module.exports = { describeOrganizerProblem };
