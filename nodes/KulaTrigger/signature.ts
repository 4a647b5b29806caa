import { createHmac, timingSafeEqual } from 'crypto';

/** Kula's security guide: reject a signature whose timestamp is more than 5 minutes off. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/**
 * Parses `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`. Several v1 values may appear while a
 * secret is being rotated; unknown keys are ignored so that a future v2 does not break us.
 */
function parseSignatureHeader(
	header: string,
): { timestamp: number; signatures: string[] } | undefined {
	let timestamp: number | undefined;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const separator = part.indexOf('=');
		if (separator <= 0) return undefined;
		const key = part.slice(0, separator).trim();
		const value = part.slice(separator + 1).trim();
		if (key === 't') {
			if (!/^\d{1,12}$/.test(value) || timestamp !== undefined) return undefined;
			timestamp = Number(value);
		} else if (key === 'v1') {
			if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
			signatures.push(value.toLowerCase());
		}
	}
	return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/**
 * Verifies an X-Kula-Signature header. Kula signs `<t>.<raw request body>` with HMAC-SHA256
 * and the subscription's secret, hex-encoded. The raw bytes are hashed as received, because
 * parsing and re-serialising JSON changes whitespace, key order and unicode escapes.
 */
export function verifySignature(options: {
	rawBody: Buffer;
	header: string | undefined;
	secret: string;
	nowSeconds: number;
	toleranceSeconds?: number;
}): SignatureCheck {
	const { rawBody, header, secret, nowSeconds } = options;
	const tolerance = options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
	if (!header) return { valid: false, reason: 'the X-Kula-Signature header is missing' };

	const parsed = parseSignatureHeader(header);
	if (!parsed) return { valid: false, reason: 'the X-Kula-Signature header is malformed' };

	if (Math.abs(nowSeconds - parsed.timestamp) > tolerance) {
		return { valid: false, reason: `the signature timestamp is more than ${tolerance} s away` };
	}

	const expected = createHmac('sha256', secret)
		.update(`${parsed.timestamp}.`)
		.update(rawBody)
		.digest();
	const matches = parsed.signatures.some((signature) =>
		timingSafeEqual(Buffer.from(signature, 'hex'), expected),
	);
	return matches ? { valid: true } : { valid: false, reason: 'no signature matches the secret' };
}
