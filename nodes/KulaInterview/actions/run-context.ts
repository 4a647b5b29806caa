import type { IExecuteFunctions } from 'n8n-workflow';

import { openKulaSession, type KulaSession } from '../../shared/transport';

/**
 * State that the items of one node run share, so per-run work is done once rather than per
 * item: the Kula session (decrypted credential, rate-limit budget) and anything an operation
 * builds. It lives for one call of execute() and no longer.
 */
export interface RunContext {
	session(): Promise<KulaSession>;
	/** Returns the value built under `key` in this run, building it at the first call. */
	once<T>(key: string, build: () => T): T;
}

export function createRunContext(context: IExecuteFunctions): RunContext {
	let session: Promise<KulaSession> | undefined;
	const built = new Map<string, unknown>();
	return {
		// Opened at the first item that needs it, so a credential problem fails items, not the run.
		session: async () => await (session ??= openKulaSession.call(context)),
		once<T>(key: string, build: () => T): T {
			if (!built.has(key)) built.set(key, build());
			return built.get(key) as T;
		},
	};
}
