import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { isObject } from '../../../shared/types';
import { FIELD_LABELS, type SchedulingMode } from '../../schemas/fields';
import { isBlank } from '../../schemas/values';

type Fields = Record<string, unknown>;

/** The fields of Kula's `external` object that an item may set; `managed` is always true. */
const EXTERNAL_FIELDS = ['video_conferencing_url', 'source', 'event_id'];

/** Kula's top-level create fields, read from an item under the same names. */
export const ITEM_FIELDS = Object.keys(FIELD_LABELS).filter((field) => !field.includes('.'));

/** Reads a spreadsheet's TRUE or FALSE as well as a boolean; anything else is undefined. */
function flag(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value !== 'string') return undefined;
	const text = value.trim().toLowerCase();
	if (text === 'true') return true;
	if (text === 'false') return false;
	return undefined;
}

/**
 * Reads the `external` object. A spreadsheet row cannot hold an object, so flat columns named
 * `external.source`, `external.managed` and so on count too, and `external: true` marks an
 * external event without details. A `managed` of false means the item is not an external event,
 * because Kula's external events are always managed elsewhere.
 */
function readExternal(node: INode, json: IDataObject, itemIndex: number): Fields | undefined {
	const nested = isObject(json.external) ? json.external : undefined;
	const external: Fields = {};
	for (const field of EXTERNAL_FIELDS) {
		const value = nested?.[field] ?? json[`external.${field}`];
		if (!isBlank(value)) external[field] = value;
	}
	const managed = flag(nested?.managed ?? json['external.managed']);
	const hasDetails = Object.keys(external).length > 0;

	if (managed === false) {
		if (!hasDetails) return undefined;
		throw new NodeOperationError(
			node,
			`Input field "external.managed" is false, but the item has external event fields [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Kula records external events only as managed by another system. Set external.managed to true for an external calendar event, or remove the external fields so Kula schedules the interview itself.',
			},
		);
	}
	if (nested || managed === true || flag(json.external) === true || hasDetails) return external;
	return undefined;
}

/**
 * Takes Kula's field names from an input item and infers the scheduling mode: a
 * stage_activity_id means the interview plan, external fields mean an external event, and
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
	const external = readExternal(node, json, itemIndex);
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
