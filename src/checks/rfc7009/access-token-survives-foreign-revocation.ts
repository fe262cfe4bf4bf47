/**
 * access-token-survives-foreign-revocation (RV-06) — another client, correctly authenticated, asks to
 * revoke this client's access token; the server must refuse, so the token keeps working at the protected
 * resource. Judged when the token worked there before that request (positive evidence either way).
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
import type { CheckDefinition } from '../types.js';
import { revocationsBefore, workedAtResource } from '../revocation.js';

export const accessTokenSurvivesForeignRevocation: CheckDefinition<'resource'> = {
  id: 'access-token-survives-foreign-revocation',
  title: 'A client cannot revoke an access token issued to another client',
  catalog: ['RV-06'],
  requirements: ['RFC7009-2.1'],
  level: 'MUST',
  quote: 'The authorization server first validates the client credentials (in case of a confidential client) and then verifies whether the token was issued to the client making the revocation request. If this validation fails, the request is refused',
  on: 'resource',
  evaluate(e, ctx) {
    if (e.presented !== 'header' || e.tokenFrom === undefined) return { holds: 'n/a', reason: 'no issued access token presented in the header' };
    const r = revocationsBefore(ctx, e.step).find((x) => x.which === 'access_token' && x.tokenFrom === e.tokenFrom
      && x.variants.some((v) => v.startsWith('client:')) && !x.variants.some((v) => v.startsWith('auth:')));
    if (!r) return { holds: 'n/a', reason: 'no earlier step asked, as another client, to revoke this access token' };
    if (!workedAtResource(ctx, e, r.step)) return { holds: 'n/a', reason: 'the access token was not seen working at the resource before that request' };
    const expected = '2xx (the foreign revocation was refused)';
    const actual = `${e.response.status} from the protected resource`;
    if (e.response.status >= 200 && e.response.status < 300) return { holds: true, expected, actual, note: `client "${r.client}"'s revocation request was answered ${r.response.status}` };
    if (e.response.status === 401) {
      return { holds: false, expected, actual, message: `after client "${r.client}" asked to revoke it (step ${r.step + 1}, answered ${r.response.status}), the access token of client "${r.tokenClient}" is refused: another client revoked it` };
    }
    return { holds: 'n/a', reason: `the resource answered ${e.response.status}, which says nothing about the revocation` };
  },
};
