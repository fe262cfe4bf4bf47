/**
 * client-assertion-signature-verified (CA-05) — a client assertion signed with another client's key, unsigned (alg none), or MACed with HS256 keyed with the client's public key (algorithm confusion) gets no tokens.
 * Judged on what happened: no tokens. The error code (invalid_client) is reported beside it.
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 */
import type { CheckDefinition } from '../types.js';
import { forgedAssertionRefused } from '../jwt.js';

const WHAT: Record<string, string> = { 'other-client-key': 'with a client assertion signed with another client\'s key', 'alg-none': 'with an unsigned client assertion (alg none)', 'hmac-public-key': 'with a client assertion MACed (HS256) with the client\'s own public key' };

export const clientAssertionSignatureVerified: CheckDefinition<'token'> = {
  id: 'client-assertion-signature-verified',
  title: 'A client assertion not signed with the client\'s own key is refused',
  catalog: ['CA-05'],
  requirements: ['RFC7523-3'],
  level: 'MUST',
  quote: 'The JWT MUST be digitally signed or have a Message Authentication Code (MAC) applied by the issuer. The authorization server MUST reject JWTs with an invalid signature or MAC.',
  on: 'token',
  evaluate: (e) => forgedAssertionRefused(e, WHAT),
};
