// @ts-check
'use strict';

const { ApiError } = require('./errors');
const { API_KEYS, SEED } = require('./seed');

/**
 * Bearer-key authentication (D2, developers.kula.ai "Authentication"):
 * `Authorization: Bearer <key>`. Both sandbox keys belong to the seeded account.
 *
 * Error messages never contain the key that was sent.
 */

/**
 * Checks the Authorization header and returns the account the key belongs to.
 * @param {string | undefined} header
 * @returns {{ accountId: number }}
 * @throws {ApiError} 401 ERR_TOKEN_MISSING, 401 ERR_INVALID_TOKEN or 403 ERR_FEATURE_NOT_ENABLED
 */
function authenticate(header) {
	const token = readBearerToken(header);

	// D2: a request without a key is rejected with 401 ERR_TOKEN_MISSING.
	if (token === null) {
		throw new ApiError(
			401,
			'ERR_TOKEN_MISSING',
			'Missing API key. Send it as "Authorization: Bearer <key>".',
		);
	}

	// D2: a Job Boards key has limited access for careers pages only.
	// ASSUMPTION: Kula rejects a Job Boards key on the Application API with 403
	// ERR_FEATURE_NOT_ENABLED, the code D2 lists for "API access not enabled".
	if (token === API_KEYS.jobBoards) {
		throw new ApiError(
			403,
			'ERR_FEATURE_NOT_ENABLED',
			'This key is a Job Boards key. Create an Application API key under Settings → API Management.',
		);
	}

	// D2: an unknown or revoked key is rejected with 401 ERR_INVALID_TOKEN.
	if (token !== API_KEYS.application) {
		throw new ApiError(401, 'ERR_INVALID_TOKEN', 'The API key is invalid or has been revoked.');
	}

	return { accountId: SEED.accountId };
}

/**
 * Returns the token of a `Bearer` Authorization header, or null when the header is missing or
 * blank. ASSUMPTION: any other scheme (e.g. `Basic …`) counts as an invalid token, not a
 * missing one, so it returns the whole header value, which never matches a key.
 * @param {string | undefined} header
 * @returns {string | null}
 */
function readBearerToken(header) {
	const value = header?.trim() ?? '';
	if (value === '') {
		return null;
	}
	const match = /^Bearer(?:\s+(.*))?$/i.exec(value);
	if (!match) {
		return value;
	}
	const token = (match[1] ?? '').trim();
	return token === '' ? null : token;
}

/**
 * Replaces every sandbox API key in `text` with `[REDACTED]`, for log lines built from
 * request data such as a query string.
 * @param {string} text
 */
function redactKeys(text) {
	let redacted = text;
	for (const key of Object.values(API_KEYS)) {
		redacted = redacted.split(key).join('[REDACTED]');
	}
	return redacted;
}

module.exports = { authenticate, redactKeys };
