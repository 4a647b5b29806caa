import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';

/** One request the fake Kula API received. */
export interface SentRequest {
	method: string;
	url: string;
	body?: IDataObject;
	qs?: IDataObject;
}

/** A canned response: status and body, optionally with headers. */
export interface CannedResponse {
	statusCode: number;
	body?: unknown;
	headers?: Record<string, string>;
}

type Route = (request: SentRequest) => CannedResponse | undefined;

export const SANDBOX_BASE = 'http://127.0.0.1:4010';
export const PRODUCTION_URL = 'https://n8n.example.com/webhook/3b0c/webhook';
export const TEST_URL = 'https://n8n.example.com/webhook-test/3b0c/webhook';

const triggerNode: INode = {
	id: 'trigger-1',
	name: 'Kula Trigger',
	type: 'n8n-nodes-kula.kulaTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface FakeOptions {
	webhookUrl?: string;
	parameters?: IDataObject;
	credentials?: ICredentialDataDecryptedObject;
	staticData?: IDataObject;
	routes?: Route[];
}

/**
 * Builds the parts of IHookFunctions the trigger's lifecycle uses. HTTP goes to a list of
 * routes standing in for Kula's webhook API; every request is recorded, and a request that no
 * route matches fails the test.
 */
export function fakeHookContext(options: FakeOptions = {}) {
	const sent: SentRequest[] = [];
	const logs: string[] = [];
	const staticData: IDataObject = options.staticData ?? {};
	const parameters: IDataObject = {
		events: ['interview.event.created'],
		registration: 'automatic',
		...options.parameters,
	};
	const credentials: ICredentialDataDecryptedObject = {
		apiKey: 'kula_test_key',
		baseUrl: 'https://api.kula.ai',
		...options.credentials,
	};

	const httpRequestWithAuthentication = async (_type: string, request: IHttpRequestOptions) => {
		const recorded: SentRequest = {
			method: String(request.method),
			url: String(request.url),
			body: request.body as IDataObject | undefined,
			qs: request.qs as IDataObject | undefined,
		};
		sent.push(recorded);
		for (const route of options.routes ?? []) {
			const response = route(recorded);
			if (response) return { headers: {}, body: {}, ...response };
		}
		throw new Error(`No fake route for ${recorded.method} ${recorded.url}`);
	};

	const context = {
		getNode: () => triggerNode,
		getNodeWebhookUrl: () => options.webhookUrl ?? PRODUCTION_URL,
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => credentials,
		getWorkflow: () => ({ id: 'wf-1', name: 'Hiring day follow-up', active: true }),
		logger: {
			info: (message: string) => logs.push(message),
			warn: (message: string) => logs.push(message),
			debug: () => undefined,
			error: (message: string) => logs.push(message),
		},
		helpers: { httpRequestWithAuthentication },
	};

	return {
		context: context as unknown as IHookFunctions & IWebhookFunctions,
		sent,
		logs,
		staticData,
	};
}

/** Returns a route for requests whose method and URL path match, e.g. `on('GET', '/v1/webhooks', ...)`. */
export function on(
	method: string,
	path: string | RegExp,
	respond: (request: SentRequest) => CannedResponse,
): Route {
	return (request) => {
		const { pathname } = new URL(request.url);
		const matches = typeof path === 'string' ? pathname === path : path.test(pathname);
		return request.method === method && matches ? respond(request) : undefined;
	};
}

/** Builds one page of Kula's list envelope. */
export function listOf(entries: unknown[]): CannedResponse {
	return {
		statusCode: 200,
		body: { data: entries, meta: { page: 1, limit: 100, total: entries.length, total_pages: 1 } },
	};
}
