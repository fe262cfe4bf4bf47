/**
 * id-token-sub-stable (ID-07) — two ID tokens for the same user and client, in the same scenario, carry
 * the same `sub`: a client keys its accounts on it.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.2
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.5.7
 */
import type { CheckDefinition } from '../types.js';
import { idTokenClaims } from '../jwt.js';

export const idTokenSubStable: CheckDefinition<'token'> = {
  id: 'id-token-sub-stable',
  title: 'The same user gets the same sub in every ID token for a client',
  catalog: ['ID-07'],
  requirements: ['OIDC-2', 'OIDC-5.7'],
  level: 'MUST',
  quote: 'sub REQUIRED. Subject Identifier. A locally unique and never reassigned identifier within the Issuer for the End-User, which is intended to be consumed by the Client',
  on: 'token',
  evaluate(e, ctx) {
    const t = idTokenClaims(e);
    if ('reason' in t) return { holds: 'n/a', reason: t.reason };
    const earlier = ctx.all.find((x) => x.kind === 'token' && x.step < e.step && x.client === e.client && !('reason' in idTokenClaims(x)));
    if (earlier?.kind !== 'token') return { holds: 'n/a', reason: 'no earlier ID token for the same client in this scenario' };
    const first = idTokenClaims(earlier) as { jwt: { claims: Record<string, unknown> } };
    const expected = `sub as in step ${earlier.step + 1}`;
    if (typeof t.jwt.claims.sub !== 'string') return { holds: false, expected, actual: 'no sub claim', message: 'the ID token has no sub' };
    if (t.jwt.claims.sub === first.jwt.claims.sub) return { holds: true, expected, actual: 'the same sub' };
    return { holds: false, expected, actual: 'another sub', message: `the same user got another sub than in step ${earlier.step + 1}` };
  },
};
