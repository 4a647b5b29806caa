// @ts-check
'use strict';

const { randomBytes } = require('node:crypto');
const { invalidParameter } = require('./errors');

/** Page-number paging defaults and maximum (D4, developers.kula.ai "Pagination"). */
const DEFAULT_PAGE = 1;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/**
 * @typedef {object} ListMeta
 * @property {number} total
 * @property {number} page
 * @property {number} limit
 * @property {number} total_pages
 * @property {string} timestamp
 * @property {string} request_id
 */

/** Returns a fresh request ID. ASSUMPTION: the format; Kula documents only the field name. */
function newRequestId() {
	return `req_${randomBytes(12).toString('hex')}`;
}

function responseMeta() {
	return { timestamp: new Date().toISOString(), request_id: newRequestId() };
}

/**
 * Wraps one object. ASSUMPTION: single objects use the list envelope's `data` and the
 * `timestamp`/`request_id` part of its `meta`. The "Overview" (D1) and "Pagination" (D4)
 * pages of developers.kula.ai show only the list form.
 * @template T
 * @param {T} data
 * @returns {{ data: T, meta: { timestamp: string, request_id: string } }}
 */
function singleEnvelope(data) {
	return { data, meta: responseMeta() };
}

/**
 * Reads `page` (1-based) and `limit` from query text values (D4).
 * @param {string | null | undefined} pageText
 * @param {string | null | undefined} limitText
 * @returns {{ page: number, limit: number }}
 */
function readPaging(pageText, limitText) {
	return {
		page: readPositiveInteger('page', pageText, DEFAULT_PAGE, Number.MAX_SAFE_INTEGER),
		limit: readPositiveInteger('limit', limitText, DEFAULT_LIMIT, MAX_LIMIT),
	};
}

/**
 * @param {string} name
 * @param {string | null | undefined} text
 * @param {number} fallback
 * @param {number} max
 */
function readPositiveInteger(name, text, fallback, max) {
	if (text === null || text === undefined || text === '') {
		return fallback;
	}
	const value = /^\d+$/.test(text) ? Number(text) : NaN;
	if (!Number.isSafeInteger(value) || value < 1 || value > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? 'at least 1' : `between 1 and ${max}`;
		throw invalidParameter(`${name} must be an integer ${range}, got "${text}"`);
	}
	return value;
}

/**
 * Cuts one page out of `items` and wraps it in the list envelope (D1, developers.kula.ai
 * "Overview", and D4). A page past the
 * end returns an empty `data` array.
 * @template T
 * @param {T[]} items every matching item, already filtered and sorted
 * @param {{ page: number, limit: number }} paging
 * @returns {{ data: T[], meta: ListMeta }}
 */
function listEnvelope(items, paging) {
	const { page, limit } = paging;
	const start = (page - 1) * limit;
	return {
		data: items.slice(start, start + limit),
		meta: {
			total: items.length,
			page,
			limit,
			total_pages: Math.ceil(items.length / limit),
			...responseMeta(),
		},
	};
}

/**
 * Builds Kula's error envelope (D1). The rate-limit error adds `meta.retry_after` (D5,
 * developers.kula.ai "Rate limiting").
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [meta]
 */
function errorEnvelope(code, message, meta) {
	return meta ? { error: { code, message }, meta } : { error: { code, message } };
}

module.exports = {
	DEFAULT_LIMIT,
	MAX_LIMIT,
	singleEnvelope,
	listEnvelope,
	readPaging,
	errorEnvelope,
	newRequestId,
};
