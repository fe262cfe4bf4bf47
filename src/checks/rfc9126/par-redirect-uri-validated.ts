/**
 * par-redirect-uri-validated (PAR-08) — a push with a redirect_uri the client never registered is
 * refused, as it would be at the authorization endpoint. RFC 9126 §2.4 lets a server accept
 * unregistered URIs from authenticated clients as a policy: so an acceptance is reported at SHOULD.
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.1
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.4
 */
import type { CheckDefinition } from '../types.js';
import { pushRefused } from '../par-evidence.js';

export const parRedirectUriValidated: CheckDefinition<'par'> = {
  id: 'par-redirect-uri-validated',
  title: 'The PAR endpoint validates the redirect_uri of a pushed request',
  catalog: ['PAR-08'],
  requirements: ['RFC9126-2.1', 'RFC9126-2.4'],
  level: { default: 'SHOULD', fapi2: 'MUST' },
  quote: 'Validate the pushed request as it would an authorization request sent to the authorization endpoint.',
  on: 'par',
  evaluate(e, ctx) {
    return pushRefused(e, ctx, 'redirect_uri:', {
      expected: 'no request_uri; 400 error=invalid_request (or invalid_redirect_uri)',
      accepted: (v) => `a push with an unregistered redirect_uri (${v}) got a request_uri: the code would go there (RFC 9126 §2.4 allows this only as a deliberate policy for authenticated clients)`,
    });
  },
};
