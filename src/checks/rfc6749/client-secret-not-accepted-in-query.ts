/**
 * client-secret-not-accepted-in-query (TK-09) — client credentials sent in the URL query of the token
 * request are not accepted. The MUST NOT is the client's; a server that accepts them invites secrets
 * into access logs and proxies: a finding, reported at SHOULD.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, issuedAccessToken, requestParams } from '../token-response.js';

export const clientSecretNotAcceptedInQuery: CheckDefinition<'token'> = {
  id: 'client-secret-not-accepted-in-query',
  title: 'A client secret in the URL query of the token request is not accepted',
  catalog: ['TK-09'],
  requirements: ['RFC6749-2.3.1'],
  level: 'SHOULD',
  quote: 'The parameters can only be transmitted in the request-body and MUST NOT be included in the request URI.',
  on: 'token',
  evaluate(e) {
    const { query, body } = requestParams(e);
    if (!query.some(([k]) => k === 'client_secret')) return { holds: 'n/a', reason: 'the request carried no client_secret in its URL' };
    if (e.request.method === 'GET' || body.some(([k]) => k === 'client_secret')) return { holds: 'n/a', reason: 'the secret was not only in the URL query of a POST' };
    const expected = 'no tokens; error=invalid_client (credentials in the URI are not client authentication)';
    const actual = describeTokenResponse(e);
    if (issuedAccessToken(e)) return { holds: false, expected, actual, message: 'the server accepted the client secret from the URL query, where it ends up in logs' };
    return { holds: true, expected, actual };
  },
};
