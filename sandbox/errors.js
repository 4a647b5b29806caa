// @ts-check
'use strict';

/**
 * An error that the server turns into Kula's error envelope (D1, developers.kula.ai
 * "Overview"): `{ "error": { "code": "ERR_…", "message": "…" } }`.
 */
class ApiError extends Error {
	/**
	 * @param {number} status HTTP status code
	 * @param {string} code Kula error code, e.g. `ERR_NOT_FOUND`
	 * @param {string} message human-readable message, which must not contain an API key
	 * @param {{ headers?: Record<string, string>, meta?: Record<string, unknown> }} [extra]
	 */
	constructor(status, code, message, extra = {}) {
		super(message);
		this.name = 'ApiError';
		this.status = status;
		this.code = code;
		this.headers = extra.headers ?? {};
		this.meta = extra.meta;
	}
}

/**
 * ASSUMPTION: `ERR_NOT_FOUND`. Kula documents no code for unknown IDs or paths.
 * @param {string} message
 */
function notFound(message) {
	return new ApiError(404, 'ERR_NOT_FOUND', message);
}

/**
 * ASSUMPTION: 400 with `ERR_INVALID_PARAMETER` for a bad query parameter (paging, filters).
 * Kula documents no status or code for it.
 * @param {string} message
 */
function invalidParameter(message) {
	return new ApiError(400, 'ERR_INVALID_PARAMETER', message);
}

/**
 * ASSUMPTION: 422 with `ERR_VALIDATION_FAILED` for a request body that breaks a rule. Kula's
 * MCP server shows 422 for interview errors (err_interview_cancelled), but no code for create.
 * @param {string} message names the field and the rule it breaks
 */
function validationFailed(message) {
	return new ApiError(422, 'ERR_VALIDATION_FAILED', message);
}

module.exports = { ApiError, notFound, invalidParameter, validationFailed };
