import { NodeOperationError, type INode } from 'n8n-workflow';
import type { ZodIssue } from 'zod';

import { fieldLabel, type SchedulingMode } from './fields';
import { interviewSchema, type CreateInterviewRequest } from './modes';
import type { SchemaContext } from './values';

function fixOf(issue: ZodIssue): string {
	const params = issue.code === 'custom' ? issue.params : undefined;
	return typeof params?.fix === 'string' ? params.fix : '';
}

function describeIssue(mode: SchedulingMode, issue: ZodIssue, context: SchemaContext): string {
	return `${fieldLabel(mode, issue.path.join('.'), context.inputStyle)} ${issue.message}`;
}

export type RequestBuilder = (
	node: INode,
	mode: SchedulingMode,
	values: Record<string, unknown>,
	itemIndex: number,
) => CreateInterviewRequest;

/**
 * Returns a function that validates one item's values against its mode's schema before anything
 * is sent. The first problem becomes the message, with its fix and any further problems in the
 * description. Each mode's schema is built once, at its first item, because building one costs
 * more than checking an item with it.
 */
export function createRequestBuilder(context: SchemaContext): RequestBuilder {
	const schemas = new Map<SchedulingMode, ReturnType<typeof interviewSchema>>();
	return (node, mode, values, itemIndex) => {
		let schema = schemas.get(mode);
		if (!schema) {
			schema = interviewSchema(mode, context);
			schemas.set(mode, schema);
		}
		const result = schema.safeParse(values);
		if (result.success) return result.data;

		const [first, ...rest] = result.error.issues;
		const description = [
			fixOf(first),
			...rest.map((issue) => `Also: ${describeIssue(mode, issue, context)}. ${fixOf(issue)}`),
		]
			.filter((line) => line.trim() !== '')
			.join('\n');
		throw new NodeOperationError(
			node,
			`${describeIssue(mode, first, context)} [item ${itemIndex}]`,
			{
				itemIndex,
				description,
			},
		);
	};
}

/** Validates one item on its own; see createRequestBuilder(). */
export function buildCreateRequest(
	node: INode,
	mode: SchedulingMode,
	values: Record<string, unknown>,
	context: SchemaContext,
	itemIndex: number,
): CreateInterviewRequest {
	return createRequestBuilder(context)(node, mode, values, itemIndex);
}
