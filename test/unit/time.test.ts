import { DateTime } from 'luxon';

import {
	isValidTimezone,
	parseDateTime,
	startTimeProblem,
	toKulaTimestamp,
} from '../../nodes/KulaInterview/time';

function parsedIso(value: unknown, zone: string): string {
	const result = parseDateTime(value, zone);
	if (!result.ok) throw new Error(`expected ${String(value)} to parse, got: ${result.problem}`);
	return toKulaTimestamp(result.value);
}

describe('parseDateTime', () => {
	it('reads a value without offset in the workflow timezone', () => {
		expect(parsedIso('2027-01-15T09:30:00', 'Asia/Tokyo')).toBe('2027-01-15T00:30:00Z');
		expect(parsedIso('2027-07-15T09:30:00', 'America/New_York')).toBe('2027-07-15T13:30:00Z');
	});

	it('honours an explicit offset over the workflow timezone', () => {
		expect(parsedIso('2027-01-15T09:30:00+05:30', 'Asia/Tokyo')).toBe('2027-01-15T04:00:00Z');
		expect(parsedIso('2027-01-15T09:30:00Z', 'Asia/Tokyo')).toBe('2027-01-15T09:30:00Z');
		expect(parsedIso('2027-01-15T09:30:00.000-0500', 'UTC')).toBe('2027-01-15T14:30:00Z');
	});

	it('accepts a space instead of the T', () => {
		expect(parsedIso('2027-01-15 09:30', 'Europe/Lisbon')).toBe('2027-01-15T09:30:00Z');
	});

	it('accepts Luxon and Date values from expressions', () => {
		const luxon = DateTime.fromISO('2027-01-15T09:30:00', { zone: 'Europe/Berlin' });
		expect(parsedIso(luxon, 'UTC')).toBe('2027-01-15T08:30:00Z');
		expect(parsedIso(new Date('2027-01-15T09:30:00Z'), 'Asia/Tokyo')).toBe('2027-01-15T09:30:00Z');
	});

	it('rejects a wall-clock time inside a DST gap', () => {
		// Berlin moves from 02:00 to 03:00 on 28 March 2027.
		const result = parseDateTime('2027-03-28T02:30:00', 'Europe/Berlin');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problem).toContain('does not exist in Europe/Berlin');
			expect(result.fix).toContain('explicit offset');
		}
	});

	it('rejects a wall-clock time that happens twice', () => {
		// Lisbon moves from 02:00 back to 01:00 on 31 October 2027.
		const result = parseDateTime('2027-10-31T01:30:00', 'Europe/Lisbon');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toContain('happens twice in Europe/Lisbon');
	});

	it('rejects a date without a time', () => {
		const result = parseDateTime('2027-01-15', 'UTC');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toBe('has no time of day: 2027-01-15');
	});

	it('reads an offset followed by a bracketed zone', () => {
		expect(parsedIso('2027-01-15T09:30:00+01:00[Europe/Paris]', 'America/New_York')).toBe(
			'2027-01-15T08:30:00Z',
		);
	});

	it('keeps the time just after a DST gap', () => {
		expect(parsedIso('2027-03-28T03:00:00', 'Europe/Berlin')).toBe('2027-03-28T01:00:00Z');
	});

	it.each([['not a date'], [''], ['2027-13-01T09:00:00'], [42], [null], [{}]])(
		'rejects %p',
		(value) => {
			const result = parseDateTime(value, 'UTC');
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.problem).toBe('is not a valid ISO 8601 date and time');
		},
	);
});

describe('startTimeProblem', () => {
	const now = Date.parse('2027-01-01T00:00:00Z');
	const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

	it('accepts each quarter hour in the future', () => {
		for (const minute of ['00', '15', '30', '45']) {
			expect(startTimeProblem(at(`2027-01-02T10:${minute}:00Z`), now)).toBeUndefined();
		}
	});

	it('rejects a time off the 15-minute boundary', () => {
		expect(startTimeProblem(at('2027-01-02T10:20:00Z'), now)?.problem).toContain(
			'15-minute boundary',
		);
	});

	it('rejects seconds and milliseconds', () => {
		expect(startTimeProblem(at('2027-01-02T10:15:30Z'), now)?.problem).toContain('zero seconds');
		expect(startTimeProblem(at('2027-01-02T10:15:00.500Z'), now)?.problem).toContain(
			'zero seconds',
		);
	});

	it('checks the boundary in UTC for a half-hour offset', () => {
		expect(startTimeProblem(at('2027-01-02T10:00:00+05:30'), now)).toBeUndefined();
		expect(startTimeProblem(at('2027-01-02T10:00:00+05:45'), now)).toBeUndefined();
	});

	it('rejects the present and the past', () => {
		expect(startTimeProblem(at('2027-01-01T00:00:00Z'), now)?.problem).toContain('in the future');
		expect(startTimeProblem(at('2026-12-31T23:45:00Z'), now)?.problem).toContain('in the future');
	});
});

describe('isValidTimezone', () => {
	it('accepts IANA names and rejects others', () => {
		expect(isValidTimezone('Europe/Lisbon')).toBe(true);
		expect(isValidTimezone('+01:00')).toBe(false);
		expect(isValidTimezone('-05:00')).toBe(false);
		expect(isValidTimezone('UTC')).toBe(true);
		expect(isValidTimezone('Mars/Olympus_Mons')).toBe(false);
		expect(isValidTimezone('')).toBe(false);
	});
});
