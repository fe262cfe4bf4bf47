/**
 * id-token-nonce (ID-05) — when the authentication request carried a `nonce`, the ID token carries the
 * same value (what binds it to the client's session and stops replay). A request object's nonce is
 * judged by request-object-outer-ignored (JR-05).
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.2
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.3.1.2.1
 */
import type { CheckDefinition } from '../types.js';
import { authorizationOf, idTokenClaims } from '../jwt.js';

export const idTokenNonce: CheckDefinition<'token'> = {
  id: 'id-token-nonce',
  title: 'The nonce of the authentication request is echoed in the ID token',
  catalog: ['ID-05'],
  requirements: ['OIDC-2', 'OIDC-3.1.2.1'],
  level: 'MUST',
  quote: 'If present in the Authentication Request, Authorization Servers MUST include a nonce Claim in the ID Token with the Claim Value being the nonce value sent in the Authentication Request.',
  on: 'token',
  evaluate(e, ctx) {
    const t = idTokenClaims(e);
    if ('reason' in t) return { holds: 'n/a', reason: t.reason };
    const auth = authorizationOf(e, ctx.all);
    if (auth?.requestObject) return { holds: 'n/a', reason: 'the nonce was sent in a request object: request-object-outer-ignored judges it' };
    const sent = auth?.request.params.nonce;
    if (sent === undefined) return { holds: 'n/a', reason: 'the authentication request sent no nonce' };
    const got = t.jwt.claims.nonce;
    const expected = 'nonce equal to the one sent';
    if (got === sent) return { holds: true, expected, actual: 'the same nonce' };
    return { holds: false, expected, actual: got === undefined ? 'no nonce claim' : 'another nonce', message: 'the ID token does not carry the nonce of the request it answers' };
  },
};
