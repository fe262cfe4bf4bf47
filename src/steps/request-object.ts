/**
 * Request objects (RFC 9101, OIDC Core §6.1): the authorization request's parameters as a JWT signed
 * by the client — with its private key (a private_key_jwt client's `key`) or, for a client with a
 * secret, HS256 keyed with it — sent as `request=`. OpenID Connect wants response_type, client_id and
 * scope outside the object too, so they are repeated there; nothing else is. Each variant breaks one
 * rule of the object (JR-02..JR-05).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import type { AuthorizationEvidence } from '../evidence/types.js';
import { NotApplicable } from '../harness-error.js';
import { authMethod } from '../target/auth-methods.js';
import { loadClientKey } from '../target/client-key.js';
import type { ClientProfile } from '../target/schema.js';
import type { AuthorizationRequest } from './authorization-request.js';

export type RequestObjectVariant = 'signed' | 'alg-none' | 'wrong-key' | 'wrong-aud' | 'wrong-iss' | 'outer-differs';

const TTL_S = 300;
const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** Parameters OpenID Connect requires outside the object as well (OIDC Core §6.1). */
const OUTSIDE = ['response_type', 'client_id', 'scope'];

export async function withRequestObject(
  r: AuthorizationRequest, c: ClientProfile, variant: RequestObjectVariant, issuer: string, endpoint: string,
): Promise<{ url: string; params: Record<string, string>; requestObject: NonNullable<AuthorizationEvidence['requestObject']> }> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    ...r.params,
    iss: variant === 'wrong-iss' ? `${c.id}.not-this-client` : c.id,
    aud: variant === 'wrong-aud' ? 'https://attacker.example' : issuer,
    iat: now, nbf: now, exp: now + TTL_S, jti: randomUUID(),
  };
  const { jwt, header } = await sign(c, claims, variant);
  const params: Record<string, string> = Object.fromEntries(OUTSIDE.filter((k) => r.params[k] !== undefined).map((k) => [k, r.params[k]!]));
  // A nonce outside that differs from the object's: the server is to use the object's (RFC 9101 §6.3).
  if (variant === 'outer-differs') params.nonce = `outer-${randomBytes(12).toString('base64url')}`;
  params.request = jwt;
  const url = new URL(endpoint);
  for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);
  return { url: url.toString(), params, requestObject: { variant, header, claims } };
}

async function sign(c: ClientProfile, claims: Record<string, unknown>, variant: RequestObjectVariant): Promise<{ jwt: string; header: Record<string, unknown> }> {
  if (variant === 'alg-none') {
    const header = { alg: 'none', typ: 'oauth-authz-req+jwt' };
    return { jwt: `${part(header)}.${part(claims)}.`, header };
  }
  if (authMethod(c) === 'private_key_jwt' && c.key) {
    const own = loadClientKey(c.key, c.alg);
    const key = variant === 'wrong-key' ? (await generateKeyPair(own.alg, { extractable: true })).privateKey : own.key;
    const header = { alg: own.alg, typ: 'oauth-authz-req+jwt' };
    return { jwt: await new SignJWT(claims).setProtectedHeader(header).sign(key), header };
  }
  if (!c.secret) throw new NotApplicable(`client ${c.id} has neither a private key nor a secret to sign a request object with`);
  const secret = variant === 'wrong-key' ? randomBytes(32).toString('base64url') : c.secret;
  const header = { alg: 'HS256', typ: 'oauth-authz-req+jwt' };
  return { jwt: await new SignJWT(claims).setProtectedHeader(header).sign(new TextEncoder().encode(secret)), header };
}
