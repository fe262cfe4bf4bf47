/**
 * id-token-lifetime (ID-04) — the ID token carries numeric `exp` and `iat`, `exp` after `iat`, and,
 * by the server's own clock (its Date header), `iat` not in the future and `exp` not passed, with a
 * five-minute allowance for clock skew.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.2
 */
import type { CheckDefinition } from '../types.js';
import { idTokenClaims, serverTime } from '../jwt.js';

const SKEW_S = 300;

export const idTokenLifetime: CheckDefinition<'token'> = {
  id: 'id-token-lifetime',
  title: 'The ID token has sane exp and iat: issued now, not yet expired',
  catalog: ['ID-04'],
  requirements: ['OIDC-2'],
  level: 'MUST',
  quote: 'exp REQUIRED. Expiration time on or after which the ID Token MUST NOT be accepted by the RP when performing authentication with the OP.',
  on: 'token',
  evaluate(e) {
    const t = idTokenClaims(e);
    if ('reason' in t) return { holds: 'n/a', reason: t.reason };
    const { exp, iat } = t.jwt.claims;
    const now = serverTime(e);
    const expected = `numeric iat and exp, iat ≤ exp${now === undefined ? '' : `, iat not after and exp after the response's Date (±${SKEW_S} s)`}`;
    const actual = `iat ${JSON.stringify(iat)}, exp ${JSON.stringify(exp)}${now === undefined ? '' : `, Date ${now}`}`;
    const fail = (message: string) => ({ holds: false as const, expected, actual, message });
    if (typeof exp !== 'number' || typeof iat !== 'number') return fail('the ID token lacks a numeric exp or iat');
    if (exp <= iat) return fail('the ID token expires before it was issued');
    if (now !== undefined && exp <= now - SKEW_S) return fail('the ID token was already expired when the server issued it');
    if (now !== undefined && iat > now + SKEW_S) return fail('the ID token claims to be issued in the future');
    return { holds: true, expected, actual };
  },
};
