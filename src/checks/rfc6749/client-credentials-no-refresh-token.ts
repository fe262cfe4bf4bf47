/**
 * client-credentials-no-refresh-token (TR-07) — a client credentials grant response carries no refresh
 * token (the client can always ask again with its credentials). A server that does not offer the grant
 * is n/a.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4.3
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, issuedAccessToken, tokenBody } from '../token-response.js';

export const clientCredentialsNoRefreshToken: CheckDefinition<'token'> = {
  id: 'client-credentials-no-refresh-token',
  title: 'The client credentials grant issues no refresh token',
  catalog: ['TR-07'],
  requirements: ['RFC6749-4.4.3'],
  level: 'SHOULD',
  quote: 'A refresh token SHOULD NOT be included.',
  on: 'token',
  evaluate(e) {
    if (e.grant !== 'client_credentials') return { holds: 'n/a', reason: `a ${e.grant} grant, not client credentials` };
    if (!issuedAccessToken(e)) return { holds: 'n/a', reason: `the server does not offer the client credentials grant to this client (${describeTokenResponse(e)})` };
    const expected = 'access_token without refresh_token';
    if (typeof tokenBody(e)?.refresh_token === 'string') {
      return { holds: false, expected, actual: 'access_token and refresh_token', message: 'the client credentials grant response carries a refresh token' };
    }
    return { holds: true, expected, actual: 'access_token, no refresh_token' };
  },
};
