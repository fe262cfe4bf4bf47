/**
 * id-token-at-hash (ID-06) — an `at_hash` in the ID token is the left half of the hash (the ID token's
 * alg's) of the access token issued with it. Absent, nothing to judge: the code flow makes it optional.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.3.1.3.6
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.3.2.2.9
 */
import type { CheckDefinition } from '../types.js';
import { halfHash, idTokenClaims } from '../jwt.js';
import { issuedAccessToken } from '../token-response.js';

export const idTokenAtHash: CheckDefinition<'token'> = {
  id: 'id-token-at-hash',
  title: 'The ID token\'s at_hash matches the access token issued with it',
  catalog: ['ID-06'],
  requirements: ['OIDC-3.1.3.6', 'OIDC-3.2.2.9'],
  level: 'MUST',
  quote: 'Its value is the base64url encoding of the left-most half of the hash of the octets of the ASCII representation of the access_token value, where the hash algorithm used is the hash algorithm used in the alg Header Parameter of the ID Token\'s JOSE Header.',
  on: 'token',
  evaluate(e) {
    const t = idTokenClaims(e);
    if ('reason' in t) return { holds: 'n/a', reason: t.reason };
    const atHash = t.jwt.claims.at_hash;
    const token = issuedAccessToken(e);
    if (atHash === undefined || !token) return { holds: 'n/a', reason: atHash === undefined ? 'the ID token has no at_hash (optional in the code flow)' : 'no access token was issued with it' };
    const alg = String(t.jwt.header.alg);
    const want = halfHash(alg, token);
    if (!want) return { holds: 'n/a', reason: `no at_hash rule for alg ${JSON.stringify(alg)}` };
    const expected = `at_hash = left half of ${alg}'s hash of the access token`;
    if (atHash === want) return { holds: true, expected, actual: 'at_hash matches' };
    return { holds: false, expected, actual: `at_hash ${JSON.stringify(atHash)} does not match`, message: 'the ID token\'s at_hash is not the hash of the access token issued with it' };
  },
};
