/**
 * par-client-authentication-required (PAR-02) — a confidential client's push without its credentials
 * (or with wrong ones) is refused: the PAR endpoint authenticates clients as the token endpoint does.
 * Judged only beside a valid push of the same client in the same scenario (the positive control).
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-2
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.1
 * @see https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.2
 */
import type { CheckDefinition } from '../types.js';
import { pushRefused } from '../par-evidence.js';

export const parClientAuthenticationRequired: CheckDefinition<'par'> = {
  id: 'par-client-authentication-required',
  title: 'The PAR endpoint refuses a confidential client without valid credentials',
  catalog: ['PAR-02'],
  requirements: ['RFC9126-2', 'RFC9126-2.1', 'FAPI2-5.3.2.2'],
  level: 'MUST',
  quote: 'The rules for client authentication as defined in [RFC6749] for token endpoint requests, including the applicable authentication methods, apply for the PAR endpoint as well.',
  on: 'par',
  evaluate(e, ctx) {
    return pushRefused(e, ctx, 'auth:', {
      expected: 'no request_uri; 401 (or 400) error=invalid_client',
      accepted: (v) => `a push by client "${e.client}" with auth:${v} (no valid client authentication) got a request_uri`,
    });
  },
};
