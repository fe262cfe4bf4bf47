/**
 * implicit-grant-refused (DG-01) — a request for response_type=token is refused: no access token
 * is delivered in the front channel.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-10.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome } from '../outcome.js';

export const implicitGrantRefused: CheckDefinition<'authorization'> = {
  id: 'implicit-grant-refused',
  title: 'The implicit grant is not offered',
  catalog: ['DG-01'],
  requirements: ['RFC9700-2.1.2', 'OAUTH2.1-10.1'],
  level: { default: 'SHOULD', rfc6749: 'MAY', 'oauth2.1': 'MUST', fapi2: 'MUST' }, // FAPI 2.0 §5.3.2.2: the authorization code grant only
  quote: 'clients SHOULD NOT use the implicit grant (response type "token") or other response types issuing access tokens in the authorization response',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const expected = 'refused: error page, or error=unsupported_response_type / unauthorized_client; no access_token';
    const actual = describeOutcome(e);
    const o = e.outcome;
    if (o.type === 'redirect' && (o.fragment.access_token || o.query.access_token)) {
      return { holds: false, expected, actual: `${actual} with an access_token`, message: 'the server issued an access token through the implicit grant' };
    }
    return { holds: true, expected, actual };
  },
};
