import { z } from 'zod';

import { canonicalTimezone, parseDateTime } from '../time';
import { DURATION_MINUTES, INTERVIEWERS, NAME_MAX_LENGTH, type InputStyle } from './fields';

/** Values that a schema reads from the run rather than from the item. */
export interface SchemaContext {
	workflowTimezone: string;
	/** The current time in epoch milliseconds, read when an item is checked. */
	now: () => number;
	/** Whether the values came from the node's parameters or from the item, for the messages. */
	inputStyle: InputStyle;
}

/** Records a problem together with its fix, which the node shows as the error description. */
export function addIssue(ctx: z.RefinementCtx, message: string, fix: string, path?: string[]) {
	ctx.addIssue({ code: z.ZodIssueCode.custom, message, params: { fix }, path });
}

export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Shows a received value in a message, shortened so a pasted document cannot flood it. */
export function describeValue(value: unknown): string {
	const text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Leaves a blank value out of the request, so Kula inherits or defaults it. */
export function optional<T extends z.ZodTypeAny>(schema: T) {
	return z.preprocess((value) => (isBlank(value) ? undefined : value), schema.optional());
}

function toKulaId(value: unknown): number | undefined {
	// An expression may return a number, and a resource locator returns a string.
	let text = '';
	if (typeof value === 'number') text = String(value);
	else if (typeof value === 'string') text = value.trim();
	if (!/^\d+$/.test(text)) return undefined;
	const parsed = Number(text);
	return parsed > 0 && Number.isSafeInteger(parsed) ? parsed : undefined;
}

function required(ctx: z.RefinementCtx, fix: string): typeof z.NEVER {
	addIssue(ctx, 'is required', fix);
	return z.NEVER;
}

/** Parses a Kula record ID: a positive whole number, given as a number or a string of digits. */
export function kulaId(example: string) {
	return z.unknown().transform((value, ctx) => {
		if (isBlank(value)) return required(ctx, `Enter the numeric Kula ID, e.g. ${example}.`);
		const parsed = toKulaId(value);
		if (parsed === undefined) {
			addIssue(
				ctx,
				`must be a numeric Kula ID, but is ${describeValue(value)}`,
				`Enter a whole number such as ${example}, or map a field that holds one.`,
			);
			return z.NEVER;
		}
		return parsed;
	});
}

/** Parses 1 to 10 distinct user IDs, given as an array or as "202, 203". */
export const interviewerIds = z.unknown().transform((value, ctx) => {
	const fix = 'Enter 1 to 10 Kula user IDs separated by commas, e.g. 202, 203.';
	let parts: unknown[];
	if (Array.isArray(value)) parts = value;
	else if (typeof value === 'number') parts = [value];
	else if (typeof value === 'string') parts = value.split(/[\s,;]+/).filter((part) => part !== '');
	else return required(ctx, fix);
	if (parts.length === 0) return required(ctx, fix);

	const ids: number[] = [];
	for (const part of parts) {
		const id = toKulaId(part);
		if (id === undefined) {
			addIssue(ctx, `contains ${describeValue(part)}, which is not a numeric Kula user ID`, fix);
			return z.NEVER;
		}
		if (ids.includes(id)) {
			addIssue(ctx, `lists user ${id} twice`, 'List each interviewer once.');
			return z.NEVER;
		}
		ids.push(id);
	}
	if (ids.length < INTERVIEWERS.min || ids.length > INTERVIEWERS.max) {
		addIssue(ctx, `lists ${ids.length} interviewers, but Kula accepts 1 to 10`, fix);
		return z.NEVER;
	}
	return ids;
});

/** Parses one value of a fixed list, matched exactly as Kula spells it. */
export function oneOf<T extends string>(allowed: readonly T[]) {
	return z.unknown().transform((value, ctx) => {
		const list = allowed.join(', ');
		if (isBlank(value)) return required(ctx, `Choose one of: ${list}.`);
		if (typeof value === 'string' && (allowed as readonly string[]).includes(value.trim())) {
			return value.trim() as T;
		}
		addIssue(
			ctx,
			`must be one of ${list}, but is ${describeValue(value)}`,
			`Choose one of: ${list}.`,
		);
		return z.NEVER;
	});
}

export const durationMinutes = z.unknown().transform((value, ctx) => {
	const { min, max, step } = DURATION_MINUTES;
	const fix =
		step === 1
			? `Enter a whole number of minutes from ${min} to ${max}, e.g. 45.`
			: `Enter a multiple of ${step} minutes from ${min} to ${max}, e.g. 45.`;
	if (isBlank(value)) return required(ctx, fix);
	const parsed = typeof value === 'string' ? Number(value.trim()) : value;
	if (
		typeof parsed !== 'number' ||
		!Number.isInteger(parsed) ||
		parsed < min ||
		parsed > max ||
		parsed % step !== 0
	) {
		addIssue(
			ctx,
			`must be a whole number of minutes from ${min} to ${max}, but is ${describeValue(value)}`,
			fix,
		);
		return z.NEVER;
	}
	return parsed;
});

export const booleanFlag = z.unknown().transform((value, ctx) => {
	if (typeof value === 'boolean') return value;
	// Spreadsheets write TRUE and FALSE.
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (text === 'true' || text === 'false') return text === 'true';
	addIssue(
		ctx,
		`must be true or false, but is ${describeValue(value)}`,
		'Turn the option on or off, or give true or false.',
	);
	return z.NEVER;
});

export const interviewName = z.unknown().transform((value, ctx) => {
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string') {
		addIssue(ctx, `must be text, but is ${describeValue(value)}`, 'Enter the interview title.');
		return z.NEVER;
	}
	// Counted in code points, so an emoji is one character as a person would count it.
	const length = [...text.trim()].length;
	if (length > NAME_MAX_LENGTH) {
		addIssue(
			ctx,
			`is ${length} characters long, but Kula accepts at most ${NAME_MAX_LENGTH}`,
			'Shorten the name.',
		);
		return z.NEVER;
	}
	return text.trim();
});

export const freeText = z.unknown().transform((value, ctx) => {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return String(value);
	addIssue(ctx, `must be text, but is ${describeValue(value)}`, 'Enter plain text.');
	return z.NEVER;
});

export const webUrl = z.unknown().transform((value, ctx) => {
	const fix = 'Enter the full meeting link, e.g. https://zoom.us/j/123456789.';
	if (typeof value === 'string') {
		try {
			const url = new URL(value.trim());
			if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '') {
				return url.toString();
			}
		} catch {
			// Falls through to the issue below, which names the value and the fix.
		}
	}
	addIssue(
		ctx,
		`must be a web address starting with https:// or http://, but is ${describeValue(value)}`,
		fix,
	);
	return z.NEVER;
});

export function timezone(context: SchemaContext) {
	// Checking a zone builds an Intl formatter, the largest cost per item in a CPU profile of a
	// bulk run, which repeats a handful of zones. The cache lives as long as the schema, one run.
	const checked = new Map<string, string | undefined>();
	const check = (name: string) => {
		if (!checked.has(name)) checked.set(name, canonicalTimezone(name));
		return checked.get(name);
	};
	return z.unknown().transform((value, ctx) => {
		const zone = check(isBlank(value) ? context.workflowTimezone : String(value).trim());
		if (zone === undefined) {
			addIssue(
				ctx,
				`must be an IANA time zone name, but is ${describeValue(value)}`,
				'Use an IANA name such as Europe/Berlin or America/New_York.',
			);
			return z.NEVER;
		}
		return zone;
	});
}

/** Parses a date-time, read in the workflow's timezone unless it carries an offset. */
export function dateTime(context: SchemaContext) {
	return z.unknown().transform((value, ctx) => {
		if (isBlank(value)) {
			return required(ctx, 'Enter a date and time, e.g. 2026-12-10T09:30:00.');
		}
		const parsed = parseDateTime(value, context.workflowTimezone);
		if (!parsed.ok) {
			addIssue(ctx, parsed.problem, parsed.fix);
			return z.NEVER;
		}
		return parsed.value;
	});
}
