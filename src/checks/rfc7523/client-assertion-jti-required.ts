/**
 * client-assertion-jti-required (CA-06) — OpenID Connect Core §9 requires jti in client assertions (RFC 7523 leaves it optional: SHOULD); one without gets no tokens.
 * Judged on what happened: no tokens. The error code (invalid_client) is reported beside it.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.9
 */
import type { CheckDefinition } from '../types.js';
import { forgedAssertionRefused } from '../jwt.js';

const WHAT: Record<string, string> = { 'no-jti': 'with a client assertion without jti' };

export const clientAssertionJtiRequired: CheckDefinition<'token'> = {
  id: 'client-assertion-jti-required',
  title: 'A client assertion without jti is refused',
  catalog: ['CA-06'],
  requirements: ['OIDC-9'],
  level: { default: 'SHOULD' },
  quote: 'jti REQUIRED. JWT ID. A unique identifier for the token, which can be used to prevent reuse of the token.',
  on: 'token',
  evaluate: (e) => forgedAssertionRefused(e, WHAT),
};
