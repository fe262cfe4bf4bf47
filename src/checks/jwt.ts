/**
 * Reading and verifying JWTs in evidence (ID tokens, client assertions, request objects), shared by the
 * OpenID Connect, RFC 7523 and RFC 9101 checks. Checks are synchronous and import no packages
 * (test/unit/boundaries.test.ts), so signatures are verified with node:crypto on the JWK Set the
 * metadata step fetched, the way jose does it: JWS signing input, the key by `kid` (else every key of
 * the right type), and the algorithm's own padding and signature encoding.
 */
import { createHash, createPublicKey, verify, constants, type KeyObject } from 'node:crypto';
import type { AuthorizationEvidence, Evidence, HttpExchange, MetadataEvidence, TokenEvidence } from '../evidence/types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from './outcome.js';
import { headerOf, refusedWithoutTokens, sentParam, tokenBody } from './token-response.js';
import type { Judgement } from './types.js';

export interface DecodedJwt { header: Record<string, unknown>; claims: Record<string, unknown>; input: string; signature: Buffer }

export function decodeJwt(jwt: string): DecodedJwt | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims, input: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** The id_token of a successful token response. */
export function idTokenOf(e: HttpExchange): string | undefined {
  const body = tokenBody(e);
  return e.response.status >= 200 && e.response.status < 300 && typeof body?.id_token === 'string' ? body.id_token : undefined;
}

/** The latest metadata evidence so far, and its JWK Set when the step fetched one. */
export function metadataOf(all: readonly Evidence[]): MetadataEvidence | undefined {
  return [...all].reverse().find((x): x is MetadataEvidence => x.kind === 'metadata');
}

export function jwksKeys(m: MetadataEvidence | undefined): Record<string, unknown>[] | undefined {
  const body = m?.jwks?.response.json;
  return isObject(body) && Array.isArray(body.keys) ? body.keys.filter(isObject) : undefined;
}

/** The issuer the server states in its metadata, else the one the profile configured. */
export function issuerOf(m: MetadataEvidence): string {
  return typeof m.metadata?.issuer === 'string' ? m.metadata.issuer : m.issuer;
}

/** The authorization whose code a token step redeemed. */
export function authorizationOf(e: TokenEvidence, all: readonly Evidence[]): AuthorizationEvidence | undefined {
  return all.find((x): x is AuthorizationEvidence => x.kind === 'authorization' && x.step === e.codeFrom);
}

/** The client_id a token request authenticated as (body, else Basic). */
export function clientIdOf(e: HttpExchange): string | undefined {
  const fromBody = sentParam(e, 'client_id');
  if (fromBody) return fromBody;
  const m = /^basic\s+(\S+)/i.exec(headerOf(e.request.headers, 'authorization') ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const id = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
  try { return decodeURIComponent(id.replace(/\+/g, '%20')); } catch { return id; }
}

/** The server's clock when it answered (its Date header), in seconds; undefined without one. */
export function serverTime(e: HttpExchange): number | undefined {
  const date = headerOf(e.response.headers, 'date');
  const ms = date ? Date.parse(date) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

const HASHES: Record<string, string> = { 256: 'sha256', 384: 'sha384', 512: 'sha512' };

/** at_hash / c_hash (OIDC Core §3.1.3.6, §3.3.2.11): left half of the alg's hash of the value, base64url; EdDSA uses SHA-512. */
export function halfHash(alg: string, value: string): string | undefined {
  const bits = alg === 'EdDSA' ? '512' : /^[A-Z]{2}(256|384|512)$/.exec(alg)?.[1];
  const hash = bits && HASHES[bits];
  if (!hash) return undefined;
  const digest = createHash(hash).update(value, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

export type Verification = { ok: true; kid?: string } | { ok: false; reason: string };

/** Verifies a JWS with a key of the JWK Set: by `kid` when the header names one, else any key that fits. */
export function verifyWithJwks(jwt: DecodedJwt, keys: readonly Record<string, unknown>[]): Verification {
  const alg = typeof jwt.header.alg === 'string' ? jwt.header.alg : undefined;
  if (!alg || alg === 'none') return { ok: false, reason: `it is not signed (alg ${alg ?? 'missing'})` };
  if (alg.startsWith('HS')) return { ok: false, reason: `it is MACed with ${alg}, not signed with a published key` };
  const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
  const candidates = keys.filter((k) => (kid === undefined || k.kid === kid) && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === alg));
  if (!candidates.length) return { ok: false, reason: kid === undefined ? `the JWK Set has no key for ${alg}` : `the JWK Set has no key with kid ${JSON.stringify(kid)} for ${alg}` };
  for (const jwk of candidates) {
    if (verifies(alg, jwt, jwk)) return { ok: true, kid: typeof jwk.kid === 'string' ? jwk.kid : undefined };
  }
  return { ok: false, reason: `its ${alg} signature does not verify with ${kid === undefined ? `any of the ${candidates.length} published key(s)` : `the published key ${JSON.stringify(kid)}`}` };
}

function verifies(alg: string, jwt: DecodedJwt, jwk: Record<string, unknown>): boolean {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk as never, format: 'jwk' });
  } catch {
    return false;
  }
  const data = Buffer.from(jwt.input, 'ascii');
  const bits = /(256|384|512)$/.exec(alg)?.[1];
  const hash = bits ? HASHES[bits] : undefined;
  try {
    if (alg === 'EdDSA') return verify(null, data, key, jwt.signature);
    if (!hash) return false;
    if (alg.startsWith('RS')) return verify(hash, data, key, jwt.signature);
    if (alg.startsWith('PS')) return verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 }, jwt.signature);
    if (alg.startsWith('ES')) return verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, jwt.signature);
  } catch {
    return false;
  }
  return false;
}

/** The id_token of a token response decoded, or why a check cannot judge it. */
export function idTokenClaims(e: TokenEvidence): { jwt: DecodedJwt } | { reason: string } {
  const raw = idTokenOf(e);
  if (!raw) return { reason: e.response.status >= 200 && e.response.status < 300 ? 'the token response carries no id_token (was scope openid granted?)' : 'the token request issued nothing' };
  const jwt = decodeJwt(raw);
  return jwt ? { jwt } : { reason: 'the id_token is not a JWS in compact form (encrypted, or malformed): the JWS rules cannot judge it' };
}

/** The `client_assertion:` variant a token step used, if any. */
export function assertionVariant(e: { variants?: string[] }): string | undefined {
  return e.variants?.find((v) => v.startsWith('client_assertion:'))?.slice('client_assertion:'.length);
}

/**
 * A token request with a forged client assertion (`what` by variant) judged on what happened: no tokens.
 * Another variant is not the rule's to judge.
 */
export function forgedAssertionRefused(e: TokenEvidence, what: Record<string, string>): Judgement {
  const variant = assertionVariant(e);
  if (!variant || !what[variant]) return { holds: 'n/a', reason: 'the request sent no client assertion of the kind this rule judges' };
  return refusedWithoutTokens(e, { expectedError: 'invalid_client', accepted: `a code redemption authenticated ${what[variant]} was answered with tokens` });
}

/**
 * An authorization with a broken request object (`what` by variant) judged on what happened: no code or
 * token delivered; an error page the harness cannot credit (5xx, empty) is lenient.
 */
export function brokenRequestObjectRefused(e: AuthorizationEvidence, what: Record<string, string>): Judgement {
  const kind = e.requestObject && what[e.requestObject.variant];
  if (!kind) return { holds: 'n/a', reason: 'the request sent no request object of the kind this rule judges' };
  const expected = 'refused: no code delivered';
  const r = refusalOf(e);
  if (!r.refused) return { holds: false, expected, actual: `${describeOutcome(e)} with ${r.delivered.join(', ')}`, message: `a request object ${kind} was accepted` };
  const uncredited = uncreditedRefusal(e);
  if (uncredited) return { holds: 'lenient', expected, actual: describeOutcome(e), message: uncredited };
  return { holds: true, expected, actual: r.error ? `error=${r.error}` : describeOutcome(e), refusal: true };
}
