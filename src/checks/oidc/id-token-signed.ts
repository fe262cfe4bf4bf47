/**
 * id-token-signed (ID-01) — the ID token of a token response is a JWS (never alg none, never a MAC
 * for a confidential client's ID token here) whose signature verifies with a key of the JWK Set the
 * server publishes at its metadata's jwks_uri, found by `kid` when the header names one. Judged only
 * when the scenario fetched that JWK Set (`metadata: { jwks: true }`).
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.2
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.10.1
 */
import type { CheckDefinition } from '../types.js';
import { decodeJwt, idTokenOf, jwksKeys, metadataOf, verifyWithJwks } from '../jwt.js';

export const idTokenSigned: CheckDefinition<'token'> = {
  id: 'id-token-signed',
  title: 'The ID token is signed with a key of the server\'s published JWK Set',
  catalog: ['ID-01'],
  requirements: ['OIDC-2', 'OIDC-10.1'],
  level: 'MUST',
  quote: 'ID Tokens MUST be signed using JWS and optionally both signed and then encrypted using JWS and JWE respectively',
  on: 'token',
  evaluate(e, ctx) {
    const raw = idTokenOf(e);
    if (!raw) return { holds: 'n/a', reason: 'the token response carries no id_token' };
    const m = metadataOf(ctx.all);
    const keys = jwksKeys(m);
    if (!keys) return { holds: 'n/a', reason: m?.jwks ? `the jwks_uri answered HTTP ${m.jwks.response.status} without a JWK Set` : 'no JWK Set was fetched (a metadata step with jwks: true, on a server whose metadata names a jwks_uri)' };
    const expected = 'a JWS signed with a key of the published JWK Set';
    if (raw.split('.').length === 5) return { holds: 'n/a', reason: 'the id_token is encrypted (JWE): the harness holds no key to decrypt it' };
    const jwt = decodeJwt(raw);
    if (!jwt) return { holds: false, expected, actual: 'an id_token that is not a JWT', message: 'the id_token is not a JWS in compact form' };
    const v = verifyWithJwks(jwt, keys);
    const alg = String(jwt.header.alg);
    if (v.ok) return { holds: true, expected, actual: `${alg} signature verified with ${v.kid ? `kid ${JSON.stringify(v.kid)}` : 'a published key'}` };
    return { holds: false, expected, actual: `alg ${JSON.stringify(alg)}: ${v.reason}`, message: `the ID token cannot be verified with the server's published keys: ${v.reason}` };
  },
};
