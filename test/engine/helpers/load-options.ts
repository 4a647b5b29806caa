import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialsHelper,
	type ILoadOptionsFunctions,
	type INode,
	type INodeTypes,
} from 'n8n-workflow';

import { engineAdditionalData } from './run-workflow';

/**
 * Builds the context n8n gives a node's list methods while the editor shows the node with
 * these parameters, with n8n-core's own LoadOptionsContext.
 */
export function loadOptionsContext(options: {
	node: INode;
	nodeTypes: INodeTypes;
	credentialsHelper: ICredentialsHelper;
	parameterPath: string;
}): ILoadOptionsFunctions {
	const workflow = new Workflow({
		id: 'list-test',
		nodes: [options.node],
		connections: {},
		nodeTypes: options.nodeTypes,
		active: false,
		settings: { executionOrder: 'v1', timezone: 'UTC' },
	});
	const additionalData = engineAdditionalData(options.credentialsHelper, options.node.parameters);
	return new LoadOptionsContext(workflow, options.node, additionalData, options.parameterPath);
}
