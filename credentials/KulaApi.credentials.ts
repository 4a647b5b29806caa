import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class KulaApi implements ICredentialType {
	name = 'kulaApi';

	displayName = 'Kula API';

	icon: Icon = { light: 'file:../icons/kula.svg', dark: 'file:../icons/kula.dark.svg' };

	documentationUrl = 'https://developers.kula.ai/docs/api-guides/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'An Application API key from Kula (Settings → API Management → Create API Key). Job Boards keys cannot schedule interviews.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.kula.ai',
			placeholder: 'e.g. https://api.kula.ai',
			description:
				'The address of the Kula API, with or without /v1. It must use HTTPS, except for a Kula sandbox on this machine.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for a Kula Trigger whose webhook you created by hand in Kula: the secret Kula shows for that webhook. Triggers that register themselves keep their own secret.',
		},
	];

	// A function rather than a generic block: n8n evaluates a generic block's expression for every
	// request, by estimate as costly as a mapped field (docs/BENCHMARKS.md, per expression).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey)}` },
		};
	}

	// The same normalisation as normalizeBaseUrl() in nodes/shared/transport.ts, written as an
	// expression because the credential test cannot call node code. Where the node would refuse
	// plain HTTP (any host but this machine), the test switches to HTTPS, so it never sends the
	// key unencrypted either.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.baseUrl || "https://api.kula.ai").trim().replace(/\\/+$/, "").replace(/\\/v1$/, "").replace(/^http:\\/\\/(?!(?:localhost|127(?:\\.\\d{1,3}){3}|\\[::1\\])(?::\\d+)?(?:\\/|$))/i, "https://") }}',
			url: '/v1/jobs',
			qs: { limit: 1 },
		},
	};
}
