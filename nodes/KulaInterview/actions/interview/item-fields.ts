import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { isObject } from '../../../shared/types';
import { FIELD_LABELS, type SchedulingMode } from '../../schemas/fields';
import { isBlank } from '../../schemas/values';

type Fields = Record<string, unknown>;

/** The fields of Kula's `external` object that an item may set; `managed` is always true. */
const EXTERNAL_FIELDS = ['video_conferencing_url', 'source', 'event_id'];

/** Kula's top-level create fields, read from an item under the same names. */
export const ITEM_FIELDS = Object.keys(FIELD_LABELS).filter((field) => !field.includes('.'));

function isTrue(value: unknown): boolean {
	return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/**
 * Reads the `external` object. A spreadsheet row cannot hold an object, so flat columns named
 * `external.source` and so on count too, and `external: true` marks an external event that has
 * no details.
 */
function readExternal(json: IDataObject): Fields | undefined {
	const nested = isObject(json.external) ? json.external : undefined;
	const external: Fields = {};
	for (const field of EXTERNAL_FIELDS) {
		const value = nested?.[field] ?? json[`external.${field}`];
		if (!isBlank(value)) external[field] = value;
	}
	if (nested || isTrue(json.external) || Object.keys(external).length > 0) return external;
	return undefined;
}

/**
 * Takes Kula's field names from an input item and infers the scheduling mode: a
 * stage_activity_id means the interview plan, an external object means an external event, and
 * anything else is ad hoc. Keys that are not Kula fields are ignored, so a sheet may carry
 * columns of its own.
 */
export function readItemFields(
	node: INode,
	json: IDataObject,
	itemIndex: number,
): { mode: SchedulingMode; values: Fields } {
	const values: Fields = {};
	for (const field of ITEM_FIELDS) {
		if (json[field] !== undefined) values[field] = json[field];
	}
	const external = readExternal(json);
	const fromPlan = !isBlank(json.stage_activity_id);

	if (fromPlan && external) {
		throw new NodeOperationError(
			node,
			`The input item has both stage_activity_id and external, so its scheduling mode is unclear [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					"Keep stage_activity_id for an interview from the job's interview plan, or the external fields for an external calendar event, and remove the other.",
			},
		);
	}
	if (external) return { mode: 'external', values: { ...values, external } };
	return { mode: fromPlan ? 'interviewPlan' : 'adHoc', values };
}
