import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { retryAfterSeconds } from './rate-limit';
import type { KulaResponse } from './types';
import { isObject } from './types';

const KEY_TYPE_FIX =
	'Use an Application API key: in Kula open Settings → API Management, create a key of type "Application API" and paste it into the Kula API credential. Job Boards keys cannot call this endpoint.';

interface ErrorContext {
	/** The purpose of the request, in words that follow "Kula could not", e.g. "create the interview". */
	action: string;
	itemIndex?: number;
	/** Seconds the node already waited for the rate limit before giving up. */
	waitedSeconds?: number;
	/** The wait Kula asked for that exceeded the node's limit. */
	retryAfter?: number;
	/** Values that must never appear in a message, such as the API key. */
	secrets?: string[];
}

const KULA_RATE_LIMIT = 'Kula allows 1,000 requests per hour per account, shared by every key.';

/** Maximum length of Kula's own text that a message repeats, because an error page can be kilobytes. */
const MAX_QUOTED_LENGTH = 300;

/** Shortens text from the response and blanks out secrets and Bearer tokens in it. */
function sanitize(text: string, secrets: string[] = []): string {
	let clean = text
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	for (const secret of secrets) {
		if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	clean = clean.replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
	return clean.length > MAX_QUOTED_LENGTH ? `${clean.slice(0, MAX_QUOTED_LENGTH)}...` : clean;
}

function kulaError(body: unknown): { code?: string; message?: string } {
	if (isObject(body) && isObject(body.error)) {
		const { code, message } = body.error;
		return {
			code: typeof code === 'string' ? code : undefined,
			message: typeof message === 'string' ? message : undefined,
		};
	}
	return {};
}

function itemSuffix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
}

function guidance(response: KulaResponse, context: ErrorContext, kulaMessage: string): string {
	const status = response.statusCode;
	if (status === 401) return `${kulaMessage} ${KEY_TYPE_FIX}`;
	if (status === 403) {
		return `${kulaMessage} API access may not be enabled for this Kula account; Kula support (api-support@kula.ai) can enable it. ${KEY_TYPE_FIX}`;
	}
	if (status === 404) {
		return `${kulaMessage} Check that the Application and every other ID in the node exist in this Kula account and that the credential's Base URL points at the right Kula environment.`;
	}
	if (status === 400 || status === 422) {
		return `${kulaMessage} Correct the field Kula names and run the item again. Nothing was created.`;
	}
	if (status === 429) {
		const wait = context.retryAfter ?? retryAfterSeconds(response, Date.now());
		const when = wait === undefined ? 'when the current hour window resets' : `in ${wait} s`;
		const waited =
			context.waitedSeconds && context.waitedSeconds > 0
				? ` The node already waited ${context.waitedSeconds} s.`
				: '';
		return `${kulaMessage} ${KULA_RATE_LIMIT} Nothing was created; retry ${when}, or raise the Max Rate Limit Wait option so the node waits for you.${waited}`;
	}
	if (status >= 300 && status < 400) {
		const location = response.headers.location;
		const target = typeof location === 'string' ? ` to ${sanitize(location, context.secrets)}` : '';
		return `Kula redirected the request${target}, so nothing was created. Set the credential's Base URL to the address Kula's API answers on directly, e.g. https://api.kula.ai.`;
	}
	if (status >= 500) {
		return `${kulaMessage} Kula may still have processed the request. Check in Kula before you run this item again, so no interview is booked twice.`;
	}
	return kulaMessage;
}

/** Turns a Kula error response into a NodeApiError with Kula's code, message and a fix. */
export function kulaApiError(node: INode, response: KulaResponse, context: ErrorContext) {
	const { code, message } = kulaError(response.body);
	const rawMessage = message ?? (typeof response.body === 'string' ? response.body : '');
	const kulaMessage = sanitize(rawMessage, context.secrets);
	const codePart = code ? ` (${code})` : '';
	const wait =
		response.statusCode === 429
			? (context.retryAfter ?? retryAfterSeconds(response, Date.now()))
			: undefined;
	const waitPart = wait === undefined ? '' : `, retry in ${wait} s`;
	const headline = `Kula could not ${context.action}: HTTP ${response.statusCode}${codePart}${waitPart}${itemSuffix(context.itemIndex)}`;

	const error = new NodeApiError(
		node,
		// Kula's code and the cleaned message only, so no echoed secret travels with the error.
		{ error: { code: code ?? null, message: kulaMessage }, httpCode: String(response.statusCode) },
		{
			message: headline,
			description: guidance(
				response,
				context,
				kulaMessage ? `Kula says: ${kulaMessage.replace(/\.$/, '')}.` : '',
			).trim(),
			httpCode: String(response.statusCode),
			itemIndex: context.itemIndex,
		},
	);
	// Kept apart from the display text so callers can branch on Kula's code and message.
	error.context.kulaError = {
		code: code ?? null,
		message: message === undefined ? null : kulaMessage,
	};
	return error;
}

/** Reads the Kula error code and message that kulaApiError() kept on a NodeApiError. */
export function kulaErrorOf(error: unknown): {
	code?: string;
	message?: string;
	httpCode?: string;
} {
	if (!(error instanceof NodeApiError)) return {};
	const kula = isObject(error.context.kulaError) ? error.context.kulaError : {};
	return {
		code: typeof kula.code === 'string' ? kula.code : undefined,
		message: typeof kula.message === 'string' ? kula.message : undefined,
		httpCode: error.httpCode ?? undefined,
	};
}

/**
 * Builds the error for a request that was not sent because Kula's budget resets later than the
 * node may wait. Nothing reached Kula, so the item can simply run again.
 */
export function rateLimitWaitTooLong(
	node: INode,
	delayMs: number,
	waitedMs: number,
	maxWaitMs: number,
	context: ErrorContext,
) {
	const seconds = Math.ceil(delayMs / 1000);
	const resetAt = new Date(Date.now() + delayMs).toISOString().slice(11, 19);
	const waited = waitedMs > 0 ? ` The node already waited ${Math.round(waitedMs / 1000)} s.` : '';
	return new NodeOperationError(
		node,
		`Kula could not ${context.action}: the rate limit is used up for another ${seconds} s${itemSuffix(context.itemIndex)}`,
		{
			itemIndex: context.itemIndex,
			description: `${KULA_RATE_LIMIT} It resets at ${resetAt} UTC, later than Max Rate Limit Wait (${Math.round(maxWaitMs / 1000)} s) allows. Nothing was sent; raise the option above ${seconds} s so the node waits for the reset, or run the item again after it.${waited}`,
		},
	);
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name was not found',
	ECONNRESET: 'the connection closed before Kula answered',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
};

/**
 * Wraps a failure where no HTTP response arrived. A connection that was refused never carried
 * the request, but a reset or a timeout may have reached Kula, so the message warns about
 * duplicates instead of retrying.
 */
export function kulaNetworkError(
	node: INode,
	error: Error,
	baseUrl: string,
	context: ErrorContext,
) {
	const code = (error as Error & { code?: string }).code;
	const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
	const description = neverSent
		? `Check the Base URL in the Kula API credential (now ${baseUrl}).`
		: 'The request may have reached Kula. Check in Kula before you run this item again, so no interview is booked twice.';
	// Our own words for the failure: n8n replaces a message that contains a raw network code
	// such as ECONNREFUSED with generic text, which would drop the item and the action.
	const failure = NETWORK_FAILURES[code ?? ''] ?? 'no response arrived';
	return new NodeOperationError(
		node,
		`Kula could not ${context.action}: ${failure}${itemSuffix(context.itemIndex)}`,
		{ description, itemIndex: context.itemIndex },
	);
}
