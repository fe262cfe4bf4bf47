/**
 * Forged JWT client assertions (RFC 7523 §3, OIDC Core §9): what a token step sends with
 * `client_assertion: { variant }` for a client authenticating with private_key_jwt or
 * client_secret_jwt. Each variant breaks exactly one rule of a valid assertion:
 * - wrong-aud: aud is another server's token endpoint;  expired: exp passed ten minutes ago;
 * - replayed: the assertion an earlier token step sent, byte for byte;
 * - iss-not-sub: iss names another client, sub this one;  no-jti: no jti;
 * - other-client-key: signed with another client's key (or secret, HS256);
 * - alg-none: unsigned;  hmac-public-key: HS256 keyed with the client's own public key (PEM), the
 *   key-confusion attack on libraries that take the algorithm from the token.
 */
import { createPublicKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { HarnessError, NotApplicable } from '../harness-error.js';
import { authMethod } from '../target/auth-methods.js';
import { loadClientKey } from '../target/client-key.js';
import type { ClientProfile } from '../target/schema.js';
import { JWT_BEARER, type ClientAuthParts } from './client-auth.js';

export const ASSERTION_VARIANTS = ['wrong-aud', 'expired', 'replayed', 'iss-not-sub', 'other-client-key', 'alg-none', 'hmac-public-key', 'no-jti'] as const;
export type AssertionVariant = (typeof ASSERTION_VARIANTS)[number];

const TTL_S = 60;
const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

export interface AssertionContext {
  /** The other clients of the profile: whose key or id a variant borrows. */
  others: readonly ClientProfile[];
  /** `replayed`: the assertion sent before. */
  previous?: string;
}

/** The token request's client authentication with a forged assertion; every assertion goes to `onSecret`. */
export async function forgedAssertionAuth(
  c: ClientProfile, variant: AssertionVariant, audience: string, o: AssertionContext, onSecret: (assertion: string) => void,
): Promise<ClientAuthParts> {
  const method = authMethod(c);
  if (method !== 'private_key_jwt' && method !== 'client_secret_jwt') {
    throw new NotApplicable(`client ${c.id} authenticates with ${method}, not with a JWT assertion (private_key_jwt, client_secret_jwt)`);
  }
  const assertion = await forge(c, variant, audience, o);
  onSecret(assertion);
  return { headers: {}, form: [['client_id', c.id], ['client_assertion_type', JWT_BEARER], ['client_assertion', assertion]], query: [] };
}

async function forge(c: ClientProfile, variant: AssertionVariant, audience: string, o: AssertionContext): Promise<string> {
  if (variant === 'replayed') {
    if (!o.previous) throw new HarnessError(`client_assertion: replayed needs an earlier token step by client ${c.id} that sent an assertion`);
    return o.previous;
  }
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { iss: c.id, sub: c.id, aud: audience, jti: randomUUID(), iat: now, exp: now + TTL_S };
  if (variant === 'wrong-aud') claims.aud = 'https://attacker.example/token';
  if (variant === 'expired') Object.assign(claims, { iat: now - 900, exp: now - 600 });
  if (variant === 'no-jti') delete claims.jti;
  if (variant === 'iss-not-sub') claims.iss = (o.others.find((x) => x.id !== c.id)?.id) ?? `${c.id}.other`;
  if (variant === 'alg-none') return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
  if (variant === 'hmac-public-key') {
    if (authMethod(c) !== 'private_key_jwt' || !c.key) throw new NotApplicable(`client ${c.id} has no key pair: HMAC with its public key needs a private_key_jwt client`);
    const pem = loadClientKey(c.key, c.alg).key.export({ format: 'pem', type: 'pkcs8' });
    const publicPem = createPublicKey(pem).export({ format: 'pem', type: 'spki' }).toString();
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(publicPem));
  }
  const signer = variant === 'other-client-key' ? otherClient(c, o.others) : c;
  return sign(signer, claims);
}

/** Another client with a credential to sign with: a key pair first, else a secret. */
function otherClient(c: ClientProfile, others: readonly ClientProfile[]): ClientProfile {
  const rest = others.filter((x) => x.id !== c.id);
  const other = rest.find((x) => authMethod(x) === 'private_key_jwt' && x.key) ?? rest.find((x) => x.secret);
  if (!other) throw new NotApplicable('the profile has no other client with a key or secret to sign an assertion with');
  return other;
}

async function sign(c: ClientProfile, claims: Record<string, unknown>): Promise<string> {
  const jwt = new SignJWT(claims);
  if (authMethod(c) === 'private_key_jwt' && c.key) {
    const k = loadClientKey(c.key, c.alg);
    return jwt.setProtectedHeader({ alg: k.alg, typ: 'JWT' }).sign(k.key);
  }
  return jwt.setProtectedHeader({ alg: c.alg?.startsWith('HS') ? c.alg : 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(c.secret ?? ''));
}
