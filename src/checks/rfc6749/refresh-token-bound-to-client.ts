/**
 * refresh-token-bound-to-client (RT-01) — a refresh token issued to one client, used by another client
 * with that client's own valid credentials: no tokens, invalid_grant.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.4
 */
import type { CheckDefinition } from '../types.js';
import { tokenStepOf } from '../related.js';
import { refusedWithoutTokens } from '../token-response.js';

export const refreshTokenBoundToClient: CheckDefinition<'token'> = {
  id: 'refresh-token-bound-to-client',
  title: 'A refresh token issued to one client cannot be used by another',
  catalog: ['RT-01'],
  requirements: ['RFC6749-6', 'RFC6749-10.4'],
  level: 'MUST',
  quote: 'The authorization server MUST maintain the binding between a refresh token and the client to whom it was issued.',
  on: 'token',
  evaluate(e, ctx) {
    if (e.grant !== 'refresh_token') return { holds: 'n/a', reason: `a ${e.grant} grant, not a refresh` };
    const origin = tokenStepOf(e, ctx);
    if (!origin) return { holds: 'n/a', reason: 'the step that issued this refresh token is not in the evidence' };
    if (origin.client === e.client) return { holds: 'n/a', reason: `the refresh token was used by the client it was issued to (${e.client})` };
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_grant',
      accepted: `client "${e.client}" used a refresh token issued to client "${origin.client}" and got tokens`,
    });
  },
};
