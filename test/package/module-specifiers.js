// @ts-check
'use strict';

/**
 * Reads module specifiers with the TypeScript parser, so that a `require('...')` inside a comment
 * or a string is not counted, and a computed one is.
 */

const fs = require('node:fs');
const path = require('node:path');

const ts = require('typescript');

/**
 * One module that a file loads. `specifier` is null when the argument is not a string literal,
 * e.g. `require(name)`, which no static check can follow.
 *
 * @typedef {object} ModuleReference
 * @property {string | null} specifier
 * @property {number} line 1-based.
 * @property {string} text The source text of the call or declaration.
 */

/**
 * Returns every `require(...)`, `import(...)`, `import ... from` and `export ... from` in
 * JavaScript source.
 *
 * @param {string} code
 * @param {string} fileName Only used to name the file in the parser's diagnostics.
 * @returns {ModuleReference[]}
 */
function collectModuleReferences(code, fileName) {
	const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
	/** @type {ModuleReference[]} */
	const references = [];

	/**
	 * @param {ts.Node} node
	 * @param {ts.Node | undefined} argument
	 */
	const record = (node, argument) => {
		const specifier = argument && ts.isStringLiteralLike(argument) ? argument.text : null;
		const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
		references.push({ specifier, line: line + 1, text: node.getText(sourceFile) });
	};

	/** @param {ts.Node} node */
	const visit = (node) => {
		if (ts.isCallExpression(node)) {
			const callee = node.expression;
			const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
			if (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) {
				record(node, node.arguments[0]);
			}
		} else if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
			if (node.moduleSpecifier) record(node, node.moduleSpecifier);
		}
		ts.forEachChild(node, visit);
	};
	visit(sourceFile);
	return references;
}

/**
 * Returns the package name of a bare specifier: `@scope/name` or `name`, without a subpath.
 *
 * @param {string} specifier
 */
function packageNameOf(specifier) {
	const segments = specifier.split('/');
	return specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0];
}

/**
 * Reads the modules that n8n Cloud lets a community node import: the `allowedModules` array of
 * the `no-restricted-imports` rule in the @n8n/eslint-plugin-community-nodes copy that the
 * verification scanner uses. The rule also exempts every package in the package's own
 * devDependencies, which the caller must not do: n8n installs no devDependencies.
 *
 * @returns {string[]}
 */
function readN8nAllowedModules() {
	const scannerFile = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	const pluginMain = require.resolve('@n8n/eslint-plugin-community-nodes', {
		paths: [path.dirname(scannerFile)],
	});
	const ruleFile = path.join(path.dirname(pluginMain), 'rules', 'no-restricted-imports.js');
	const sourceFile = ts.createSourceFile(
		ruleFile,
		fs.readFileSync(ruleFile, 'utf8'),
		ts.ScriptTarget.Latest,
		true,
	);

	/** @type {string[] | undefined} */
	let modules;
	/** @param {ts.Node} node */
	const visit = (node) => {
		if (
			ts.isVariableDeclaration(node) &&
			ts.isIdentifier(node.name) &&
			node.name.text === 'allowedModules' &&
			node.initializer &&
			ts.isArrayLiteralExpression(node.initializer)
		) {
			modules = node.initializer.elements.filter(ts.isStringLiteralLike).map((item) => item.text);
		}
		ts.forEachChild(node, visit);
	};
	visit(sourceFile);
	if (!modules) {
		throw new Error(`No \`allowedModules\` array literal found in ${ruleFile}`);
	}
	return modules;
}

module.exports = { collectModuleReferences, packageNameOf, readN8nAllowedModules };
