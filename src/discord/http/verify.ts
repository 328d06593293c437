/**
 * Verifying that a request to the interactions endpoint comes from Discord: Discord signs every request
 * with the application's Ed25519 key, over the `X-Signature-Timestamp` header followed by the raw body, and
 * puts the signature (hex) in `X-Signature-Ed25519`. Node's own crypto verifies it; no dependency.
 *
 * Discord sends requests with invalid signatures on purpose (when the endpoint URL is saved, and at random
 * afterwards): each must be refused with 401. A request whose timestamp is outside
 * {@link SIGNATURE_MAX_AGE_S} of the server's clock is refused too, so a captured request cannot be
 * replayed later.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Seconds a signed request stays acceptable, either side of the server's clock (60 s): far longer than
 * Discord's own 3 s to answer, so clock skew of up to a minute is harmless, and short enough that a replay
 * finds the interaction's answer window long closed.
 */
export const SIGNATURE_MAX_AGE_S = 60;

/** Why a request was refused, for the debug log; the requester only sees 401. */
export type SignatureProblem = 'missing headers' | 'malformed signature' | 'malformed timestamp' | 'stale timestamp' | 'bad signature';

/** Hex of an application's public key, as the developer portal shows it: 32 bytes. */
export const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/i;
const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;
const TIMESTAMP = /^\d{1,12}$/;

/** The application's public key (64 hex characters) as a key Node can verify with. */
export function discordPublicKey(hex: string): KeyObject {
  if (!PUBLIC_KEY_HEX.test(hex)) throw new TypeError('a Discord public key is 64 hexadecimal characters');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

/**
 * Checks a request's signature; null when it is Discord's, else why not. `now` is the server's clock in
 * milliseconds.
 */
export function signatureProblem(
  key: KeyObject,
  headers: { signature: string | string[] | undefined; timestamp: string | string[] | undefined },
  body: Buffer,
  now: number = Date.now(),
): SignatureProblem | null {
  const { signature, timestamp } = headers;
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'missing headers';
  // Buffer.from(…, 'hex') stops quietly at the first bad character: the shape is checked first.
  if (!SIGNATURE_HEX.test(signature)) return 'malformed signature';
  if (!TIMESTAMP.test(timestamp)) return 'malformed timestamp';
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_MAX_AGE_S) return 'stale timestamp';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? null : 'bad signature';
}
