/**
 * refresh-token-family-revoked (RT-05) — once a rotated-away refresh token has been replayed, the
 * active refresh token that replaced it is revoked too: the server cannot tell the thief from the
 * client. Applies to a refresh with the successor token after a refused replay of its predecessor.
 * Required for public clients (RFC 9700 rotation); for a confidential client it is lenient.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.2.2
 */
import type { CheckDefinition } from '../types.js';
import { tokenEvidence } from '../related.js';
import { issuedAccessToken, issuedRefreshToken, presentedClientCredentials, refusedWithoutTokens } from '../token-response.js';

export const refreshTokenFamilyRevoked: CheckDefinition<'token'> = {
  id: 'refresh-token-family-revoked',
  title: 'After a refresh token replay, the active refresh token is revoked',
  catalog: ['RT-05'],
  requirements: ['RFC9700-4.14.2', 'RFC9700-2.2.2'],
  level: { default: 'MUST', rfc6749: 'MAY' },
  quote: 'The authorization server cannot determine which party submitted the invalid refresh token, but it will revoke the active refresh token.',
  on: 'token',
  evaluate(e, ctx) {
    if (e.grant !== 'refresh_token' || !e.sentRefreshToken) return { holds: 'n/a', reason: 'not a refresh' };
    const all = tokenEvidence(ctx).filter((t) => t.grant === 'refresh_token' && t.step < e.step);
    const rotation = all.find((t) => issuedRefreshToken(t) === e.sentRefreshToken && t.sentRefreshToken !== e.sentRefreshToken);
    if (!rotation) return { holds: 'n/a', reason: 'the refresh token sent did not come from a rotation observed in this scenario' };
    const replay = all.find((t) => t.step > rotation.step && t.sentRefreshToken === rotation.sentRefreshToken);
    if (!replay) return { holds: 'n/a', reason: 'the refresh token this one replaced was not replayed before this step' };
    if (issuedAccessToken(replay)) return { holds: 'n/a', reason: `the replay at step ${replay.step + 1} was accepted (refresh-token-reuse-rejected judges that)` };
    const confidential = presentedClientCredentials(e);
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_grant',
      accepted: `after the replay of the old refresh token (step ${replay.step + 1}), the active one still works: whoever holds it keeps access`
        + (confidential ? ' (a confidential client: rotation with reuse detection is not required of it)' : ''),
      lenient: confidential,
    });
  },
};
