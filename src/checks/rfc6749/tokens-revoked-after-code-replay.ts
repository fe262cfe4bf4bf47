/**
 * tokens-revoked-after-code-replay (TK-02) — after a code is replayed, the access token issued at its
 * first redemption stops working at the protected resource.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.5
 */
import type { CheckDefinition } from '../types.js';

export const tokensRevokedAfterCodeReplay: CheckDefinition<'resource'> = {
  id: 'tokens-revoked-after-code-replay',
  title: 'Tokens issued from a replayed code are revoked',
  catalog: ['TK-02'],
  requirements: ['RFC6749-4.1.2', 'RFC6749-10.5'],
  level: 'SHOULD',
  quote: 'If an authorization code is used more than once, the authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on that authorization code.',
  on: 'resource',
  evaluate(e) {
    const expected = '401 from the protected resource';
    const actual = `${e.response.status} from the protected resource`;
    if (e.response.status >= 200 && e.response.status < 300) {
      return { holds: false, expected, actual, message: 'the access token from the first redemption still works after the code was replayed' };
    }
    // 403 is insufficient_scope (RFC 6750 §3.1): the token was recognised, so it says nothing about revocation.
    if (e.response.status !== 401) {
      return { holds: 'n/a', reason: `the protected resource answered ${e.response.status}, which says nothing about the token` };
    }
    return { holds: true, expected, actual };
  },
};
