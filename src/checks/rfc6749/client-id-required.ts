/**
 * client-id-required (TK-07) — a token request that identifies no client at all (no client_id, no
 * credentials) gets no tokens: a code is bound to its client, and a public client proves nothing else.
 * Judged on what happened; the error code is reported beside it.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 */
import type { CheckDefinition } from '../types.js';
import { authVariant, refusedWithoutTokens } from '../token-response.js';

export const clientIdRequired: CheckDefinition<'token'> = {
  id: 'client-id-required',
  title: 'A code redemption that names no client gets no tokens',
  catalog: ['TK-07'],
  requirements: ['RFC6749-4.1.3'],
  level: 'MUST',
  quote: 'client_id REQUIRED, if the client is not authenticating with the authorization server as described in Section 3.2.1.',
  on: 'token',
  evaluate(e) {
    if (authVariant(e) !== 'no-client-id') return { holds: 'n/a', reason: 'the request identified its client' };
    return refusedWithoutTokens(e, { expectedError: 'invalid_request', accepted: 'a code redemption without client_id or client authentication was answered with tokens' });
  },
};
