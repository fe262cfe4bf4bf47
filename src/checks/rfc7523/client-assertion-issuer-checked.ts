/**
 * client-assertion-issuer-checked (CA-04) — a client assertion must name the client as both iss and sub (OIDC Core §9); one whose iss is another client gets no tokens.
 * Judged on what happened: no tokens. The error code (invalid_client) is reported beside it.
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.9
 */
import type { CheckDefinition } from '../types.js';
import { forgedAssertionRefused } from '../jwt.js';

const WHAT: Record<string, string> = { 'iss-not-sub': 'with a client assertion whose iss names another client than its sub' };

export const clientAssertionIssuerChecked: CheckDefinition<'token'> = {
  id: 'client-assertion-issuer-checked',
  title: 'A client assertion whose iss is not its sub (the client_id) is refused',
  catalog: ['CA-04'],
  requirements: ['RFC7523-3', 'OIDC-9'],
  level: 'MUST',
  quote: 'For client authentication, the subject MUST be the "client_id" of the OAuth client.',
  on: 'token',
  evaluate: (e) => forgedAssertionRefused(e, WHAT),
};
