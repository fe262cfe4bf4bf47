/**
 * request-object-outer-ignored (JR-05) — a parameter sent both inside the signed request object and
 * outside it with another value is taken from the object: the nonce of the ID token is the object's,
 * never the one an attacker could add to the URL. Refusing the request is fine too (then the token
 * step has nothing to judge and the scenario skips).
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-5
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-6.3
 */
import type { CheckDefinition } from '../types.js';
import { authorizationOf, idTokenClaims } from '../jwt.js';

export const requestObjectOuterIgnored: CheckDefinition<'token'> = {
  id: 'request-object-outer-ignored',
  title: 'Parameters outside the request object are not used: its nonce wins',
  catalog: ['JR-05'],
  requirements: ['RFC9101-5', 'RFC9101-6.3'],
  level: 'MUST',
  quote: 'The authorization server MUST only use the parameters in the Request Object, even if the same parameter is provided in the query parameter.',
  on: 'token',
  evaluate(e, ctx) {
    const auth = authorizationOf(e, ctx.all);
    const inner = auth?.requestObject?.claims.nonce;
    const outer = auth?.request.params.nonce;
    if (inner === undefined || outer === undefined || inner === outer) return { holds: 'n/a', reason: 'the code came from no request with different nonces inside and outside a request object' };
    const t = idTokenClaims(e);
    if ('reason' in t) return { holds: 'n/a', reason: t.reason };
    const got = t.jwt.claims.nonce;
    const expected = 'the ID token\'s nonce is the request object\'s';
    if (got === inner) return { holds: true, expected, actual: 'the request object\'s nonce' };
    return { holds: false, expected, actual: got === outer ? 'the nonce sent outside the request object' : got === undefined ? 'no nonce' : 'another nonce', message: got === outer ? 'the server used a parameter from outside the signed request object' : 'the ID token does not carry the request object\'s nonce' };
  },
};
