/**
 * revocation-requires-client-authentication (RV-05) — a revocation request naming a confidential client
 * without valid credentials (none, no client_id, a wrong or empty secret) is refused with invalid_client;
 * a 200 means the server let an unauthenticated party revoke (or probe) the client's tokens. A refusal
 * counts only beside a valid revocation by the same client answered 200 in the same scenario.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.2.1
 */
import type { CheckDefinition } from '../types.js';
import { errorCode } from '../token-response.js';
import { unauthenticated } from '../revocation.js';

export const revocationRequiresClientAuthentication: CheckDefinition<'revocation'> = {
  id: 'revocation-requires-client-authentication',
  title: 'The revocation endpoint authenticates confidential clients',
  catalog: ['RV-05'],
  requirements: ['RFC7009-2.1', 'RFC7009-2.2.1'],
  level: 'MUST',
  quote: 'The authorization server first validates the client credentials (in case of a confidential client) and then verifies whether the token was issued to the client making the revocation request. If this validation fails, the request is refused',
  on: 'revocation',
  evaluate(e) {
    const u = unauthenticated(e);
    if ('reason' in u) return { holds: 'n/a', reason: u.reason };
    const code = errorCode(e);
    const expected = '401 (or 400) error=invalid_client';
    const actual = `${e.response.status}${code ? ` error=${code}` : ''}`;
    if (e.response.status >= 200 && e.response.status < 300) {
      return { holds: false, expected, actual, message: `a revocation request ${u.what} was answered ${e.response.status}, not refused: the server does not hold the client to its credentials there` };
    }
    const note = code === 'invalid_client' ? undefined : `refused, but with ${code ? `error=${code}` : 'no error code'} instead of invalid_client (RFC 7009 §2.2.1)`;
    return { holds: true, expected, actual, refusal: true, ...(note ? { note } : {}) };
  },
};
