/** PKCE values as the server computes them (RFC 7636 §4.1, §4.2, §4.6), shared by the PKCE checks. */
import { createHash } from 'node:crypto';
import type { AuthorizationEvidence, TokenEvidence } from '../evidence/types.js';
import { sentParam } from './token-response.js';

/** BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** code-verifier = 43*128unreserved (RFC 7636 §4.1). */
export function isWellFormedVerifier(v: string): boolean {
  return /^[A-Za-z0-9\-._~]{43,128}$/.test(v);
}

/** The challenge and method the authorization request really sent (after any `extra` replacement). */
export function challengeOf(a: AuthorizationEvidence): { challenge: string; method: string } | undefined {
  const challenge = a.request.params.code_challenge;
  return challenge ? { challenge, method: a.request.params.code_challenge_method ?? 'plain' } : undefined;
}

/** The verifier matches the challenge under the method sent at authorization. */
export function verifierMatches(verifier: string, c: { challenge: string; method: string }): boolean {
  return (c.method === 'S256' ? s256(verifier) : verifier) === c.challenge;
}

export function sentVerifier(e: TokenEvidence): string | undefined {
  return sentParam(e, 'code_verifier');
}
