// @ts-check
'use strict';

const { randomInt } = require('node:crypto');

/**
 * Asynchronous provisioning of Kula-managed interviews. D6 (developers.kula.ai "Create an
 * interview", section "Asynchronous provisioning") states that the conference URL may be null
 * in the 201 response and is "populated within a few seconds". External events are never
 * provisioned (D6, section "External events").
 *
 * Each provisioned interview is emitted as `interview.provisioned`, the moment at which Kula
 * sends the `interview.event.created` webhook (D11, developers.kula.ai "Webhook payloads"). The
 * deliverer in sandbox/webhooks/delivery.js listens for it.
 */

/** @typedef {import('./store').Interview} Interview */
/** @typedef {import('./seed').InterviewLocation} InterviewLocation */

/**
 * Invented conference URLs for the video locations. Other locations get no URL. The hosts are
 * only text here: the sandbox never connects to them.
 * @type {Partial<Record<InterviewLocation, () => string>>}
 */
const CONFERENCE_URL_BUILDERS = {
	zoom: () => `https://zoom.us/j/${digits(11)}`,
	google_meet: () => `https://meet.google.com/${letters(3)}-${letters(4)}-${letters(3)}`,
	microsoft_teams: () => `https://teams.microsoft.com/l/meetup-join/19%3Ameeting_${digits(16)}`,
};

/** @param {number} count */
function digits(count) {
	return Array.from({ length: count }, () => String(randomInt(10))).join('');
}

/** @param {number} count */
function letters(count) {
	return Array.from({ length: count }, () => String.fromCharCode(97 + randomInt(26))).join('');
}

class ConferenceProvisioner {
	/**
	 * @param {object} dependencies
	 * @param {Map<number, Interview>} dependencies.interviews the store's interviews
	 * @param {import('node:events').EventEmitter} dependencies.events
	 * @param {() => number} dependencies.getDelayMs read at scheduling time, so config changes apply
	 */
	constructor({ interviews, events, getDelayMs }) {
		this.interviews = interviews;
		this.events = events;
		this.getDelayMs = getDelayMs;
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
	}

	/**
	 * Schedules provisioning of a Kula-managed interview. When the delay has passed, a video
	 * interview gets its conference URL, `updated_at` moves on and `interview.provisioned` is
	 * emitted with a copy of the interview.
	 * @param {number} interviewId
	 */
	schedule(interviewId) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.provision(interviewId);
		}, this.getDelayMs());
		this.timers.add(timer);
	}

	/** @param {number} interviewId */
	provision(interviewId) {
		// The interview is gone when the sandbox was reset in the meantime.
		const interview = this.interviews.get(interviewId);
		if (!interview) {
			return;
		}
		const buildUrl = interview.location ? CONFERENCE_URL_BUILDERS[interview.location] : undefined;
		if (buildUrl) {
			interview.video_conferencing_url = buildUrl();
		}
		interview.updated_at = new Date().toISOString();
		this.events.emit('interview.provisioned', structuredClone(interview));
	}

	/** Cancels every pending provisioning, for reset and close. */
	cancelAll() {
		for (const timer of this.timers) {
			clearTimeout(timer);
		}
		this.timers.clear();
	}
}

module.exports = { ConferenceProvisioner, CONFERENCE_URL_BUILDERS };
