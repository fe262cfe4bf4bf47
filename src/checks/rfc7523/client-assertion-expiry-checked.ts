/**
 * client-assertion-expiry-checked (CA-02) — a token request authenticated with a JWT client assertion whose exp passed ten minutes ago gets no tokens.
 * Judged on what happened: no tokens. The error code (invalid_client) is reported beside it.
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 */
import type { CheckDefinition } from '../types.js';
import { assertionVariant } from '../jwt.js';
import { refusedWithoutTokens } from '../token-response.js';

const WHAT: Record<string, string> = { expired: 'with a client assertion that expired ten minutes ago' };

export const clientAssertionExpiryChecked: CheckDefinition<'token'> = {
  id: 'client-assertion-expiry-checked',
  title: 'An expired client assertion is refused',
  catalog: ['CA-02'],
  requirements: ['RFC7523-3'],
  level: 'MUST',
  quote: 'The authorization server MUST reject any JWT with an expiration time that has passed, subject to allowable clock skew between systems.',
  on: 'token',
  evaluate(e) {
    const variant = assertionVariant(e);
    if (!variant || !WHAT[variant]) return { holds: 'n/a', reason: 'the request sent no client assertion of the kind this rule judges' };
    return refusedWithoutTokens(e, { expectedError: 'invalid_client', accepted: `a code redemption authenticated ${WHAT[variant]} was answered with tokens` });
  },
};
