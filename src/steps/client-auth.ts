/**
 * Client authentication at the token endpoint, as registered or deliberately wrong (the TK-06 matrix):
 * - client_secret_basic / client_secret_post (RFC 6749 §2.3.1). For Basic, id and secret are
 *   form-urlencoded before base64, as the RFC requires (a detail many clients get wrong).
 * - client_secret_jwt / private_key_jwt (RFC 7523 §2.2, OIDC Core §9): a JWT assertion with
 *   iss = sub = client_id, aud = the token endpoint, a unique jti and a one-minute exp, signed with
 *   the secret (HMAC) or the client's private key.
 * The wrong variants mean the same for every method: `wrong-secret` is a wrong secret, or an assertion
 * signed with a wrong key; `empty-secret` an empty secret, or an unsigned assertion (alg none).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import type { Params } from '../drive/http.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import { loadClientKey, type ClientKey } from '../target/client-key.js';
import { authMethod, authMethods, type AuthMethod } from '../target/auth-methods.js';
import type { ClientProfile } from '../target/schema.js';

export type ClientAuthVariant = 'as-registered' | 'none' | 'no-client-id' | 'wrong-secret' | 'empty-secret' | 'switch-method' | 'secret-in-query';

export interface ClientAuthParts { headers: Record<string, string>; form: Params; query: Params }


type Method = AuthMethod;
type Credential = { kind: 'secret'; secret: string } | { kind: 'key'; key: ClientKey['key'] | CryptoKey; alg: string } | { kind: 'unsigned' };

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ASSERTION_TTL_S = 60;

const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}` });

/**
 * The headers, body and query parameters that authenticate `c` at the token endpoint `audience`.
 * Every assertion built is handed to `onSecret`, so the run's redactor masks it.
 */
export async function clientAuth(
  c: ClientProfile, variant: ClientAuthVariant = 'as-registered', audience = '', onSecret: (assertion: string) => void = () => {},
): Promise<ClientAuthParts> {
  const secret = c.secret ?? '';
  const none: ClientAuthParts = { headers: {}, form: [['client_id', c.id]], query: [] };
  const as = async (method: Method, cred: Credential): Promise<ClientAuthParts> => {
    if (method === 'none') return none;
    if (method === 'client_secret_basic' || method === 'client_secret_post') {
      const s = cred.kind === 'secret' ? cred.secret : '';
      return method === 'client_secret_basic' ? { headers: basic(c.id, s), form: [], query: [] } : { headers: {}, form: [['client_id', c.id], ['client_secret', s]], query: [] };
    }
    const assertion = await signAssertion(c, audience, cred, c.alg);
    onSecret(assertion);
    return { headers: {}, form: [['client_id', c.id], ['client_assertion_type', JWT_BEARER], ['client_assertion', assertion]], query: [] };
  };
  const method = authMethod(c);
  const registered = method === 'none' ? 'client_secret_post' : method;
  switch (variant) {
    case 'as-registered': return as(method, ownCredential(c));
    case 'none': return none;
    case 'no-client-id': return { headers: {}, form: [], query: [] };
    case 'wrong-secret': return as(registered, await wrongCredential(c));
    case 'empty-secret': return as(registered, isJwtMethod(registered) ? { kind: 'unsigned' } : { kind: 'secret', secret: '' });
    case 'switch-method': return as(otherMethod(c), ownCredential(c));
    case 'secret-in-query': {
      if (method === 'private_key_jwt') throw new NotApplicable('a private_key_jwt client has no secret to put in the query');
      return { headers: {}, form: [], query: [['client_id', c.id], ['client_secret', secret]] };
    }
  }
}

export function isJwtMethod(m: Method): boolean {
  return m === 'client_secret_jwt' || m === 'private_key_jwt';
}

function ownCredential(c: ClientProfile): Credential {
  if (authMethod(c) === 'private_key_jwt') {
    const own = loadClientKey(requireKey(c), c.alg);
    return { kind: 'key', key: own.key, alg: own.alg };
  }
  return { kind: 'secret', secret: c.secret ?? '' };
}

/**
 * The right credential by a method the client is not registered for: Basic <-> body; a JWT method's
 * secret by Basic. A client registered for both Basic and body has no such method.
 */
function otherMethod(c: ClientProfile): Method {
  const method = authMethod(c);
  if (method === 'private_key_jwt') throw new NotApplicable('a private_key_jwt client has only its key: there is no other method to send it by');
  const other = method === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic';
  if (authMethods(c).includes(other)) {
    throw new NotApplicable(`the profile registers client ${c.id} for both ${method} and ${other}: no unregistered method is left to send its secret by`);
  }
  return other;
}

/** Random, of the same length as the real secret (not derivable from it: reports show it); or a fresh key. */
async function wrongCredential(c: ClientProfile): Promise<Credential> {
  if (authMethod(c) !== 'private_key_jwt') {
    const secret = c.secret ?? '';
    return { kind: 'secret', secret: randomBytes(Math.max(24, secret.length)).toString('base64url').slice(0, Math.max(16, secret.length)) };
  }
  const own = loadClientKey(requireKey(c), c.alg);
  const { privateKey } = await generateKeyPair(own.alg, { extractable: true });
  return { kind: 'key', key: privateKey, alg: own.alg };
}

async function signAssertion(c: ClientProfile, audience: string, cred: Credential, alg?: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: c.id, sub: c.id, aud: audience, jti: randomUUID(), iat: now, exp: now + ASSERTION_TTL_S };
  if (cred.kind === 'unsigned') {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
  }
  const jwt = new SignJWT(claims);
  if (cred.kind === 'secret') return jwt.setProtectedHeader({ alg: alg ?? 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(cred.secret));
  return jwt.setProtectedHeader({ alg: cred.alg, typ: 'JWT' }).sign(cred.key);
}

function requireKey(c: ClientProfile): string {
  if (!c.key) throw new HarnessError(`client ${c.id} uses private_key_jwt but the profile gives no key`, 'add key: <path to its private JWK or PEM> to the client');
  return c.key;
}
