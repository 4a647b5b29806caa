// @ts-check
'use strict';

/**
 * Formats rows as a plain-text table with a header and a separator line, each column as wide as
 * its widest cell.
 *
 * @param {string[]} headers
 * @param {Array<Array<string | number | null | undefined>>} rows
 * @returns {string}
 */
function formatTable(headers, rows) {
	const cells = rows.map((row) =>
		row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))),
	);
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)),
	);
	/** @param {string[]} row */
	const formatRow = (row) =>
		widths
			.map((width, column) => (row[column] ?? '').padEnd(width))
			.join('  ')
			.trimEnd();
	const separator = widths.map((width) => '-'.repeat(width)).join('  ');
	return [formatRow(headers), separator, ...cells.map(formatRow)].join('\n');
}

module.exports = { formatTable };
