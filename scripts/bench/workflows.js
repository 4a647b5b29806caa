// @ts-check
'use strict';

/**
 * The benchmark's n8n workflows, built in code because the HTTP Request variant needs the
 * sandbox's URL, which changes with every run. Each create workflow is Webhook → Code node that
 * builds the rows (`buildRows` from rows.js) → the measured node. The webhook responds when the
 * last node has finished, so the call's wall time covers the whole run.
 *
 * Node types and versions are those of n8n 2.41.1: Webhook 2, Code 2, HTTP Request 4.5, No
 * Operation 1.
 */

const { EXAMPLE_CREDENTIAL } = require('../lib/kula-example');
const { buildRows } = require('./rows');

/** Name of the measured node in every create workflow, where its run data is read. */
const MEASURED_NODE = 'Measured';
const TRIGGER_NODE = 'Kula Trigger';

/**
 * The n8n variants of the overhead comparison.
 * - `b1`: Kula Interview, each field mapped by its own expression (`={{ $json.x }}`).
 * - `b2`: Kula Interview with Input Data "Take Kula Fields From Input": Kula field names from each item.
 * - `c`: n8n's HTTP Request node with the Kula credential and the body from one JSON expression.
 *
 * @typedef {'b1' | 'b2' | 'c'} N8nVariant
 */

/** @type {readonly N8nVariant[]} */
const N8N_VARIANTS = ['b1', 'b2', 'c'];

const CREDENTIALS = { kulaApi: { id: EXAMPLE_CREDENTIAL.id, name: EXAMPLE_CREDENTIAL.name } };

/**
 * Kula Interview parameter of each row field (every field of `buildRows`), and whether it is a
 * resource locator, whose expression goes into the locator's value.
 *
 * @type {Record<string, { parameter: string, locator: boolean }>}
 */
const PARAMETER_OF_FIELD = {
	application_id: { parameter: 'applicationId', locator: true },
	organizer_id: { parameter: 'organizerId', locator: true },
	start_time: { parameter: 'startTime', locator: false },
	timezone: { parameter: 'timezone', locator: false },
	kind: { parameter: 'kind', locator: false },
	location: { parameter: 'location', locator: false },
	duration_minutes: { parameter: 'durationMinutes', locator: false },
	interviewer_ids: { parameter: 'interviewerIds', locator: false },
	candidate_template_id: { parameter: 'candidateTemplateId', locator: true },
	interviewer_template_id: { parameter: 'interviewerTemplateId', locator: true },
};

const ROW_FIELDS = Object.keys(PARAMETER_OF_FIELD);

/** Number of expressions in the b1 node: one per row field. */
const B1_EXPRESSION_COUNT = ROW_FIELDS.length;

/**
 * Returns a fixed UUID for node `index` of workflow `workflowIndex`, so the workflows are the
 * same in every run.
 *
 * @param {number} workflowIndex
 * @param {number} index
 */
function fixedUuid(workflowIndex, index) {
	const tail = String(workflowIndex * 100 + index).padStart(12, '0');
	return `6e3b8a10-5c2d-4f4e-9b7a-${tail}`;
}

/** Returns the Kula Interview parameters that map each row field with its own expression. */
function expressionParameters() {
	/** @type {Record<string, unknown>} */
	const parameters = { resource: 'interview', operation: 'create', schedulingMode: 'adHoc' };
	for (const field of ROW_FIELDS) {
		const { parameter, locator } = PARAMETER_OF_FIELD[field];
		const value = `={{ $json.${field} }}`;
		parameters[parameter] = locator ? { __rl: true, mode: 'id', value } : value;
	}
	parameters.options = {};
	return parameters;
}

/**
 * Returns the measured node of one variant.
 *
 * @param {N8nVariant} variant
 * @param {string} sandboxUrl
 */
function measuredNode(variant, sandboxUrl) {
	if (variant === 'c') {
		return {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.5,
			parameters: {
				method: 'POST',
				url: `=${sandboxUrl}/v1/applications/{{ $json.application_id }}/interviews`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'kulaApi',
				sendBody: true,
				specifyBody: 'json',
				// JSON.stringify drops the undefined application_id, which goes in the path.
				jsonBody: '={{ JSON.stringify({ ...$json, application_id: undefined }) }}',
				options: {},
			},
			credentials: CREDENTIALS,
		};
	}
	const parameters =
		variant === 'b1'
			? expressionParameters()
			: { resource: 'interview', operation: 'create', dataMode: 'autoMapInputData', options: {} };
	return {
		type: 'n8n-nodes-kula.kulaInterview',
		typeVersion: 1,
		parameters,
		credentials: CREDENTIALS,
	};
}

/** Returns the Code node's source: the rows of the webhook body's `count` and `startBase`. */
function rowsCode() {
	return [
		`const buildRows = ${buildRows.toString()};`,
		'const { count, startBase } = $input.first().json.body;',
		'return buildRows(count, startBase).map((json) => ({ json }));',
	].join('\n');
}

/**
 * Returns the webhook path of a variant's workflow, below /webhook/.
 *
 * @param {N8nVariant} variant
 */
function webhookPath(variant) {
	return `kula-bench/${variant}`;
}

/**
 * Returns the create workflow of one variant, in the shape that `POST /api/v1/workflows` takes.
 *
 * @param {N8nVariant} variant
 * @param {string} sandboxUrl
 */
function createWorkflow(variant, sandboxUrl) {
	const workflowIndex = N8N_VARIANTS.indexOf(variant) + 1;
	return {
		name: `Kula bench ${variant}`,
		nodes: [
			{
				id: fixedUuid(workflowIndex, 1),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: fixedUuid(workflowIndex, 11),
				parameters: {
					httpMethod: 'POST',
					path: webhookPath(variant),
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
			},
			{
				id: fixedUuid(workflowIndex, 2),
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: rowsCode() },
			},
			{
				id: fixedUuid(workflowIndex, 3),
				name: MEASURED_NODE,
				position: [440, 0],
				...measuredNode(variant, sandboxUrl),
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: MEASURED_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Webhook id of the Kula Trigger; its production URL is /webhook/<id>/webhook. */
const TRIGGER_WEBHOOK_ID = fixedUuid(9, 11);

/** Returns the trigger workflow: Kula Trigger on interview.event.created → No Operation. */
function triggerWorkflow() {
	return {
		name: 'Kula bench trigger',
		nodes: [
			{
				id: fixedUuid(9, 1),
				name: TRIGGER_NODE,
				type: 'n8n-nodes-kula.kulaTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: {
					events: ['interview.event.created'],
					registration: 'automatic',
					output: 'data',
				},
				credentials: CREDENTIALS,
			},
			{
				id: fixedUuid(9, 2),
				name: 'No Operation',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: {
			[TRIGGER_NODE]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

module.exports = {
	MEASURED_NODE,
	TRIGGER_NODE,
	TRIGGER_WEBHOOK_ID,
	N8N_VARIANTS,
	B1_EXPRESSION_COUNT,
	createWorkflow,
	triggerWorkflow,
	webhookPath,
};
