import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IRequestOptionsSimplifiedAuth,
	type Workflow,
} from 'n8n-workflow';

/**
 * An in-memory credential store for n8n-core's engine. n8n's own helper lives in the
 * unpublished CLI package, and it is what applies a credential's generic `authenticate`
 * block. This one does the same through the workflow's expression engine, so the tests send
 * the real Authorization header the credential describes.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly types: Map<string, ICredentialType>;

	constructor(
		types: ICredentialType[],
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
		this.types = new Map(types.map((type) => [type.name, type]));
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const request = incoming as IHttpRequestOptions;
		const authenticate = this.types.get(typeName)?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, request);
		if (!authenticate || authenticate.type !== 'generic') return request;

		const resolve = (value: unknown) => resolveExpression(value, credentials, workflow, node);
		const properties = authenticate.properties as IRequestOptionsSimplifiedAuth;
		for (const key of ['headers', 'qs', 'body'] as const) {
			const entries = Object.entries(properties[key] ?? {});
			if (entries.length === 0) continue;
			const target = ((request as unknown as Record<string, IDataObject>)[key] ??= {});
			for (const [name, value] of entries) target[resolve(name)] = resolve(value);
		}
		if (properties.auth) {
			request.auth = {
				username: resolve(properties.auth.username),
				password: resolve(properties.auth.password),
			};
		}
		return request;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.data[type];
		if (!stored) throw new Error(`The test has no credentials of type "${type}"`);
		// A copy, because the engine merges pre-authentication data into what it receives.
		return { ...stored };
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('The engine tests read credentials through getDecrypted only');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.get(type)?.properties ?? [];
	}
}

function resolveExpression(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow?: Workflow,
	node?: INode,
): string {
	if (typeof value !== 'string' || !value.startsWith('='))
		return value === undefined ? '' : String(value);
	if (!workflow || !node) throw new Error('A credential expression needs the workflow and node');
	const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', {
		$credentials: credentials,
	});
	return resolved === undefined || resolved === null ? '' : String(resolved);
}
