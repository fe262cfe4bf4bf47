/**
 * client-assertion-replay-rejected (CA-03) — a token request re-sending the client assertion an earlier request used (same jti) gets no tokens. RFC 7523 lets the server choose (MAY); OpenID Connect Core §9 says assertions are used once: SHOULD.
 * Judged on what happened: no tokens. The error code (invalid_client) is reported beside it.
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.9
 */
import type { CheckDefinition } from '../types.js';
import { forgedAssertionRefused } from '../jwt.js';

const WHAT: Record<string, string> = { replayed: 'with a client assertion (same jti) already used by an earlier request' };

export const clientAssertionReplayRejected: CheckDefinition<'token'> = {
  id: 'client-assertion-replay-rejected',
  title: 'A client assertion already used (same jti) is refused',
  catalog: ['CA-03'],
  requirements: ['RFC7523-3', 'OIDC-9'],
  level: { default: 'SHOULD' },
  quote: 'These tokens MUST only be used once, unless conditions for reuse were negotiated between the parties',
  on: 'token',
  evaluate: (e) => forgedAssertionRefused(e, WHAT),
};
