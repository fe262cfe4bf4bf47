/**
 * par-client-authentication-required (PAR-02) — a confidential client's push without its credentials
 * (or with wrong ones) is refused: the PAR endpoint authenticates clients as the token endpoint does.
 * Judged only beside a valid push of the same client in the same scenario (the positive control).
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-2
 */
import type { CheckDefinition } from '../types.js';
import { describePush, issuedRequestUri, validPush } from '../par-evidence.js';

export const parClientAuthenticationRequired: CheckDefinition<'par'> = {
  id: 'par-client-authentication-required',
  title: 'The PAR endpoint refuses a confidential client without valid credentials',
  catalog: ['PAR-02'],
  requirements: ['RFC9126-2', 'RFC9126-2.1', 'FAPI2-5.3.2.2'],
  level: 'MUST',
  quote: 'The rules for client authentication as defined in [RFC6749] for token endpoint requests, including the applicable authentication methods, apply for the PAR endpoint as well.',
  on: 'par',
  evaluate(e, ctx) {
    if (!e.exchange) return { holds: 'n/a', reason: 'the server advertises no pushed_authorization_request_endpoint' };
    const auth = e.variants.find((v) => v.startsWith('auth:'));
    if (!auth) return { holds: 'n/a', reason: 'the push authenticated the client as registered' };
    if (!validPush(e, ctx)) return { holds: 'n/a', reason: `no push of client "${e.client}" with its real credentials got a request_uri in this scenario: a refusal would prove nothing` };
    const expected = 'no request_uri; 401 (or 400) error=invalid_client';
    const actual = describePush(e);
    if (issuedRequestUri(e)) return { holds: false, expected, actual, message: `a push by client "${e.client}" with ${auth} (no valid client authentication) got a request_uri` };
    return { holds: true, expected, actual, refusal: true };
  },
};
