/**
 * pkce-verifier-required (PK-03) — a code whose authorization carried a PKCE challenge is redeemed
 * without any code_verifier: no tokens. Otherwise a stolen code is redeemable, and PKCE protects nothing.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.8.2
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.6
 */
import type { CheckDefinition } from '../types.js';
import { challengeOf, sentVerifier } from '../pkce.js';
import { authorizationOf } from '../related.js';
import { refusedWithoutTokens } from '../token-response.js';

export const pkceVerifierRequired: CheckDefinition<'token'> = {
  id: 'pkce-verifier-required',
  title: 'A code issued for a PKCE challenge is not redeemed without a code_verifier',
  catalog: ['PK-03'],
  requirements: ['RFC9700-2.1.1', 'RFC9700-4.8.2', 'RFC7636-4.6'],
  level: 'MUST',
  quote: 'If a client sends a valid PKCE code_challenge parameter in the authorization request, the authorization server MUST enforce the correct usage of code_verifier at the token endpoint.',
  on: 'token',
  evaluate(e, ctx) {
    const auth = authorizationOf(e, ctx);
    if (!auth || !challengeOf(auth)) return { holds: 'n/a', reason: 'the authorization request carried no code_challenge' };
    if (sentVerifier(e) !== undefined) return { holds: 'n/a', reason: 'the token request carried a code_verifier' };
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_grant',
      accepted: 'the code was issued for a PKCE challenge, yet redeemed without any code_verifier: PKCE is not enforced',
    });
  },
};
