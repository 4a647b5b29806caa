// @ts-check
'use strict';

const { invalidParameter } = require('./errors');

/**
 * Reads a multi-value query parameter. Kula's MCP client sends arrays as repeated `key[]=value`
 * pairs (src/client.ts), so only the bracketed form is read and a bare `key=value` is ignored.
 * @param {URLSearchParams} query
 * @param {string} name parameter name without the brackets
 * @returns {string[] | undefined} undefined when the parameter is absent
 */
function readArrayParam(query, name) {
	const values = query.getAll(`${name}[]`);
	return values.length > 0 ? values : undefined;
}

/**
 * @param {URLSearchParams} query
 * @param {string} name parameter name without the brackets
 * @returns {number[] | undefined}
 */
function readIntegerArrayParam(query, name) {
	const values = readArrayParam(query, name);
	return values?.map((text) => parseIntegerText(`${name}[]`, text));
}

/**
 * @template {string} T
 * @param {URLSearchParams} query
 * @param {string} name parameter name without the brackets
 * @param {readonly T[]} allowed
 * @returns {T[] | undefined}
 */
function readEnumArrayParam(query, name, allowed) {
	const values = readArrayParam(query, name);
	return values?.map((text) => checkEnumText(`${name}[]`, text, allowed));
}

/**
 * @param {URLSearchParams} query
 * @param {string} name
 * @returns {number | undefined}
 */
function readIntegerParam(query, name) {
	const text = query.get(name);
	return text === null || text === '' ? undefined : parseIntegerText(name, text);
}

/**
 * @template {string} T
 * @param {URLSearchParams} query
 * @param {string} name
 * @param {readonly T[]} allowed
 * @returns {T | undefined}
 */
function readEnumParam(query, name, allowed) {
	const text = query.get(name);
	return text === null || text === '' ? undefined : checkEnumText(name, text, allowed);
}

/**
 * @param {string} name
 * @param {string} text
 */
function parseIntegerText(name, text) {
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
		throw invalidParameter(`${name} must be an integer ID, got "${text}"`);
	}
	return Number(text);
}

/**
 * @template {string} T
 * @param {string} name
 * @param {string} text
 * @param {readonly T[]} allowed
 * @returns {T}
 */
function checkEnumText(name, text, allowed) {
	const match = allowed.find((value) => value === text);
	if (match === undefined) {
		throw invalidParameter(`${name} must be one of ${allowed.join(', ')}, got "${text}"`);
	}
	return match;
}

/**
 * Tests the `query` search parameter: a case-insensitive substring of any of the texts.
 * An absent or empty search matches everything.
 * @param {string | null} search
 * @param {string[]} texts
 */
function matchesSearch(search, texts) {
	if (!search) {
		return true;
	}
	const needle = search.toLowerCase();
	return texts.some((text) => text.toLowerCase().includes(needle));
}

module.exports = {
	readArrayParam,
	readIntegerArrayParam,
	readEnumArrayParam,
	readIntegerParam,
	readEnumParam,
	matchesSearch,
};
