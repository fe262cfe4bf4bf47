/**
 * revocation-accepted (RV-01) — a client's own request to revoke its refresh token or access token,
 * authenticated as registered, is answered 200. Refresh tokens MUST be revocable; access tokens SHOULD
 * be (a server that cannot revoke them says unsupported_token_type): that breach is lenient.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { errorCode } from '../token-response.js';
import { tokenName } from '../revocation.js';

export const revocationAccepted: CheckDefinition<'revocation'> = {
  id: 'revocation-accepted',
  title: 'A client can revoke its own refresh and access tokens',
  catalog: ['RV-01'],
  requirements: ['RFC7009-2', 'RFC7009-2.2'],
  level: 'MUST',
  quote: 'Implementations MUST support the revocation of refresh tokens and SHOULD support the revocation of access tokens (see Implementation Note).',
  on: 'revocation',
  evaluate(e) {
    if (e.which === 'bogus') return { holds: 'n/a', reason: 'a made-up token (revocation-invalid-token-accepted judges it)' };
    if (e.variants.some((v) => v.startsWith('auth:') || v.startsWith('client:'))) return { holds: 'n/a', reason: `not the token's own client, authenticated as registered (${e.variants.join(', ')})` };
    const token = tokenName(e.which);
    const expected = '200 (the token is revoked)';
    const code = errorCode(e);
    const actual = `${e.response.status}${code ? ` error=${code}` : ''}`;
    if (e.response.status === 200) return { holds: true, expected, actual };
    const access = e.which === 'access_token';
    return {
      holds: access ? 'lenient' : false, expected, actual,
      message: `the server did not revoke the client's own ${token} at its request${access ? ' (revoking access tokens is a SHOULD)' : ''}`,
    };
  },
};
