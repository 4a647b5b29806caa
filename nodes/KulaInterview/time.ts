import { DateTime, IANAZone } from 'luxon';

export type TimeResult =
	| { ok: true; value: DateTime }
	| { ok: false; problem: string; fix: string };

const ISO_EXAMPLE =
	'e.g. 2026-12-10T09:30:00 (read in the workflow timezone) or 2026-12-10T09:30:00Z';

/** An offset or Z after the time part, as in 09:30:00+01:00, 09:30Z or 09:30:00.000-0500. */
const EXPLICIT_OFFSET = /T[\d:.,]+(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** A zone name in brackets after an offset, as Java's date-time toString() writes it. */
const BRACKETED_ZONE = /(?<=(?:Z|[+-]\d{2}(?::?\d{2})?))\[[^\]]+\]$/i;

/** A date without a time of day, which would silently mean midnight. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const WALL_CLOCK = "yyyy-MM-dd'T'HH:mm:ss.SSS";

/** IANA names start with a letter; newer ICU versions also accept offsets such as +01:00. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * Returns the canonical spelling of an IANA zone name (europe/lisbon becomes Europe/Lisbon), or
 * undefined when it is not one.
 */
export function canonicalTimezone(zone: string): string | undefined {
	if (!IANA_NAME.test(zone) || !IANAZone.isValidZone(zone)) return undefined;
	return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

export function isValidTimezone(zone: string): boolean {
	return canonicalTimezone(zone) !== undefined;
}

/**
 * Reads a date-time the way n8n's own nodes do: an explicit offset is honoured, a value without
 * one is read in the workflow's timezone. A wall-clock time that the zone skips (a DST gap) is
 * rejected rather than silently moved, because it would book the interview an hour off.
 */
export function parseDateTime(value: unknown, workflowTimezone: string): TimeResult {
	if (DateTime.isDateTime(value)) {
		return value.isValid ? { ok: true, value } : invalid();
	}
	if (value instanceof Date) {
		const fromDate = DateTime.fromJSDate(value);
		return fromDate.isValid ? { ok: true, value: fromDate } : invalid();
	}
	if (typeof value !== 'string' || value.trim() === '') return invalid();

	// Spreadsheets often write a space where ISO 8601 wants the T.
	const text = value
		.trim()
		.replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T')
		.replace(BRACKETED_ZONE, '');
	if (DATE_ONLY.test(text)) {
		return {
			ok: false,
			problem: `has no time of day: ${text}`,
			fix: `Add the time, e.g. ${ISO_EXAMPLE}.`,
		};
	}
	if (EXPLICIT_OFFSET.test(text)) {
		const withOffset = DateTime.fromISO(text, { setZone: true });
		return withOffset.isValid ? { ok: true, value: withOffset } : invalid();
	}

	const local = DateTime.fromISO(text, { zone: workflowTimezone });
	if (!local.isValid) return invalid();

	// Luxon moves a skipped wall-clock time forward; comparing the wall clock reveals the move.
	const asWritten = DateTime.fromISO(text, { zone: 'UTC' });
	if (local.toFormat(WALL_CLOCK) !== asWritten.toFormat(WALL_CLOCK)) {
		return {
			ok: false,
			problem: `${asWritten.toFormat("yyyy-MM-dd'T'HH:mm")} does not exist in ${workflowTimezone}, because the clocks move forward at that hour`,
			fix: 'Pick a time outside the daylight-saving change, or give an explicit offset such as +01:00.',
		};
	}
	// When the clocks move back, one wall-clock time happens twice; Luxon would pick one.
	if (local.getPossibleOffsets().length > 1) {
		return {
			ok: false,
			problem: `${asWritten.toFormat("yyyy-MM-dd'T'HH:mm")} happens twice in ${workflowTimezone}, because the clocks move back at that hour`,
			fix: 'Give an explicit offset, such as +01:00 or +00:00, to say which one you mean.',
		};
	}
	return { ok: true, value: local };
}

function invalid(): TimeResult {
	return {
		ok: false,
		problem: 'is not a valid ISO 8601 date and time',
		fix: `Use an ISO 8601 value, ${ISO_EXAMPLE}.`,
	};
}

/** Formats as ISO 8601 in UTC with a Z and no milliseconds, the form Kula's own client sends. */
export function toKulaTimestamp(value: DateTime): string {
	return value.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

/**
 * Checks Kula's start-time rules: a 15-minute boundary with zero seconds, in the future. The
 * boundary is checked in UTC; every offset in use today is a multiple of 15 minutes, so the
 * local wall clock agrees.
 */
export function startTimeProblem(
	start: DateTime,
	nowMs: number,
): { problem: string; fix: string } | undefined {
	const utc = start.toUTC();
	if (utc.second !== 0 || utc.millisecond !== 0 || utc.minute % 15 !== 0) {
		return {
			problem: `must fall on a 15-minute boundary with zero seconds, but is ${toKulaTimestamp(start)}`,
			fix: 'Kula accepts start times at :00, :15, :30 or :45, e.g. 2026-12-10T09:30:00. Round the value, for example with .startOf("hour") or .set({ minute: 30, second: 0 }) in an expression.',
		};
	}
	if (utc.toMillis() <= nowMs) {
		return {
			problem: `must be in the future, but is ${toKulaTimestamp(start)}`,
			fix: 'Kula only schedules interviews that have not started yet. Use a later date or time.',
		};
	}
	return undefined;
}
