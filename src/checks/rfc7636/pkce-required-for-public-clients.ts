/**
 * pkce-required-for-public-clients (PK-09) — an authorization request of the public client (profile
 * key `public`) without a code_challenge is refused: no code. Without PKCE a public client's code is
 * redeemable by whoever intercepts it. OAuth 2.1 makes it a MUST; RFC 9700 requires public clients to
 * use PKCE (the server enforcing it is SHOULD); RFC 6749 predates PKCE (MAY).
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.4.1
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from '../outcome.js';

export const pkceRequiredForPublicClients: CheckDefinition<'authorization'> = {
  id: 'pkce-required-for-public-clients',
  title: 'A public client cannot get a code without a PKCE challenge',
  catalog: ['PK-09'],
  requirements: ['RFC7636-4.4.1', 'RFC9700-2.1.1'],
  level: { default: 'SHOULD', rfc6749: 'MAY', 'oauth2.1': 'MUST', fapi2: 'MUST' }, // FAPI 2.0 §5.3.2.2: shall require PKCE with S256
  quote: 'If the server requires Proof Key for Code Exchange (PKCE) by OAuth public clients and the client does not send the "code_challenge" in the request, the authorization endpoint MUST return the authorization error response with the "error" value set to "invalid_request". — RFC 7636 §4.4.1; RFC 9700 §2.1.1: public clients MUST use PKCE (paraphrased)',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    if (e.client !== 'public') return { holds: 'n/a', reason: `client "${e.client}" is not the profile's public client` };
    if (e.request.params.code_challenge) return { holds: 'n/a', reason: 'the request carried a code_challenge' };
    if (e.consent === 'deny') return { holds: 'n/a', reason: 'the user denied consent: no code was due anyway' };
    const expected = 'error=invalid_request (code challenge required) or an error page; no code';
    const actual = describeOutcome(e);
    const r = refusalOf(e);
    if (!r.refused) return { holds: false, expected, actual, message: `the public client got ${r.delivered.join(' and ')} without any PKCE challenge` };
    const uncredited = uncreditedRefusal(e);
    if (uncredited) return { holds: 'lenient', expected, actual, message: uncredited };
    const note = r.error && r.error !== 'invalid_request' ? `refused with error=${r.error} rather than invalid_request` : undefined;
    return { holds: true, expected, actual, note };
  },
};
