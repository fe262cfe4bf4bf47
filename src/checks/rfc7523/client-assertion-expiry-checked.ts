/**
 * client-assertion-expiry-checked (CA-02) — a token request authenticated with a JWT client assertion whose exp passed ten minutes ago gets no tokens.
 * Judged on what happened: no tokens. The error code (invalid_client) is reported beside it.
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 */
import type { CheckDefinition } from '../types.js';
import { forgedAssertionRefused } from '../jwt.js';

const WHAT: Record<string, string> = { expired: 'with a client assertion that expired ten minutes ago' };

export const clientAssertionExpiryChecked: CheckDefinition<'token'> = {
  id: 'client-assertion-expiry-checked',
  title: 'An expired client assertion is refused',
  catalog: ['CA-02'],
  requirements: ['RFC7523-3'],
  level: 'MUST',
  quote: 'The authorization server MUST reject any JWT with an expiration time that has passed, subject to allowable clock skew between systems.',
  on: 'token',
  evaluate: (e) => forgedAssertionRefused(e, WHAT),
};
