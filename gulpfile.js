// @ts-check
// tsc emits only the compiled sources, so the build copies the icons that the node and credential
// descriptions reference (`file:...svg`) into dist/ beside the compiled files.
const { src, dest } = require('gulp');
const { rm } = require('node:fs/promises');

/** Removes the previous build so deleted sources leave nothing behind in dist/. */
async function clean() {
	await rm('dist', { recursive: true, force: true });
}

/**
 * Copies every SVG and PNG under icons/, nodes/ and credentials/ into dist/, and the package
 * main (index.js), which requires the compiled files by their dist/ paths.
 */
function buildIcons() {
	// One glob per folder: a glob that starts with a brace would make gulp walk the whole
	// repository, the n8n runtime's node_modules included.
	const globs = ['icons', 'nodes', 'credentials'].map((folder) => `${folder}/**/*.{png,svg}`);
	return src([...globs, 'index.js'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:icons'] = buildIcons;
