import { NodeOperationError, type INode } from 'n8n-workflow';
import type { ZodIssue } from 'zod';

import { fieldLabel, type SchedulingMode } from './fields';
import { interviewSchema, type CreateInterviewRequest } from './modes';
import type { SchemaContext } from './values';

function fixOf(issue: ZodIssue): string {
	const params = issue.code === 'custom' ? issue.params : undefined;
	return typeof params?.fix === 'string' ? params.fix : '';
}

function describeIssue(mode: SchedulingMode, issue: ZodIssue): string {
	return `${fieldLabel(mode, issue.path.join('.'))} ${issue.message}`;
}

/**
 * Validates one item's values against its mode's schema before anything is sent. The first
 * problem becomes the message, with its fix and any further problems in the description.
 */
export function buildCreateRequest(
	node: INode,
	mode: SchedulingMode,
	values: Record<string, unknown>,
	context: SchemaContext,
	itemIndex: number,
): CreateInterviewRequest {
	const result = interviewSchema(mode, context).safeParse(values);
	if (result.success) return result.data;

	const [first, ...rest] = result.error.issues;
	const description = [
		fixOf(first),
		...rest.map((issue) => `Also: ${describeIssue(mode, issue)}. ${fixOf(issue)}`),
	]
		.filter((line) => line.trim() !== '')
		.join('\n');
	return throwInvalid(
		node,
		`${describeIssue(mode, first)} [item ${itemIndex}]`,
		description,
		itemIndex,
	);
}

function throwInvalid(node: INode, message: string, description: string, itemIndex: number): never {
	throw new NodeOperationError(node, message, { itemIndex, description });
}
