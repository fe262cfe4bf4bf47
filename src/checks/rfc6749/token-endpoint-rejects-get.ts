/**
 * token-endpoint-rejects-get (TK-10) — a token request sent with GET (parameters, code and credentials
 * in the URL) is not answered with tokens. The MUST (use POST) is the client's; a server that accepts
 * GET invites codes and secrets into URLs and logs: a finding, reported at SHOULD.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.2
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, issuedAccessToken } from '../token-response.js';

export const tokenEndpointRejectsGet: CheckDefinition<'token'> = {
  id: 'token-endpoint-rejects-get',
  title: 'The token endpoint does not issue tokens to a GET request',
  catalog: ['TK-10'],
  requirements: ['RFC6749-3.2'],
  level: 'SHOULD',
  quote: 'The client MUST use the HTTP "POST" method when making access token requests.',
  on: 'token',
  evaluate(e) {
    if (e.request.method !== 'GET') return { holds: 'n/a', reason: `the request was sent with ${e.request.method}` };
    const expected = 'no tokens (405, or a 400 error)';
    const actual = describeTokenResponse(e);
    if (issuedAccessToken(e)) return { holds: false, expected, actual, message: 'the token endpoint issued tokens to a GET request, with the code in the URL' };
    return { holds: true, expected, actual };
  },
};
