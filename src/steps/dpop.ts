/**
 * DPoP proofs (RFC 9449 §4.2), built with jose: one key pair per scenario (the key its tokens get bound
 * to), a second one for "another key", and the server's latest nonce (§8, §9). A proof may carry one
 * named defect, so that a rule of §4.3 can be tried alone.
 */
import { createHash, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { DpopProofSent } from '../evidence/fapi.js';
import type { HttpExchange } from '../evidence/types.js';
import type { StepContext } from './context.js';

import type { DpopVariantName as DpopVariant } from '../spec/dpop-variants.js';

interface Key { privateKey: CryptoKey; jwk: JWK; jkt: string }
interface ScenarioDpop { key?: Promise<Key>; other?: Promise<Key>; nonce?: string; last?: { proof: string; sent: DpopProofSent } }

// Keyed by the scenario's results array: one state per scenario run, gone with it.
const states = new WeakMap<object, ScenarioDpop>();
const stateOf = (ctx: StepContext) => { let s = states.get(ctx.results); if (!s) states.set(ctx.results, (s = {})); return s; };

async function newKey(): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return { privateKey, jwk, jkt: await calculateJwkThumbprint(jwk) };
}

/** The key the scenario's tokens are bound to (its thumbprint, for evidence and checks). */
export async function scenarioKey(ctx: StepContext): Promise<Key> {
  const s = stateOf(ctx);
  return (s.key ??= newKey());
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/**
 * The DPoP header for `method url` (with `accessToken`: the `ath` of §4.2), or none for variant `none`.
 * `sent` describes the proof for the evidence.
 */
export async function dpopProof(ctx: StepContext, variant: DpopVariant, method: string, url: string, accessToken?: string): Promise<{ header?: string; sent: DpopProofSent }> {
  const s = stateOf(ctx);
  if (variant === 'none') return { sent: { variant } };
  if (variant === 'replay') {
    if (!s.last) return { sent: { variant, claims: {} } }; // nothing to replay: the step says so (dpopSpec)
    return { header: s.last.proof, sent: { ...s.last.sent, variant } };
  }
  const key = variant === 'other-key' ? await (s.other ??= newKey()) : await scenarioKey(ctx);
  const htu = new URL(url);
  htu.search = '';
  htu.hash = '';
  const claims: Record<string, unknown> = {
    jti: randomUUID(),
    htm: variant === 'wrong-htm' ? (method === 'GET' ? 'POST' : 'GET') : method,
    htu: variant === 'wrong-htu' ? `${htu.origin}/not-this-endpoint` : htu.href,
    iat: Math.floor(Date.now() / 1000) - (variant === 'stale-iat' ? 3600 : 0),
    ...(s.nonce ? { nonce: s.nonce } : {}),
    ...(accessToken ? { ath: createHash('sha256').update(variant === 'wrong-ath' ? `${accessToken}x` : accessToken).digest('base64url') } : {}),
  };
  const header = { typ: variant === 'typ-jwt' ? 'JWT' : 'dpop+jwt', alg: variant === 'alg-none' ? 'none' : 'ES256', jwk: key.jwk };
  const proof = variant === 'alg-none'
    ? `${b64(header)}.${b64(claims)}.`
    : await new SignJWT(claims).setProtectedHeader(header).sign(key.privateKey);
  const sent: DpopProofSent = { variant, jkt: key.jkt, ...(variant === 'other-key' ? { otherKey: true } : {}), header: { typ: header.typ, alg: header.alg }, claims: { ...claims, jti: '(unique)' } };
  if (variant === 'valid') s.last = { proof, sent };
  return { header: proof, sent };
}

/** The server asked for a DPoP nonce (RFC 9449 §8, §9): its `DPoP-Nonce` header, if so. */
export function nonceAsked(ex: HttpExchange): string | undefined {
  const { status, headers, json } = ex.response;
  const nonce = Object.entries(headers).find(([k]) => k.toLowerCase() === 'dpop-nonce')?.[1];
  const error = (json as { error?: unknown } | undefined)?.error;
  const www = Object.entries(headers).find(([k]) => k.toLowerCase() === 'www-authenticate')?.[1] ?? '';
  return nonce && (status === 400 || status === 401) && (error === 'use_dpop_nonce' || /use_dpop_nonce/.test(www)) ? nonce : undefined;
}

/**
 * Sends a request with a DPoP proof, and once more with the server's nonce when it asks for one, as a
 * client does (RFC 9449 §8). The nonce of any answer is kept for the scenario's later proofs.
 */
export async function sendWithDpop<T extends HttpExchange>(ctx: StepContext, variant: DpopVariant, send: () => Promise<T>): Promise<{ ex: T; nonceRetried: boolean }> {
  const s = stateOf(ctx);
  const first = await send();
  const asked = nonceAsked(first);
  const keep = (ex: T) => { const n = Object.entries(ex.response.headers).find(([k]) => k.toLowerCase() === 'dpop-nonce')?.[1]; if (n) s.nonce = n; };
  keep(first);
  if (!asked || variant === 'none' || variant === 'replay') return { ex: first, nonceRetried: false };
  const again = await send();
  keep(again);
  return { ex: again, nonceRetried: true };
}
