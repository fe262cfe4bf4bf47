/**
 * Client authentication at the token endpoint (RFC 6749 §2.3.1), as registered or deliberately
 * wrong (the TK-06 matrix). For Basic, id and secret are form-urlencoded before base64, as the RFC
 * requires (a detail many clients get wrong).
 */
import { randomBytes } from 'node:crypto';
import type { Params } from '../drive/http.js';
import type { ClientProfile } from '../target/schema.js';

export type ClientAuthVariant = 'as-registered' | 'none' | 'no-client-id' | 'wrong-secret' | 'empty-secret' | 'switch-method' | 'secret-in-query';

export interface ClientAuthParts { headers: Record<string, string>; form: Params; query: Params }

const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}` });

export function clientAuth(c: ClientProfile, variant: ClientAuthVariant = 'as-registered'): ClientAuthParts {
  const secret = c.secret ?? '';
  const none: ClientAuthParts = { headers: {}, form: [['client_id', c.id]], query: [] };
  const as = (method: ClientProfile['auth'], s: string): ClientAuthParts => {
    if (method === 'client_secret_basic') return { headers: basic(c.id, s), form: [], query: [] };
    if (method === 'client_secret_post') return { headers: {}, form: [['client_id', c.id], ['client_secret', s]], query: [] };
    return none;
  };
  switch (variant) {
    case 'as-registered': return as(c.auth, secret);
    case 'none': return none;
    case 'no-client-id': return { headers: {}, form: [], query: [] };
    case 'wrong-secret': return as(c.auth === 'none' ? 'client_secret_post' : c.auth, wrongSecret(secret));
    case 'empty-secret': return as(c.auth === 'none' ? 'client_secret_post' : c.auth, '');
    case 'switch-method': return as(c.auth === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic', secret);
    case 'secret-in-query': return { headers: {}, form: [], query: [['client_id', c.id], ['client_secret', secret]] };
  }
}

/** Random, of the same length as the real one: it must not be derivable from it (reports show it). */
function wrongSecret(secret: string): string {
  return randomBytes(Math.max(24, secret.length)).toString('base64url').slice(0, Math.max(16, secret.length));
}
