import { mock } from 'jest-mock-extended';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	sleep,
	Workflow,
	type ICredentialsHelper,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
} from 'n8n-workflow';

export function nodeTypesFrom(types: Record<string, INodeType>): INodeTypes {
	return {
		getByName: (type) => types[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(types[type], version),
		getKnownTypes: () => ({}),
	};
}

export interface RunOptions {
	node: INode;
	nodeTypes: INodeTypes;
	items: INodeExecutionData[];
	credentialsHelper: ICredentialsHelper;
	settings?: IWorkflowSettings;
	/** Stops the run after this many milliseconds, as n8n's stop button or timeout does. */
	cancelAfterMs?: number;
}

/**
 * Builds the additional data n8n-core expects around a run or a list lookup. The deep mock
 * returns a function for any unknown property. The engine checks some of them for truthiness
 * or builds URLs from them, so those get real values.
 */
export function engineAdditionalData(
	credentialsHelper: ICredentialsHelper,
	currentNodeParameters?: INodeParameters,
): IWorkflowExecuteAdditionalData {
	const additionalData = mock<Record<string, unknown>>({
		executionId: 'engine-test-run',
		currentNodeParameters: undefined,
		encryptedRunnerIdentity: undefined,
		evalLlmMockHandler: undefined,
		otel: undefined,
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
	}) as unknown as IWorkflowExecuteAdditionalData;
	// Assigned after mock(), which would otherwise wrap these objects in proxies of their own.
	additionalData.credentialsHelper = credentialsHelper;
	additionalData.currentNodeParameters = currentNodeParameters;
	return additionalData;
}

/**
 * Runs one node through n8n-core's WorkflowExecute, as n8n does in a manual run, with the given
 * input items, and resolves with the finished run.
 */
export async function runNode(options: RunOptions): Promise<IRun> {
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [options.node],
		connections: {},
		nodeTypes: options.nodeTypes,
		active: false,
		settings: { executionOrder: 'v1', ...options.settings },
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'engine-test-run', mock());
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});

	const additionalData = engineAdditionalData(options.credentialsHelper);
	additionalData.hooks = hooks;

	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: options.node, data: { main: [options.items] }, source: null }],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(
		workflow,
	);
	if (options.cancelAfterMs !== undefined) {
		void sleep(options.cancelAfterMs).then(() => execution.cancel());
	}
	await execution;
	return await finished;
}

/** Returns the items a node put on one of its outputs in the run. */
export function outputOf(run: IRun, nodeName: string, outputIndex = 0): INodeExecutionData[] {
	return run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [];
}
