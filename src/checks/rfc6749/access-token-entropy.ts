/**
 * access-token-entropy (TR-04) — the access tokens issued in a scenario look unguessable: a heuristic
 * estimate over all of them (the scenario obtains several) of ≥ 128 bits (MUST) and ≥ 160 (SHOULD:
 * between the two is lenient). Signed JWTs are not estimated. See ../entropy.ts for the method.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.10
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.3
 */
import type { CheckDefinition } from '../types.js';
import { judgeEntropy } from '../entropy.js';
import { distinctTokenResponses } from '../related.js';
import { issuedAccessToken } from '../token-response.js';

export const accessTokenEntropy: CheckDefinition<'token'> = {
  id: 'access-token-entropy',
  title: 'Access tokens are unguessable (entropy estimate)',
  catalog: ['TR-04'],
  requirements: ['RFC6749-10.10', 'RFC6749-10.3'],
  level: 'MUST',
  quote: 'The probability of an attacker guessing generated tokens (and other credentials not intended for handling by end-users) MUST be less than or equal to 2^(-128) and SHOULD be less than or equal to 2^(-160).',
  on: 'token',
  evaluate(_e, ctx) {
    const values = distinctTokenResponses(ctx).map((t) => issuedAccessToken(t)!);
    return judgeEntropy(values, 'access token');
  },
};
