/**
 * refresh-token-revoked-after-code-replay (TK-02) — after a code is replayed, the refresh token issued
 * at its first redemption no longer works: one refresh with it must be refused. The way to see the
 * revocation when the target has no protected resource.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.5
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, errorCode, issuedAccessToken } from '../token-response.js';

export const refreshTokenRevokedAfterCodeReplay: CheckDefinition<'token'> = {
  id: 'refresh-token-revoked-after-code-replay',
  title: 'The refresh token issued from a replayed code is revoked',
  catalog: ['TK-02'],
  requirements: ['RFC6749-4.1.2', 'RFC6749-10.5'],
  level: 'SHOULD',
  quote: 'If an authorization code is used more than once, the authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on that authorization code.',
  on: 'token',
  evaluate(e) {
    if (e.grant !== 'refresh_token') return { holds: 'n/a', reason: 'not a refresh' };
    const expected = 'the refresh refused (invalid_grant)';
    const actual = describeTokenResponse(e);
    if (issuedAccessToken(e)) {
      return { holds: false, expected, actual, message: 'the refresh token from the first redemption still works after the code was replayed' };
    }
    // A refusal for another reason (the client's authentication, a server error) says nothing about the token.
    if (e.response.status !== 400 || errorCode(e) !== 'invalid_grant') {
      return { holds: 'n/a', reason: `the refresh was answered ${actual}, which says nothing about the refresh token` };
    }
    return { holds: true, expected, actual };
  },
};
