import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

/**
 * Kula's delivery envelope, from its webhook payloads guide:
 * `{ event, event_id, created_at, account_id, data }`. The guide's examples disagree on the
 * event_id format (evt_abc123 and a UUID), so it is read as an opaque string.
 */
const envelopeSchema = z
	.object({
		event: z.string().min(1),
		event_id: z.union([z.string().min(1), z.number()]).transform(String),
		created_at: z.string().optional(),
		account_id: z.union([z.number(), z.string()]).optional(),
		data: z.record(z.unknown()),
	})
	.passthrough();

export type KulaEnvelope = z.infer<typeof envelopeSchema>;

export type EnvelopeResult = { ok: true; envelope: KulaEnvelope } | { ok: false; reason: string };

/** Parses the raw body of a delivery; anything but a Kula envelope is rejected. */
export function parseEnvelope(rawBody: Buffer): EnvelopeResult {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return { ok: false, reason: 'the body is not JSON' };
	}
	const result = envelopeSchema.safeParse(parsed);
	if (!result.success) {
		const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || 'body'))];
		return {
			ok: false,
			reason: `the body is not a Kula event envelope (check ${fields.join(', ')})`,
		};
	}
	return { ok: true, envelope: result.data };
}

/**
 * Builds the item a run starts with: the resource with the envelope's fields beside it. The
 * envelope's created_at becomes event_created_at, because the interview has its own created_at.
 */
export function envelopeToItem(envelope: KulaEnvelope): IDataObject {
	return {
		...(envelope.data as IDataObject),
		event: envelope.event,
		event_id: envelope.event_id,
		event_created_at: envelope.created_at ?? null,
		account_id: envelope.account_id ?? null,
	};
}
