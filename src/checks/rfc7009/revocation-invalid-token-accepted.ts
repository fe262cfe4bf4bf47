/**
 * revocation-invalid-token-accepted (RV-07) — a request to revoke a token the server never issued, by
 * an authenticated client, is answered 200: the client can do nothing with an error, and the token is
 * as good as revoked. RFC 7009 says so in plain words, not with a keyword: SHOULD.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { errorCode } from '../token-response.js';

export const revocationInvalidTokenAccepted: CheckDefinition<'revocation'> = {
  id: 'revocation-invalid-token-accepted',
  title: 'Revoking an invalid token is answered 200, not an error',
  catalog: ['RV-07'],
  requirements: ['RFC7009-2.2'],
  level: 'SHOULD',
  quote: 'Note: invalid tokens do not cause an error response since the client cannot handle such an error in a reasonable way. Moreover, the purpose of the revocation request, invalidating the particular token, is already achieved.',
  on: 'revocation',
  evaluate(e) {
    if (e.which !== 'bogus') return { holds: 'n/a', reason: 'a token the server issued' };
    if (e.variants.some((v) => v.startsWith('auth:'))) return { holds: 'n/a', reason: 'the client did not authenticate as registered' };
    const code = errorCode(e);
    const expected = '200';
    const actual = `${e.response.status}${code ? ` error=${code}` : ''}`;
    if (e.response.status === 200) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: 'the revocation of a made-up token was answered with an error' };
  },
};
