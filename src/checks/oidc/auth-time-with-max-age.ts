/**
 * auth-time-with-max-age (ID-09) — an ID token answering an authentication request with `max_age`
 * carries `auth_time`, a number not after the token's `iat`: the client needs it to enforce the age.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.2
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.3.1.2.1
 */
import type { CheckDefinition } from '../types.js';
import { authorizationOf, idTokenClaims } from '../jwt.js';

export const authTimeWithMaxAge: CheckDefinition<'token'> = {
  id: 'auth-time-with-max-age',
  title: 'An ID token answering a max_age request carries auth_time',
  catalog: ['ID-09'],
  requirements: ['OIDC-2', 'OIDC-3.1.2.1'],
  level: 'MUST',
  quote: 'When a max_age request is made or when auth_time is requested as an Essential Claim, then this Claim is REQUIRED; otherwise, its inclusion is OPTIONAL.',
  on: 'token',
  evaluate(e, ctx) {
    const t = idTokenClaims(e);
    if ('reason' in t) return { holds: 'n/a', reason: t.reason };
    const maxAge = authorizationOf(e, ctx.all)?.request.params.max_age;
    if (maxAge === undefined) return { holds: 'n/a', reason: 'the authentication request sent no max_age' };
    const { auth_time: authTime, iat } = t.jwt.claims;
    const expected = 'a numeric auth_time, not after iat';
    const actual = authTime === undefined ? 'no auth_time claim' : `auth_time ${JSON.stringify(authTime)}, iat ${JSON.stringify(iat)}`;
    if (typeof authTime !== 'number') return { holds: false, expected, actual, message: `the ID token answering max_age=${maxAge} has no auth_time` };
    if (typeof iat === 'number' && authTime > iat + 5) return { holds: false, expected, actual, message: 'auth_time is after the ID token was issued' };
    return { holds: true, expected, actual };
  },
};
