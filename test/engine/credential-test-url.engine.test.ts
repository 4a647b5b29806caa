import { Workflow } from 'n8n-workflow';

import { KulaApi } from '../../credentials/KulaApi.credentials';
import { KulaInterview } from '../../nodes/KulaInterview/KulaInterview.node';
import { kulaNode } from './helpers/interview-sandbox';
import { nodeTypesFrom } from './helpers/run-workflow';

/** Resolves the credential test's base URL through n8n's expression engine, as n8n does. */
function testBaseUrl(baseUrl: string): unknown {
	const node = kulaNode({});
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFrom({ 'n8n-nodes-kula.kulaInterview': new KulaInterview() }),
	});
	const expression = new KulaApi().test.request.baseURL;
	return workflow.expression.getSimpleParameterValue(node, expression ?? '', 'internal', {
		$credentials: { baseUrl },
	});
}

describe('credential test base URL', () => {
	it.each([
		['', 'https://api.kula.ai'],
		[' https://api.kula.ai/v1/ ', 'https://api.kula.ai'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['http://localhost:4010/v1', 'http://localhost:4010'],
		['http://[::1]:4010', 'http://[::1]:4010'],
		['http://api.kula.ai', 'https://api.kula.ai'],
		['HTTP://kula.example.com/v1', 'https://kula.example.com'],
		['http://127.0.0.1.example.com', 'https://127.0.0.1.example.com'],
		['http://localhost.example.com:80', 'https://localhost.example.com:80'],
		['http://[::ffff:127.0.0.1]:4010', 'https://[::ffff:127.0.0.1]:4010'],
	])('turns %j into %s', (baseUrl, expected) => {
		expect(testBaseUrl(baseUrl)).toBe(expected);
	});
});
