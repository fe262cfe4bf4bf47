/**
 * token-survives-foreign-revocation (RV-06) — another client, correctly authenticated, asks to revoke
 * this client's refresh token; the server must refuse, so the token keeps working: the owner's next
 * refresh gets tokens. Judged on that refresh (positive evidence either way).
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, issuedAccessToken } from '../token-response.js';
import { revocationOfRefresh } from '../revocation.js';

export const tokenSurvivesForeignRevocation: CheckDefinition<'token'> = {
  id: 'token-survives-foreign-revocation',
  title: 'A client cannot revoke a token issued to another client',
  catalog: ['RV-06'],
  requirements: ['RFC7009-2.1'],
  level: 'MUST',
  quote: 'The authorization server first validates the client credentials (in case of a confidential client) and then verifies whether the token was issued to the client making the revocation request. If this validation fails, the request is refused',
  on: 'token',
  evaluate(e, ctx) {
    const r = revocationOfRefresh(ctx, e, (x) => x.variants.some((v) => v.startsWith('client:')) && !x.variants.some((v) => v.startsWith('auth:')));
    if (!r) return { holds: 'n/a', reason: 'no earlier step asked, as another client, to revoke this refresh token' };
    if (e.client !== r.tokenClient) return { holds: 'n/a', reason: 'this refresh is not made by the token\'s own client' };
    const expected = 'tokens issued (the foreign revocation was refused)';
    const actual = describeTokenResponse(e);
    if (issuedAccessToken(e)) return { holds: true, expected, actual, note: `client "${r.client}"'s revocation request was answered ${r.response.status}` };
    if (e.response.status >= 400 && e.response.status < 500) {
      return { holds: false, expected, actual, message: `after client "${r.client}" asked to revoke it (step ${r.step + 1}, answered ${r.response.status}), client "${e.client}"'s own refresh token no longer works: another client revoked it` };
    }
    return { holds: 'n/a', reason: `the refresh was answered ${actual}, which says nothing about the revocation` };
  },
};
