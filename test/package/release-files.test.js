// @ts-check
'use strict';

/**
 * Checks the files around a release: the GitHub Actions workflows (they cannot run here, so
 * they are parsed and their steps read), and the README, CHANGELOG and LICENSE that the tarball
 * ships. The README checks read the node descriptions from dist/, so a new operation or event
 * fails here until the README documents it. Needs `npm run build`, which `npm test` runs first.
 */

const fs = require('node:fs');
const path = require('node:path');

const YAML = require('yaml');

const { REPO_ROOT } = require('../../scripts/lib/paths');
const { N8N_VERSION } = require('../../scripts/runtime');

const WORKFLOW_DIR = path.join(REPO_ROOT, '.github', 'workflows');
/** @type {{ version: string, license: string, scripts: Record<string, string> }} */
const MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/**
 * @typedef {object} WorkflowStep
 * @property {string} [name]
 * @property {string} [uses]
 * @property {string} [run]
 * @property {string} [if]
 * @property {Record<string, any>} [with]
 * @property {Record<string, string>} [env]
 */

/**
 * @typedef {object} Workflow
 * @property {string} name
 * @property {Record<string, any>} on
 * @property {Record<string, string>} [permissions]
 * @property {Record<string, { 'runs-on': string, 'timeout-minutes': number, permissions?: Record<string, string>, steps: WorkflowStep[] }>} jobs
 */

/** @param {string} file */
function parseWorkflow(file) {
	const text = fs.readFileSync(path.join(WORKFLOW_DIR, file), 'utf8');
	const document = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
	return { document, workflow: /** @type {Workflow} */ (document.toJS()) };
}

/** @param {Workflow} workflow */
function allSteps(workflow) {
	return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

/**
 * Returns each shell line of the workflow's `run` steps, in order.
 *
 * @param {Workflow} workflow
 */
function runLines(workflow) {
	return allSteps(workflow)
		.flatMap((step) => (step.run ?? '').split('\n'))
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

/**
 * Returns the lines of a `## heading` section of the README, up to the next `## ` heading.
 *
 * @param {string} heading
 */
function readmeSection(heading) {
	const lines = README.split('\n');
	const start = lines.indexOf(`## ${heading}`);
	if (start === -1) return '';
	const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
	return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

/** @param {string} text */
function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const workflowFiles = fs.readdirSync(WORKFLOW_DIR).filter((file) => /\.ya?ml$/.test(file));

describe('GitHub Actions workflows', () => {
	test('ci and publish exist', () => {
		expect(workflowFiles.sort()).toEqual(['ci.yml', 'publish.yml']);
	});

	test.each(workflowFiles)('%s parses as YAML', (file) => {
		const { document } = parseWorkflow(file);
		expect(document.errors.map((error) => error.message)).toEqual([]);
		expect(document.warnings.map((warning) => warning.message)).toEqual([]);
	});

	test.each(workflowFiles)('%s has valid jobs and steps', (file) => {
		const { workflow } = parseWorkflow(file);
		expect(typeof workflow.name).toBe('string');
		expect(workflow.on).toBeDefined();
		expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
		for (const job of Object.values(workflow.jobs)) {
			expect(job['runs-on']).toBe('ubuntu-latest');
			expect(job['timeout-minutes']).toBeGreaterThan(0);
			expect(job.steps.length).toBeGreaterThan(0);
		}
		for (const step of allSteps(workflow)) {
			const kinds = ['uses', 'run'].filter((key) => key in step);
			expect({ step, kinds }).toEqual({ step, kinds: [expect.any(String)] });
			if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+|[0-9a-f]{40})$/);
		}
	});

	test.each(workflowFiles)('%s runs only defined npm scripts', (file) => {
		const { workflow } = parseWorkflow(file);
		const scripts = runLines(workflow)
			.map((line) => /\bnpm run ([\w:-]+)/.exec(line)?.[1])
			.filter((script) => script !== undefined);
		expect(scripts.length).toBeGreaterThan(0);
		const undefinedScripts = scripts.filter((script) => !(script in MANIFEST.scripts));
		expect(undefinedScripts).toEqual([]);
	});

	test('ci triggers on main and pull requests', () => {
		const { workflow } = parseWorkflow('ci.yml');
		expect(workflow.on.push).toEqual({ branches: ['main'] });
		expect('pull_request' in workflow.on).toBe(true);
		expect(workflow.permissions).toEqual({ contents: 'read' });
	});

	test('ci installs, lints, builds and tests', () => {
		const lines = runLines(parseWorkflow('ci.yml').workflow);
		const order = ['npm ci', 'npm run lint', 'npm run build', 'npm run typecheck', 'npm test'];
		const positions = order.map((command) => lines.indexOf(command));
		expect(positions).not.toContain(-1);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});

	test('ci caches the n8n runtime', () => {
		const steps = allSteps(parseWorkflow('ci.yml').workflow);
		const restore = steps.find((step) => step.uses?.startsWith('actions/cache/restore@'));
		const save = steps.find((step) => step.uses?.startsWith('actions/cache/save@'));
		expect(restore?.with?.path).toBe('.n8n-runtime');
		expect(save?.with?.path).toBe('.n8n-runtime');
		const install = steps.find((step) => step.run === 'node scripts/runtime.js');
		expect(install?.if).toContain('cache-hit');
		expect(steps.indexOf(save ?? {})).toBeGreaterThan(steps.indexOf(install ?? {}));
	});

	test('publish triggers only on tags', () => {
		const { workflow } = parseWorkflow('publish.yml');
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(Object.keys(workflow.on.push)).toEqual(['tags']);
	});

	test('publish may sign provenance', () => {
		const { workflow } = parseWorkflow('publish.yml');
		expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	});

	test('publish scans, then releases with provenance', () => {
		const { workflow } = parseWorkflow('publish.yml');
		const steps = allSteps(workflow);
		const lines = runLines(workflow);
		expect(lines.indexOf('npm run scan')).toBeGreaterThan(-1);
		expect(lines.indexOf('npm run release')).toBeGreaterThan(lines.indexOf('npm run scan'));
		const release = steps.find((step) => step.run?.includes('npm run release'));
		expect(release?.env?.NPM_CONFIG_PROVENANCE).toBe('true');
		expect(MANIFEST.scripts.release).toBe('n8n-node release');
	});

	test('publish checks tag against version', () => {
		const lines = runLines(parseWorkflow('publish.yml').workflow);
		expect(lines.some((line) => line.includes('GITHUB_REF_NAME'))).toBe(true);
	});
});

describe('package documents', () => {
	test('readme has community node sections', () => {
		const headings = README.split('\n').filter((line) => line.startsWith('## '));
		for (const section of [
			'Installation',
			'Credentials',
			'Operations',
			'Trigger',
			'Compatibility',
			'Usage',
			'Resources',
		]) {
			expect(headings).toContain(`## ${section}`);
		}
	});

	test('readme installation covers both ways', () => {
		const section = readmeSection('Installation');
		expect(section).toContain('Settings → Community Nodes');
		expect(section).toContain('~/.n8n/nodes');
	});

	test('readme credentials name the key type', () => {
		const section = readmeSection('Credentials');
		expect(section).toContain('Application API');
		expect(section).toContain('Settings → API Management → Create API Key');
	});

	test('readme lists every operation', () => {
		const { KulaInterview } = require('../../dist/nodes/KulaInterview/KulaInterview.node.js');
		/** @type {import('n8n-workflow').INodeTypeDescription} */
		const description = new KulaInterview().description;
		const resources = description.properties.find((property) => property.name === 'resource');
		const section = readmeSection('Operations');
		const operations = description.properties.filter((property) => property.name === 'operation');

		/** @type {string[]} */
		const rows = [];
		for (const operation of operations) {
			// An operation list without a resource condition applies to every resource.
			const shownFor = operation.displayOptions?.show?.resource;
			for (const resource of resources?.options ?? []) {
				if (!('value' in resource)) continue;
				if (shownFor && !shownFor.includes(resource.value)) continue;
				for (const option of operation.options ?? [])
					rows.push(`| ${resource.name} | ${option.name} |`);
			}
		}
		expect(rows.length).toBeGreaterThan(0);

		const tableRows = section.split('\n').map((line) => line.replace(/\s*\|\s*/g, ' | ').trim());
		const undocumented = rows.filter(
			(row) => !tableRows.some((line) => line.startsWith(row.replace(/\s*\|\s*/g, ' | ').trim())),
		);
		expect(undocumented).toEqual([]);
	});

	test('readme lists every trigger event', () => {
		const { KulaTrigger } = require('../../dist/nodes/KulaTrigger/KulaTrigger.node.js');
		/** @type {import('n8n-workflow').INodeTypeDescription} */
		const description = new KulaTrigger().description;
		const events = description.properties.find((property) => property.name === 'events');
		const section = readmeSection('Trigger');
		expect(events?.options?.length).toBeGreaterThan(0);
		for (const event of events?.options ?? []) {
			expect(section).toContain(event.name);
			if ('value' in event) expect(section).toContain(`\`${String(event.value)}\``);
		}
	});

	test('readme compatibility names the tested n8n', () => {
		expect(readmeSection('Compatibility')).toContain(`n8n ${N8N_VERSION}`);
	});

	test('changelog has the package version', () => {
		const changelog = fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toMatch(new RegExp(`^## \\[?${escapeRegExp(MANIFEST.version)}\\]?`, 'm'));
	});

	test('license is MIT', () => {
		const license = fs.readFileSync(path.join(REPO_ROOT, 'LICENSE.md'), 'utf8');
		expect(license.split('\n')[0]).toBe('MIT License');
		expect(MANIFEST.license).toBe('MIT');
	});
});
