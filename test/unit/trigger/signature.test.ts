import { createHmac } from 'crypto';

import { verifySignature } from '../../../nodes/KulaTrigger/signature';

const SIGNING_KEY = ['whsec', 'unit', 'test'].join('_');
const NOW = 1_800_000_000;

function sign(body: Buffer | string, timestamp: number, secret = SIGNING_KEY): string {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function check(rawBody: Buffer, header: string | undefined, nowSeconds = NOW) {
	return verifySignature({ rawBody, header, secret: SIGNING_KEY, nowSeconds });
}

describe('verifySignature', () => {
	const body = Buffer.from('{"event":"interview.event.created","event_id":"evt_1","data":{}}');

	it('accepts a valid signature', () => {
		expect(check(body, `t=${NOW},v1=${sign(body, NOW)}`)).toEqual({ valid: true });
	});

	it('hashes the raw bytes, not re-serialised JSON', () => {
		const spaced = Buffer.from('{ "event" : "ping",\n  "data": { "message": "Webhook test" } }\n');
		const unicode = Buffer.from('{"data":{"name":"Zoë Ångström – 面接","note":"\\u00e9"}}', 'utf8');
		for (const raw of [spaced, unicode]) {
			const header = `t=${NOW},v1=${sign(raw, NOW)}`;
			expect(check(raw, header)).toEqual({ valid: true });
			const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
			expect(reserialised.equals(raw)).toBe(false);
			expect(check(reserialised, header).valid).toBe(false);
		}
	});

	it('rejects a body changed by one byte', () => {
		const header = `t=${NOW},v1=${sign(body, NOW)}`;
		const changed = Buffer.from(body.toString().replace('evt_1', 'evt_2'));
		expect(check(changed, header)).toEqual({
			valid: false,
			reason: 'no signature matches the secret',
		});
	});

	it('rejects a signature made with another secret', () => {
		const header = `t=${NOW},v1=${sign(body, NOW, 'whsec_other')}`;
		expect(check(body, header).valid).toBe(false);
	});

	it('accepts any of several v1 values', () => {
		const header = `t=${NOW},v1=${sign(body, NOW, 'whsec_old')},v1=${sign(body, NOW)}`;
		expect(check(body, header)).toEqual({ valid: true });
	});

	it('ignores unknown schemes beside v1', () => {
		const header = `t=${NOW},v0=abc,v1=${sign(body, NOW)}`;
		expect(check(body, header)).toEqual({ valid: true });
	});

	it.each([
		['stale', NOW - 301],
		['future', NOW + 301],
	])('rejects a %s timestamp', (_case, timestamp) => {
		const header = `t=${timestamp},v1=${sign(body, timestamp)}`;
		const result = check(body, header);
		expect(result.valid).toBe(false);
		if (!result.valid) expect(result.reason).toContain('more than 300 s away');
	});

	it('accepts a timestamp at the edge of the window', () => {
		const timestamp = NOW - 300;
		expect(check(body, `t=${timestamp},v1=${sign(body, timestamp)}`)).toEqual({ valid: true });
	});

	it('rejects a missing header', () => {
		expect(check(body, undefined)).toEqual({
			valid: false,
			reason: 'the X-Kula-Signature header is missing',
		});
		expect(check(body, '').valid).toBe(false);
	});

	it.each([
		['no timestamp', `v1=${'a'.repeat(64)}`],
		['no v1', `t=${NOW}`],
		['two timestamps', `t=${NOW},t=${NOW},v1=${'a'.repeat(64)}`],
		['short hex', `t=${NOW},v1=abcdef`],
		['not hex', `t=${NOW},v1=${'z'.repeat(64)}`],
		['timestamp not a number', `t=now,v1=${'a'.repeat(64)}`],
		['missing equals sign', `t${NOW},v1${'a'.repeat(64)}`],
		['plain hex', 'a'.repeat(64)],
	])('rejects a header with %s', (_case, header) => {
		expect(check(body, header)).toEqual({
			valid: false,
			reason: 'the X-Kula-Signature header is malformed',
		});
	});
});
