/**
 * password-grant-refused (DG-04) — the token endpoint refuses the resource owner password credentials
 * grant even with the test user's real credentials: no access token. Judged on what happened; an error
 * code other than unsupported_grant_type / unauthorized_client is reported in a note.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.4
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, errorCode, issuedAccessToken } from '../token-response.js';

export const passwordGrantRefused: CheckDefinition<'token'> = {
  id: 'password-grant-refused',
  title: 'The resource owner password credentials grant is refused',
  catalog: ['DG-04'],
  requirements: ['RFC9700-2.4'],
  level: { default: 'MUST', rfc6749: 'MAY' },
  quote: 'The resource owner password credentials grant [RFC6749] MUST NOT be used.',
  on: 'token',
  evaluate(e) {
    if (e.grant !== 'password') return { holds: 'n/a', reason: `the request was a ${e.grant} grant, not password` };
    const expected = 'no tokens; 400 error=unsupported_grant_type or unauthorized_client';
    const actual = describeTokenResponse(e);
    if (issuedAccessToken(e)) return { holds: false, expected, actual, message: 'the token endpoint issued an access token for the test user\'s username and password' };
    const code = errorCode(e);
    const note = code === 'unsupported_grant_type' || code === 'unauthorized_client' ? undefined : `refused, with ${code ? `error=${code}` : 'no error code'}`;
    return { holds: true, expected, actual, ...(note ? { note } : {}) };
  },
};
