/**
 * code-bound-to-client (TK-04) — a code issued to one client, redeemed by another client with that
 * client's own valid credentials (the PKCE verifier included): no tokens, invalid_grant.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.5
 */
import type { CheckDefinition } from '../types.js';
import { authorizationOf } from '../related.js';
import { refusedWithoutTokens } from '../token-response.js';

export const codeBoundToClient: CheckDefinition<'token'> = {
  id: 'code-bound-to-client',
  title: 'A code issued to one client cannot be redeemed by another',
  catalog: ['TK-04'],
  requirements: ['RFC6749-4.1.3', 'RFC6749-10.5'],
  level: 'MUST',
  quote: 'ensure that the authorization code was issued to the authenticated confidential client, or if the client is public, ensure that the code was issued to "client_id" in the request',
  on: 'token',
  evaluate(e, ctx) {
    const auth = authorizationOf(e, ctx);
    if (!auth) return { holds: 'n/a', reason: 'the authorization of this code is not in the evidence' };
    if (auth.client === e.client) return { holds: 'n/a', reason: `the code was redeemed by the client it was issued to (${e.client})` };
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_grant',
      accepted: `client "${e.client}" redeemed a code issued to client "${auth.client}" and got tokens`,
    });
  },
};
