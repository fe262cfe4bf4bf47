/**
 * id-token-issuer (ID-02) — the ID token's `iss` is exactly the issuer identifier the server states in
 * its metadata (OpenID Connect Discovery requires the two to be identical).
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.2
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.3.1.3.7
 */
import type { CheckDefinition } from '../types.js';
import { idTokenClaims, issuerOf, metadataOf } from '../jwt.js';

export const idTokenIssuer: CheckDefinition<'token'> = {
  id: 'id-token-issuer',
  title: 'The ID token\'s iss is the server\'s issuer identifier',
  catalog: ['ID-02'],
  requirements: ['OIDC-2', 'OIDC-3.1.3.7'],
  level: 'MUST',
  quote: 'The Issuer Identifier for the OpenID Provider (which is typically obtained during Discovery) MUST exactly match the value of the iss (issuer) Claim.',
  on: 'token',
  evaluate(e, ctx) {
    const t = idTokenClaims(e);
    if ('reason' in t) return { holds: 'n/a', reason: t.reason };
    const m = metadataOf(ctx.all);
    if (!m) return { holds: 'n/a', reason: 'no metadata step ran: the issuer identifier is unknown' };
    const issuer = issuerOf(m);
    const iss = t.jwt.claims.iss;
    const expected = `iss ${JSON.stringify(issuer)}`;
    if (iss === issuer) return { holds: true, expected, actual: `iss ${JSON.stringify(iss)}` };
    return { holds: false, expected, actual: iss === undefined ? 'no iss claim' : `iss ${JSON.stringify(iss)}`, message: 'the ID token does not name the server as its issuer' };
  },
};
