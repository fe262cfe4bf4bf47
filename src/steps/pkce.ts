/** PKCE values (RFC 7636 §4.1, §4.2): a 43-character verifier from 32 random bytes, and its challenge. */
import { createHash, randomBytes } from 'node:crypto';

export function pkcePair(method: 'S256' | 'plain'): { method: 'S256' | 'plain'; verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return { method, verifier, challenge };
}
