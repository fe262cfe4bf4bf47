/**
 * token-issued — a valid authorization code, redeemed once by its client, yields an access token.
 * The baseline every replay and binding check stands on.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.4
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, issuedAccessToken } from '../token-response.js';

export const tokenIssued: CheckDefinition<'token'> = {
  id: 'token-issued',
  title: 'A valid code redeemed once yields an access token',
  catalog: ['TR-03'],
  requirements: ['RFC6749-4.1.4', 'RFC6749-5.1'],
  level: 'MUST',
  quote: 'The authorization server issues an access token and optional refresh token, and constructs the response by adding the following parameters to the entity-body of the HTTP response with a 200 (OK) status code',
  on: 'token',
  evaluate(e) {
    const expected = '200 with access_token and token_type';
    const actual = describeTokenResponse(e);
    const body = e.response.json as Record<string, unknown> | undefined;
    if (e.response.status === 200 && issuedAccessToken(e) && typeof body?.token_type === 'string') {
      return { holds: true, expected, actual };
    }
    // An access token without token_type is a token the client cannot use as specified: say what is missing.
    if (e.response.status === 200 && issuedAccessToken(e)) {
      return { holds: false, expected, actual: `${actual}, ${body?.token_type === undefined ? 'no token_type' : `token_type ${JSON.stringify(body.token_type)}`}`, message: 'the token endpoint issued an access token without the token_type RFC 6749 §5.1 requires' };
    }
    return { holds: false, expected, actual, message: `the token endpoint did not issue a token for a fresh, valid code (${actual})` };
  },
};
