import type { INode } from 'n8n-workflow';

/** A Kula Interview node for code that only needs a node to attach errors to. */
export const interviewNode: INode = {
	id: 'node-1',
	name: 'Kula Interview',
	type: 'n8n-nodes-kula.kulaInterview',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
