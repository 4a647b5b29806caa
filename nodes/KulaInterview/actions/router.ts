import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import * as createInterview from './interview/create.operation';
import { createRunContext, type RunContext } from './run-context';

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
) => Promise<IDataObject>;

const operations: Record<string, Record<string, Operation>> = {
	interview: { create: createInterview.execute },
};

/**
 * Runs the chosen operation once per input item. Each input item yields exactly one output
 * item, paired with it: the result, or under continue-on-fail the error.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const runContext = createRunContext(this);

	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const run = operations[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${resource}:${operation}" is not supported [item ${i}]`,
					{ itemIndex: i },
				);
			}
			returnData.push({ json: await run.call(this, i, runContext), pairedItem: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				// n8n routes an item to the error output only when its json contains no keys but
				// error, message and details, so the description goes under details.
				const details = typeof error.description === 'string' ? error.description : undefined;
				returnData.push({
					json: details ? { error: error.message, details } : { error: error.message },
					pairedItem: { item: i },
				});
				continue;
			}
			if (error instanceof NodeApiError) {
				// Wrapping an existing n8n error returns it unchanged, so the item index goes on first.
				error.context.itemIndex = i;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			}
			if (error instanceof NodeOperationError) error.context.itemIndex = i;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}

	return [returnData];
}
