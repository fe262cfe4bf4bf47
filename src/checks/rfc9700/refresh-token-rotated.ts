/**
 * refresh-token-rotated (RT-04) — a public client's refresh (no client credentials in the request) is
 * answered with a new refresh token, different from the one sent, unless the tokens are sender-
 * constrained (DPoP). Without either, a leaked refresh token works for the attacker for its whole life.
 * RFC 6749 only allows rotation (MAY); RFC 9700 and OAuth 2.1 require it for public clients.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.2.2
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, headerOf, issuedAccessToken, issuedRefreshToken, presentedClientCredentials, tokenBody } from '../token-response.js';

export const refreshTokenRotated: CheckDefinition<'token'> = {
  id: 'refresh-token-rotated',
  title: 'A public client\'s refresh token is rotated on use',
  catalog: ['RT-04'],
  requirements: ['RFC9700-2.2.2', 'RFC9700-4.14.2', 'RFC6749-6'],
  level: { default: 'MUST', rfc6749: 'MAY', fapi2: 'MAY' }, // FAPI 2.0 §5.3.2.1 discourages rotation; its tokens are sender-constrained
  quote: 'Refresh tokens for public clients MUST be sender-constrained or use refresh token rotation as described in Section 4.14.',
  on: 'token',
  evaluate(e) {
    if (e.grant !== 'refresh_token') return { holds: 'n/a', reason: `a ${e.grant} grant, not a refresh` };
    if (presentedClientCredentials(e)) return { holds: 'n/a', reason: 'the client authenticated (a confidential client): rotation is required only for public clients' };
    if (headerOf(e.request.headers, 'dpop') || /^dpop$/i.test(String(tokenBody(e)?.token_type ?? ''))) {
      return { holds: 'n/a', reason: 'the tokens are sender-constrained (DPoP): rotation is not required' };
    }
    if (!issuedAccessToken(e)) return { holds: 'n/a', reason: `the refresh was refused (${describeTokenResponse(e)}): nothing to judge` };
    const expected = 'a new refresh_token, different from the one sent';
    const next = issuedRefreshToken(e);
    if (!next) return { holds: false, expected, actual: 'no refresh_token in the response', message: 'the public client\'s refresh token was not rotated: the response carries no new one, so the old one stays in use' };
    if (next === e.sentRefreshToken) return { holds: false, expected, actual: 'the same refresh_token returned', message: 'the public client\'s refresh token was not rotated: the same token came back' };
    return { holds: true, expected, actual: 'a new refresh_token' };
  },
};
