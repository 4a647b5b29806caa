// @ts-check
'use strict';

/**
 * ISO 8601 date-time with a `Z` or `±hh:mm` offset. Seconds and fractions are optional.
 * ASSUMPTION: Kula's docs do not say whether a time without an offset is read in `timezone`,
 * so the sandbox requires an offset and never guesses one.
 */
const OFFSET_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** IANA names are words joined by slashes; this keeps out offsets such as `+01:00`. */
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * @typedef {object} ParsedDateTime
 * @property {number} epochMs instant in epoch milliseconds, truncated to whole milliseconds
 * @property {boolean} hasZeroSeconds whether seconds and any fraction are all zero
 */

/**
 * Parses an ISO 8601 date-time that carries `Z` or a UTC offset.
 * @param {string} text
 * @returns {ParsedDateTime | null} null for any other format or an impossible date or time
 */
function parseOffsetDateTime(text) {
	const match = OFFSET_DATE_TIME.exec(text);
	if (!match) {
		return null;
	}
	const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
	const second = Number(match[6] ?? '0');
	const fraction = match[7] ?? '';
	const offsetSign = match[8] === '-' ? -1 : 1;
	const offsetHours = Number(match[9] ?? '0');
	const offsetMinutes = Number(match[10] ?? '0');

	const inRange =
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month) &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59 &&
		offsetHours <= 23 &&
		offsetMinutes <= 59;
	if (!inRange) {
		return null;
	}

	const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
	const wallClockMs = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
	const offsetMs = offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
	return {
		epochMs: wallClockMs - offsetMs,
		hasZeroSeconds: second === 0 && /^0*$/.test(fraction),
	};
}

/**
 * @param {number} year
 * @param {number} month 1-based
 */
function daysInMonth(year, month) {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Zones already checked. Building an Intl formatter was the largest cost of a create request in
 * a CPU profile, and a bulk run repeats a handful of zones. At most 1,000 names are kept.
 * @type {Map<string, boolean>}
 */
const checkedTimeZones = new Map();

/**
 * Tests whether `name` is an IANA time zone that this Node.js build's Intl data supports.
 * @param {string} name
 */
function isValidTimeZone(name) {
	if (!TIME_ZONE_NAME.test(name)) {
		return false;
	}
	const known = checkedTimeZones.get(name);
	if (known !== undefined) {
		return known;
	}
	const valid = supportsTimeZone(name);
	if (checkedTimeZones.size < 1000) {
		checkedTimeZones.set(name, valid);
	}
	return valid;
}

/** @param {string} name */
function supportsTimeZone(name) {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch (error) {
		if (error instanceof RangeError) {
			return false;
		}
		throw error;
	}
}

/**
 * Formats an instant as UTC ISO 8601 with `Z`, without milliseconds when they are zero.
 * @param {number} epochMs
 */
function toUtcIso(epochMs) {
	return new Date(epochMs).toISOString().replace(/\.000Z$/, 'Z');
}

module.exports = { parseOffsetDateTime, isValidTimeZone, toUtcIso };
