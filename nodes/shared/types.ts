import type { IDataObject } from 'n8n-workflow';

/** Kula's error envelope: `{ error: { code, message } }`, plus `meta.retry_after` on a 429. */
export interface KulaErrorBody {
	error?: { code?: string; message?: string };
	meta?: { retry_after?: number };
}

/** One HTTP exchange with Kula, whatever its status. */
export interface KulaResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface KulaRequest {
	method: HttpMethod;
	/** Path below the base URL, starting with /v1. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
