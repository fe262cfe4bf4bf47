/**
 * refresh-token-reuse-rejected (RT-05) — a refresh token that was already rotated away (a refresh
 * earlier in the scenario used it and got a new one) is refused when presented again. Applies only
 * after a rotation was observed; a server that does not rotate is judged by refresh-token-rotated.
 * Required for public clients (RFC 9700 rotation); for a confidential client it is lenient.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.2.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.4
 */
import type { CheckDefinition } from '../types.js';
import { rotationOf } from '../related.js';
import { presentedClientCredentials, refusedWithoutTokens } from '../token-response.js';

export const refreshTokenReuseRejected: CheckDefinition<'token'> = {
  id: 'refresh-token-reuse-rejected',
  title: 'A rotated-away refresh token is refused when replayed',
  catalog: ['RT-05'],
  requirements: ['RFC9700-4.14.2', 'RFC9700-2.2.2', 'RFC6749-10.4'],
  level: { default: 'MUST', rfc6749: 'MAY' },
  quote: 'the authorization server issues a new refresh token with every access token refresh response. The previous refresh token is invalidated, but information about the relationship is retained by the authorization server.',
  on: 'token',
  evaluate(e, ctx) {
    if (e.grant !== 'refresh_token') return { holds: 'n/a', reason: `a ${e.grant} grant, not a refresh` };
    const rotation = rotationOf(e.sentRefreshToken, e.step, ctx);
    if (!rotation) return { holds: 'n/a', reason: 'the refresh token sent had not been rotated by an earlier refresh: nothing was replayed' };
    const confidential = presentedClientCredentials(e);
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_grant',
      accepted: `the refresh token rotated away at step ${rotation.step + 1} was accepted again`
        + (confidential ? ' (a confidential client: rotation with reuse detection is not required of it)' : ''),
      lenient: confidential,
    });
  },
};
