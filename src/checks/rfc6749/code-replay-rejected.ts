/**
 * code-replay-rejected (TK-01) — a code redeemed a second time gives no tokens.
 * Judged on what happened (were tokens issued?); the error code is reported beside it.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.5
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.2.4
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, errorCode, issuedAccessToken } from '../token-response.js';

export const codeReplayRejected: CheckDefinition<'token'> = {
  id: 'code-replay-rejected',
  title: 'An authorization code can be redeemed only once',
  catalog: ['TK-01'],
  requirements: ['RFC6749-4.1.2', 'RFC6749-10.5', 'RFC9700-4.2.4'],
  level: 'MUST',
  quote: 'The client MUST NOT use the authorization code more than once. If an authorization code is used more than once, the authorization server MUST deny the request',
  on: 'token',
  evaluate(e) {
    const expected = 'no tokens; 400 error=invalid_grant';
    const actual = describeTokenResponse(e);
    if (issuedAccessToken(e)) {
      return { holds: false, expected, actual, message: 'the replayed authorization code was accepted a second time and new tokens were issued' };
    }
    const code = errorCode(e);
    const note = code === 'invalid_grant' ? undefined : `rejected, but with ${code ? `error=${code}` : 'no error code'} instead of invalid_grant (RFC 6749 §5.2)`;
    return { holds: true, expected, actual, note };
  },
};
