import {
	NodeOperationError,
	sleep,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { kulaApiError, kulaNetworkError, rateLimitWaitTooLong } from './errors';
import { RateLimitPacer, retryAfterSeconds } from './rate-limit';
import type { KulaRequest, KulaResponse } from './types';

export const CREDENTIAL_TYPE = 'kulaApi';

export const DEFAULT_BASE_URL = 'https://api.kula.ai';

export type KulaContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/**
 * Strips trailing slashes and a trailing /v1, because Kula's overview gives the base URL with
 * /v1 while every path here starts with /v1. The credential test repeats this as an expression.
 */
export function normalizeBaseUrl(raw: unknown): string {
	const text = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
	return text.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** Hosts on this machine, where a sandbox may run over plain HTTP. */
export const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/**
 * Returns the credential's base URL, or throws when it would send the API key over plain HTTP
 * to another machine.
 */
export async function getBaseUrl(this: KulaContext): Promise<string> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		throw new NodeOperationError(
			this.getNode(),
			`The Kula API credential's Base URL "${baseUrl}" is not a URL`,
			{
				description: 'Enter https://api.kula.ai, or the address of your Kula environment.',
			},
		);
	}
	if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.test(url.hostname)) {
		throw new NodeOperationError(
			this.getNode(),
			`The Kula API credential's Base URL "${baseUrl}" does not use HTTPS`,
			{
				description:
					'The API key would travel unencrypted. Use the https:// address; plain HTTP is accepted only for a sandbox on this machine.',
			},
		);
	}
	return baseUrl;
}

/**
 * Sends one request and returns Kula's response whatever its status. HTTP errors come back as
 * responses rather than exceptions: n8n resends a request that failed with a thrown 401 after
 * refreshing the credential, and a create call must never go out twice.
 */
export async function sendKulaRequest(
	this: KulaContext,
	session: KulaSession,
	request: KulaRequest,
): Promise<KulaResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${session.baseUrl}${request.path}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirected POST comes back as a GET of another resource, which would read as success.
		disableFollowRedirect: true,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;

	// The session's decrypted credential spares n8n a database read and a decryption per request;
	// n8n still applies the credential's authenticate() to every request.
	const response = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		CREDENTIAL_TYPE,
		options,
		{ credentialsDecrypted: session.credential },
	)) as IN8nHttpFullResponse;
	return {
		statusCode: response.statusCode,
		headers: response.headers as KulaResponse['headers'],
		body: response.body,
	};
}

/**
 * Connection state that every request of one node run shares: the credential's base URL, the
 * secrets no message may repeat, and the rate-limit budget Kula last reported. It is opened once
 * per run, because reading the credential decrypts it each time.
 */
export interface KulaSession {
	baseUrl: string;
	credential: ICredentialsDecrypted;
	secrets: string[];
	pacer: RateLimitPacer;
}

export async function openKulaSession(this: KulaContext): Promise<KulaSession> {
	const baseUrl = await getBaseUrl.call(this);
	const data = await this.getCredentials(CREDENTIAL_TYPE);
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		baseUrl,
		credential: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data,
		},
		secrets: typeof data.apiKey === 'string' ? [data.apiKey] : [],
		pacer: new RateLimitPacer(),
	};
}

export interface KulaCallOptions {
	/** The purpose of the request, in words that follow "Kula could not", e.g. "create the interview". */
	action: string;
	itemIndex?: number;
	/** Seconds the call may spend waiting for Kula's rate limit; 0 fails rather than waits. */
	maxRateLimitWaitSeconds?: number;
	/** The run's session; a call without one opens its own. */
	session?: KulaSession;
}

function networkCause(error: unknown): Error {
	const cause = (error as { cause?: unknown }).cause;
	return cause instanceof Error ? cause : (error as Error);
}

/**
 * Calls Kula and returns the response body of a 2xx. When the last response reported no requests left, the
 * call first waits for the window to reset. A 429 is the one response Kula documents as "not
 * processed", so only then is the same request sent again, after the wait Kula names. Both waits
 * count against the caller's time limit. Every other failure becomes one NodeApiError.
 */
export async function kulaApiRequest(
	this: KulaContext,
	request: KulaRequest,
	options: KulaCallOptions,
): Promise<unknown> {
	const session = options.session ?? (await openKulaSession.call(this));
	const { baseUrl, pacer } = session;
	const context = { ...options, secrets: session.secrets };
	const maxWaitMs = (options.maxRateLimitWaitSeconds ?? 0) * 1000;
	// A stopped or timed-out run ends the wait at once rather than after it.
	const cancelSignal =
		'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	let waitedMs = 0;

	// Bounded by the time limit: every 429 wait is at least one second.
	for (;;) {
		const delayMs = pacer.delayMs(Date.now());
		if (delayMs > 0) {
			if (waitedMs + delayMs > maxWaitMs) {
				throw rateLimitWaitTooLong(this.getNode(), delayMs, waitedMs, maxWaitMs, context);
			}
			this.logger.info(`Kula rate limit used up; waiting ${Math.ceil(delayMs / 1000)} s for it`, {
				itemIndex: options.itemIndex,
			});
			await sleep(delayMs, cancelSignal);
			waitedMs += delayMs;
			pacer.windowEnded();
		}

		let response: KulaResponse;
		try {
			response = await sendKulaRequest.call(this, session, request);
		} catch (error) {
			throw kulaNetworkError(this.getNode(), networkCause(error), baseUrl, context);
		}
		pacer.observe(response);

		if (response.statusCode >= 200 && response.statusCode < 300) return response.body;

		if (response.statusCode === 429) {
			const hinted = retryAfterSeconds(response, Date.now());
			// NOTE: Kula documents a wait on every 429; one minute covers a response without one.
			const wait = hinted ?? 60;
			if (waitedMs + wait * 1000 <= maxWaitMs) {
				this.logger.info(`Kula rate limit reached; waiting ${wait} s before sending again`, {
					itemIndex: options.itemIndex,
				});
				await sleep(wait * 1000, cancelSignal);
				waitedMs += wait * 1000;
				// The wait Kula named covers the window, whatever the headers of the 429 reported.
				pacer.windowEnded();
				continue;
			}
			throw kulaApiError(this.getNode(), response, {
				...context,
				waitedSeconds: Math.round(waitedMs / 1000),
				retryAfter: hinted,
			});
		}

		throw kulaApiError(this.getNode(), response, context);
	}
}
