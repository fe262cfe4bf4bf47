/**
 * refresh-token-entropy (RT-09) — the refresh tokens issued in a scenario look unguessable: a heuristic
 * estimate over all of them of ≥ 128 bits (MUST) and ≥ 160 (SHOULD: between the two is lenient).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.4
 */
import type { CheckDefinition } from '../types.js';
import { judgeEntropy } from '../entropy.js';
import { distinctTokenResponses } from '../related.js';
import { issuedRefreshToken } from '../token-response.js';

export const refreshTokenEntropy: CheckDefinition<'token'> = {
  id: 'refresh-token-entropy',
  title: 'Refresh tokens are unguessable (entropy estimate)',
  catalog: ['RT-09'],
  requirements: ['RFC6749-10.10', 'RFC6749-10.4'],
  level: 'MUST',
  quote: 'The probability of an attacker guessing generated tokens (and other credentials not intended for handling by end-users) MUST be less than or equal to 2^(-128) and SHOULD be less than or equal to 2^(-160).',
  on: 'token',
  evaluate(_e, ctx) {
    // A refresh response that hands back the token it was sent issued nothing new (no rotation).
    const values = distinctTokenResponses(ctx)
      .filter((t) => issuedRefreshToken(t) !== undefined && issuedRefreshToken(t) !== t.sentRefreshToken)
      .map((t) => issuedRefreshToken(t)!);
    return judgeEntropy(values, 'refresh token');
  },
};
