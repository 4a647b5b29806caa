// @ts-check
'use strict';

/**
 * Webhook subscriptions: validation of the create and update bodies, and the webhook object.
 *
 * Create body of Kula's MCP server (kula-ai/kula-mcp-server src/tools/webhooks.ts,
 * create_webhook): `{ url, name, subscribed_events, secret?, description?, headers? }` with
 * `name` required. The setup guide (D9, developers.kula.ai "Webhook setup") sends the event
 * list as `events` instead. The setting `webhookEventsField` picks the accepted name.
 *
 * ASSUMPTION: every field name of the webhook object. Kula documents none.
 */

const http = require('node:http');
const { randomBytes } = require('node:crypto');
const { validationFailed } = require('../errors');
const { EVENT_NAMES } = require('./payloads');
const { newSigningSecret } = require('./signing');
const { LOOPBACK_DESCRIPTION, isLoopbackHostname } = require('./targets');

/** @typedef {import('./config').WebhookEventsField} WebhookEventsField */

/**
 * Why a subscription was disabled. ASSUMPTION: the values; Kula documents that a webhook can
 * be disabled by hand, by a 410 response and after repeated failures (D12), but no field.
 * @typedef {'disabled_via_api' | 'endpoint_returned_410' | 'too_many_failures'} DisabledReason
 */

/**
 * A webhook as the API returns it.
 * @typedef {object} Webhook
 * @property {string} id `wh_` and 24 hex digits
 * @property {string} name
 * @property {string} url
 * @property {string | null} description
 * @property {string[]} subscribed_events
 * @property {'active' | 'disabled'} status
 * @property {DisabledReason | null} disabled_reason
 * @property {Record<string, string>} headers custom headers added to every delivery
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * A stored subscription: the webhook and its signing secret. The secret leaves the store only
 * in the create and regenerate-secret responses.
 * @typedef {Webhook & { secret: string }} WebhookSubscription
 */

/** ASSUMPTION: length limits. Kula documents none. */
const MAX_NAME_LENGTH = 255;
const MAX_URL_LENGTH = 2048;
const MAX_SECRET_LENGTH = 255;

/**
 * Header names that the sandbox sets itself on every delivery (D10, developers.kula.ai
 * "Webhook security", plus the HTTP framing headers). ASSUMPTION: Kula rejects them as custom
 * headers rather than letting them override its own.
 */
const RESERVED_HEADER_NAMES = [
	'content-type',
	'content-length',
	'host',
	'connection',
	'transfer-encoding',
	'x-kula-signature',
	'x-kula-timestamp',
	'x-kula-event-id',
	'x-kula-event',
];

/**
 * Fields that exist on the webhook but cannot be set through PATCH. ASSUMPTION: Kula rejects
 * them instead of ignoring them, which would let a caller believe the change was made.
 */
const READ_ONLY_PATCH_FIELDS = {
	secret: 'Use POST /v1/webhooks/:id/regenerate-secret to rotate the secret',
	status: 'Use POST /v1/webhooks/:id/enable or /disable to change the status',
};

/** @param {WebhookEventsField} field */
function otherEventsField(field) {
	return field === 'subscribed_events' ? 'events' : 'subscribed_events';
}

/**
 * Validates a create body and returns the new subscription.
 * @param {Record<string, unknown>} body
 * @param {{ eventsField: WebhookEventsField, now: Date }} options
 * @returns {WebhookSubscription}
 */
function createSubscription(body, { eventsField, now }) {
	rejectWrongEventsField(body, eventsField);
	if (body.url === undefined) {
		throw validationFailed('url is required: the https URL that receives the deliveries');
	}
	if (body.name === undefined) {
		throw validationFailed('name is required: a label for the webhook');
	}
	if (body[eventsField] === undefined) {
		throw validationFailed(
			`${eventsField} is required: a non-empty array of event types from GET /v1/webhooks/events`,
		);
	}
	const timestamp = now.toISOString();
	return {
		id: `wh_${randomBytes(12).toString('hex')}`,
		name: readName(body.name),
		url: readUrl(body.url),
		description: readDescription(body.description),
		subscribed_events: readEvents(eventsField, body[eventsField]),
		status: 'active',
		disabled_reason: null,
		headers: readHeaders(body.headers),
		created_at: timestamp,
		updated_at: timestamp,
		secret: body.secret === undefined ? newSigningSecret() : readSecret(body.secret),
	};
}

/**
 * Validates a PATCH body and applies it to `subscription`. Nothing changes when any field is
 * invalid. Fields the body omits keep their values.
 * @param {WebhookSubscription} subscription
 * @param {Record<string, unknown>} body
 * @param {{ eventsField: WebhookEventsField, now: Date }} options
 */
function updateSubscription(subscription, body, { eventsField, now }) {
	rejectWrongEventsField(body, eventsField);
	for (const [field, hint] of Object.entries(READ_ONLY_PATCH_FIELDS)) {
		if (body[field] !== undefined) {
			throw validationFailed(`${field} cannot be changed with PATCH. ${hint}`);
		}
	}
	/** @type {Partial<Webhook>} */
	const changes = {};
	if (body.url !== undefined) {
		changes.url = readUrl(body.url);
	}
	if (body.name !== undefined) {
		changes.name = readName(body.name);
	}
	if (body.description !== undefined) {
		changes.description = readDescription(body.description);
	}
	if (body[eventsField] !== undefined) {
		changes.subscribed_events = readEvents(eventsField, body[eventsField]);
	}
	if (body.headers !== undefined) {
		changes.headers = readHeaders(body.headers);
	}
	Object.assign(subscription, changes, { updated_at: now.toISOString() });
}

/**
 * Returns the webhook object of a subscription, without its secret.
 * @param {WebhookSubscription} subscription
 * @returns {Webhook}
 */
function toWebhook(subscription) {
	const { secret: _secret, ...webhook } = subscription;
	return structuredClone(webhook);
}

/**
 * Rejects the event-list field name that the configuration does not accept, with a message that
 * names both names, so a client can fall back.
 * @param {Record<string, unknown>} body
 * @param {WebhookEventsField} eventsField
 */
function rejectWrongEventsField(body, eventsField) {
	const wrongField = otherEventsField(eventsField);
	if (body[wrongField] !== undefined) {
		throw validationFailed(
			`${wrongField} is not a known field. Send the event list as ${eventsField}`,
		);
	}
}

/** @param {unknown} value */
function readName(value) {
	if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAME_LENGTH) {
		throw validationFailed(
			`name must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`,
		);
	}
	return value;
}

/** @param {unknown} value */
function readDescription(value) {
	if (value === undefined || value === null) {
		return null;
	}
	if (typeof value !== 'string') {
		throw validationFailed('description must be a string or null');
	}
	return value;
}

/** @param {unknown} value */
function readSecret(value) {
	if (typeof value !== 'string' || value === '' || value.length > MAX_SECRET_LENGTH) {
		throw validationFailed(
			`secret must be a non-empty string of at most ${MAX_SECRET_LENGTH} characters, or omitted so that one is generated`,
		);
	}
	return value;
}

/**
 * D9 (developers.kula.ai "Webhook setup") requires an HTTPS URL. ASSUMPTION: the sandbox also
 * accepts http on loopback hosts, so that an n8n on the same machine can receive deliveries.
 * @param {unknown} value
 */
function readUrl(value) {
	if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) {
		throw validationFailed(`url must be a string of at most ${MAX_URL_LENGTH} characters`);
	}
	/** @type {URL} */
	let parsed;
	try {
		parsed = new URL(value);
	} catch {
		throw validationFailed(`url must be an absolute https URL, got "${value}"`);
	}
	if (parsed.username !== '' || parsed.password !== '') {
		throw validationFailed('url must not contain a user name or password. Use headers instead');
	}
	if (parsed.protocol === 'https:') {
		return value;
	}
	if (parsed.protocol === 'http:' && isLoopbackHostname(parsed.hostname)) {
		return value;
	}
	throw validationFailed(
		`url must use https, got "${value}". The sandbox accepts http only for loopback hosts (${LOOPBACK_DESCRIPTION})`,
	);
}

/**
 * MCP create_webhook: an array of event type strings. D11 (developers.kula.ai "Webhook
 * payloads") lists the valid types. ASSUMPTION: the list must not be empty, and repeated
 * entries are kept once.
 * @param {WebhookEventsField} field
 * @param {unknown} value
 * @returns {string[]}
 */
function readEvents(field, value) {
	if (!Array.isArray(value) || value.length === 0) {
		throw validationFailed(
			`${field} must be a non-empty array of event types from GET /v1/webhooks/events`,
		);
	}
	for (const entry of value) {
		if (typeof entry !== 'string' || !EVENT_NAMES.includes(entry)) {
			throw validationFailed(
				`${field} contains ${JSON.stringify(entry)}, which is not a known event type. GET /v1/webhooks/events lists them`,
			);
		}
	}
	return [...new Set(/** @type {string[]} */ (value))];
}

/**
 * MCP create_webhook: `headers` is a record of strings. Names and values must be valid HTTP
 * header names and values, checked with Node's own validators.
 * @param {unknown} value
 * @returns {Record<string, string>}
 */
function readHeaders(value) {
	if (value === undefined || value === null) {
		return {};
	}
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw validationFailed('headers must be an object of header names to string values');
	}
	/** @type {Record<string, string>} */
	const headers = {};
	for (const [name, headerValue] of Object.entries(value)) {
		if (RESERVED_HEADER_NAMES.includes(name.toLowerCase())) {
			throw validationFailed(
				`headers.${name} is set by Kula on every delivery and cannot be replaced`,
			);
		}
		if (typeof headerValue !== 'string') {
			throw validationFailed(
				`headers.${name} must be a string, got ${JSON.stringify(headerValue)}`,
			);
		}
		try {
			http.validateHeaderName(name);
			http.validateHeaderValue(name, headerValue);
		} catch (error) {
			throw validationFailed(`headers.${name} is not a valid HTTP header: ${error.message}`);
		}
		headers[name] = headerValue;
	}
	return headers;
}

module.exports = {
	RESERVED_HEADER_NAMES,
	createSubscription,
	updateSubscription,
	toWebhook,
};
